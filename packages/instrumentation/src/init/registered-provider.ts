import { trace } from '@opentelemetry/api';
import type { SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * The TracerProvider the app (or Sentry, Datadog, ...) registered with the OTel API, or undefined
 * when none is (the API then hands out its no-op provider).
 */
export function registeredTracerProvider(): object | undefined {
  const global = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const delegate = typeof global.getDelegate === 'function' ? global.getDelegate() : global;
  if (delegate === null || typeof delegate !== 'object') return undefined;
  if ((delegate as { constructor?: { name?: string } }).constructor?.name === 'NoopTracerProvider') return undefined;
  return delegate;
}

interface ProcessorHolder {
  addSpanProcessor?: (processor: SpanProcessor) => void;
  _activeSpanProcessor?: { _spanProcessors?: SpanProcessor[] };
}

/**
 * Adds `processor` to an existing provider without replacing it: through addSpanProcessor()
 * (OTel SDK 1.x, dd-trace), else by appending to the provider's processor list (OTel SDK 2.x and
 * 3.x, which take processors only in their constructor). Returns false when neither is possible.
 */
export function addProcessorToProvider(provider: object, processor: SpanProcessor): boolean {
  const holder = provider as ProcessorHolder;
  if (typeof holder.addSpanProcessor === 'function') {
    holder.addSpanProcessor(processor);
    return true;
  }
  const multi = holder._activeSpanProcessor;
  if (multi && Array.isArray(multi._spanProcessors)) {
    // A new array: the old one may be the very array the app passed to its provider.
    multi._spanProcessors = [...multi._spanProcessors, processor];
    return true;
  }
  return false;
}
