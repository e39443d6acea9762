import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { logger } from '../diagnostics/safely.ts';
import { completeDeferredAttributes } from '../spans/deferred-attributes.ts';

/**
 * Wraps the OTLP exporter so that a slow or down collector never bothers the app: failed batches
 * are dropped and counted, the first failure is logged once (not one error per batch), and the
 * batch processor is always told "done" so it never logs or retries on its own.
 */
export class DropCountingExporter implements SpanExporter {
  readonly #inner: SpanExporter;
  readonly #destination: string;
  #dropped = 0;
  #warned = false;

  constructor(inner: SpanExporter, destination: string) {
    this.#inner = inner;
    this.#destination = destination;
  }

  get droppedSpans(): number {
    return this.#dropped;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    // Every span Sightline exports passes here first: LLM spans get the attributes left to export time.
    for (const span of spans) completeDeferredAttributes(span);
    const done = (result: ExportResult) => {
      if (result.code !== ExportResultCode.SUCCESS) this.#drop(spans.length, result.error);
      resultCallback({ code: ExportResultCode.SUCCESS });
    };
    try {
      this.#inner.export(spans, done);
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  #drop(count: number, error: Error | undefined): void {
    this.#dropped += count;
    if (this.#warned) {
      logger.debug(`dropped ${count} more spans (${this.#dropped} in all)`);
      return;
    }
    this.#warned = true;
    logger.warn(
      `could not export ${count} spans to ${this.#destination} (${error?.message ?? 'export failed'}); ` +
        'spans are dropped while the collector is unreachable; the app is not affected and this is logged once',
    );
  }

  shutdown(): Promise<void> {
    return this.#inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.#inner.forceFlush?.() ?? Promise.resolve();
  }
}
