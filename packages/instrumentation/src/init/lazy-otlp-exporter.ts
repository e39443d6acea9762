import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

export type OtlpExporterConfig = NonNullable<ConstructorParameters<typeof OTLPTraceExporter>[0]>;

/**
 * The OTLP/HTTP trace exporter, loaded when the first batch is exported instead of at start-up
 * (the exporter and its OTLP transformer take ~40 ms to load, and the first batch leaves at the
 * earliest a second after the first span). Batches wait for the load; a failed load fails them.
 */
export class LazyOtlpExporter implements SpanExporter {
  readonly #config: OtlpExporterConfig;
  #loading: Promise<SpanExporter> | undefined;
  #exporter: SpanExporter | undefined;

  constructor(config: OtlpExporterConfig) {
    this.#config = config;
  }

  #load(): Promise<SpanExporter> {
    this.#loading ??= import('@opentelemetry/exporter-trace-otlp-http').then(({ OTLPTraceExporter: Exporter }) => {
      this.#exporter = new Exporter(this.#config);
      return this.#exporter;
    });
    return this.#loading;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.#exporter) {
      this.#exporter.export(spans, resultCallback);
      return;
    }
    this.#load().then(
      (exporter) => exporter.export(spans, resultCallback),
      (error: unknown) =>
        resultCallback({
          code: ExportResultCode.FAILED,
          error: error instanceof Error ? error : new Error(String(error)),
        }),
    );
  }

  async forceFlush(): Promise<void> {
    // Nothing was ever exported: nothing to flush, and no reason to load the exporter now.
    if (!this.#loading) return;
    const exporter = await this.#loading;
    await exporter.forceFlush?.();
  }

  async shutdown(): Promise<void> {
    if (!this.#loading) return;
    const exporter = await this.#loading;
    await exporter.shutdown();
  }
}
