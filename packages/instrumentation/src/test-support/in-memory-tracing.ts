import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { init, type SightlineHandle, shutdown } from '../init/init.ts';
import type { InitOptions } from '../init/options.ts';

export interface InMemoryTracing {
  exporter: InMemorySpanExporter;
  handle: SightlineHandle;
  spans(): ReadableSpan[];
  /** The one span with this name (fails the test when there is not exactly one). */
  spanNamed(name: string): ReadableSpan;
  stop(): Promise<void>;
}

/**
 * init() with an in-memory exporter that receives every span as it ends, or, with
 * `exportImmediately: false`, in batches as an app's spans leave (flush() to read them).
 */
export function startInMemoryTracing(options: InitOptions = {}): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const handle = init({ spanExporter: exporter, exportImmediately: true, ...options });
  const spans = () => exporter.getFinishedSpans();
  return {
    exporter,
    handle,
    spans,
    spanNamed(name) {
      const found = spans().filter((span) => span.name === name);
      if (found.length !== 1)
        throw new Error(
          `expected one span named ${name}, found ${found.map((span) => span.name).join(', ') || 'none'}`,
        );
      return found[0] as ReadableSpan;
    },
    stop: () => shutdown(),
  };
}
