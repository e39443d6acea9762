import { type Tracer, type TracerProvider, trace } from '@opentelemetry/api';

export const INSTRUMENTATION_SCOPE = '@sightline/instrumentation';
export const INSTRUMENTATION_VERSION = '0.1.0';

// Set only when Sightline exports alongside an app provider it cannot join: then its spans go to
// a provider of its own instead of the registered one.
let privateProvider: TracerProvider | undefined;

export function usePrivateTracerProvider(provider: TracerProvider | undefined): void {
  privateProvider = provider;
}

/** The tracer for every span this package creates. */
export function sightlineTracer(): Tracer {
  return (privateProvider ?? trace.getTracerProvider()).getTracer(INSTRUMENTATION_SCOPE, INSTRUMENTATION_VERSION);
}
