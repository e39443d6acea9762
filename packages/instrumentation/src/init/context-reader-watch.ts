import type {
  Context,
  TextMapGetter,
  TextMapPropagator,
  TextMapSetter,
  Tracer,
  TracerOptions,
} from '@opentelemetry/api';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { contextReaderSeen, contextReadersSeen, tracerMayStartSpansInCalls } from '../runtime/active-llm-span.ts';

// What tells Sightline's own provider that the process has code reading the active context during
// an SDK call (runtime/active-llm-span.ts): a tracer asked for by anything but Sightline, or trace
// context injected into a carrier.

/** Sightline's own provider: notes every tracer asked of it that could start spans inside an LLM call. */
export class WatchedTracerProvider extends TracerProvider {
  override getTracer(name: string, version?: string, options?: TracerOptions): Tracer {
    if (!contextReadersSeen() && tracerMayStartSpansInCalls(name)) {
      contextReaderSeen(`a tracer was asked for (scope "${name}")`);
    }
    return super.getTracer(name, version, options);
  }
}

/** The registered propagator, noting that trace context is injected (outgoing requests carry it). */
export class InjectWatchingPropagator implements TextMapPropagator {
  readonly #inner: TextMapPropagator;

  constructor(inner: TextMapPropagator) {
    this.#inner = inner;
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    contextReaderSeen('trace context was injected into a carrier');
    this.#inner.inject(context, carrier, setter);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    return this.#inner.extract(context, carrier, getter);
  }

  fields(): string[] {
    return this.#inner.fields();
  }
}
