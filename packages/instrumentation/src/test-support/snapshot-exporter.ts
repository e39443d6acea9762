import type { Attributes } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

export interface ExportedSpan {
  name: string;
  /** A copy of the span's attributes taken when export() was called (what a serialising exporter sends). */
  attributes: Attributes;
}

/** An exporter that copies each span's attributes the moment it is handed the span, as OTLP would serialise them. */
export class SnapshotExporter implements SpanExporter {
  readonly exported: ExportedSpan[] = [];

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    for (const span of spans) this.exported.push({ name: span.name, attributes: { ...span.attributes } });
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  named(name: string): ExportedSpan[] {
    return this.exported.filter((span) => span.name === name);
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
