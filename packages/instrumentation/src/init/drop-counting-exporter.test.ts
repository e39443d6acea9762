import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { InMemorySpanExporter, type ReadableSpan, type SpanExporter } from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { DropCountingExporter } from './drop-counting-exporter.ts';

const spans = (count: number) => Array.from({ length: count }, () => ({}) as ReadableSpan);

function exportOnce(exporter: SpanExporter, batch: ReadableSpan[]): Promise<ExportResult> {
  return new Promise((resolve) => exporter.export(batch, resolve));
}

describe('DropCountingExporter', () => {
  it('counts spans of failed and throwing exports, always reporting success to the processor', async () => {
    const failing: SpanExporter = {
      export: (_batch, done) => done({ code: ExportResultCode.FAILED, error: new Error('ECONNREFUSED') }),
      shutdown: () => Promise.resolve(),
    };
    const throwing: SpanExporter = {
      export: () => {
        throw new Error('exporter bug');
      },
      shutdown: () => Promise.resolve(),
    };
    for (const inner of [failing, throwing]) {
      const exporter = new DropCountingExporter(inner, 'http://127.0.0.1:1/v1/traces');
      expect(await exportOnce(exporter, spans(3))).toEqual({ code: ExportResultCode.SUCCESS });
      expect(await exportOnce(exporter, spans(2))).toEqual({ code: ExportResultCode.SUCCESS });
      expect(exporter.droppedSpans).toBe(5);
    }
  });

  it('passes successful exports through without counting', async () => {
    const inner = new InMemorySpanExporter();
    const exporter = new DropCountingExporter(inner, 'memory');
    expect(await exportOnce(exporter, spans(2))).toEqual({ code: ExportResultCode.SUCCESS });
    expect(inner.getFinishedSpans()).toHaveLength(2);
    expect(exporter.droppedSpans).toBe(0);
  });
});
