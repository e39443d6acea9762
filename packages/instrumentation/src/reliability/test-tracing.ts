// Test support: the real OTel SDK registered globally with an in-memory exporter and async context.
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export interface TestTracing {
  exporter: InMemorySpanExporter;
  /** Finished spans, once the (asynchronous) simple processor has exported them all. */
  spans(): Promise<ReadableSpan[]>;
  /** The one finished span with this name (throws when there is none or more than one). */
  span(name: string): Promise<ReadableSpan>;
  reset(): void;
}

let tracing: TestTracing | undefined;

export function startTestTracing(): TestTracing {
  if (tracing) return tracing;
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  const spans = async () => {
    await provider.forceFlush();
    return exporter.getFinishedSpans();
  };
  tracing = {
    exporter,
    spans,
    async span(name) {
      const all = await spans();
      const found = all.filter((span) => span.name === name);
      if (found.length !== 1) {
        throw new Error(`expected one span "${name}", found ${found.length} in [${all.map((span) => span.name)}]`);
      }
      return found[0]!;
    },
    reset: () => exporter.reset(),
  };
  return tracing;
}
