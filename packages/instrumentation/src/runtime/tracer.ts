import { type Tracer, type TracerProvider, trace } from '@opentelemetry/api';

export const INSTRUMENTATION_SCOPE = '@sightline/instrumentation';
export const INSTRUMENTATION_VERSION = '0.1.0';

// Set only when Sightline exports alongside an app provider it cannot join: then its spans go to
// a provider of its own instead of the registered one.
let privateProvider: TracerProvider | undefined;

export function usePrivateTracerProvider(provider: TracerProvider | undefined): void {
  privateProvider = provider;
}

/**
 * Whether an LLM span becomes the active span while the SDK call runs, so that what starts inside
 * (HTTP spans, the SDK's own spans) nests under it. Not with a private provider: those inner spans
 * go to the app's provider, which never receives Sightline's span, and would lose their parent there.
 */
export function activatesLlmSpans(): boolean {
  return privateProvider === undefined;
}

// The tracer of the provider in use, looked up again only when that provider changes (a provider
// registered, or disabled and replaced): getTracer() builds a key and searches a map on every call.
let tracerOwner: TracerProvider | undefined;
let tracer: Tracer | undefined;

/** The tracer for every span this package creates. */
export function sightlineTracer(): Tracer {
  const provider = privateProvider ?? trace.getTracerProvider();
  if (provider !== tracerOwner || tracer === undefined) {
    tracer = provider.getTracer(INSTRUMENTATION_SCOPE, INSTRUMENTATION_VERSION);
    tracerOwner = provider;
  }
  return tracer;
}
