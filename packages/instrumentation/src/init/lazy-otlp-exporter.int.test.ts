import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExportResultCode } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LazyOtlpExporter } from './lazy-otlp-exporter.ts';

let server: Server;
let url: string;
const bodies: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      bodies.push(body);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Two real ended spans. */
async function endedSpans() {
  const memory = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: memory })] });
  const tracer = provider.getTracer('lazy-test');
  tracer.startSpan('first').end();
  tracer.startSpan('second').end();
  await provider.forceFlush();
  return memory.getFinishedSpans();
}

describe('LazyOtlpExporter', () => {
  it('flushes and shuts down without loading anything when nothing was exported', async () => {
    const exporter = new LazyOtlpExporter({ url });
    await exporter.forceFlush();
    await exporter.shutdown();
    expect(bodies).toEqual([]);
  });

  it('loads the OTLP exporter on the first batch and sends every batch as OTLP/HTTP JSON', async () => {
    const exporter = new LazyOtlpExporter({ url, headers: { 'x-team': 'core' } });
    const spans = await endedSpans();
    const results = await Promise.all(
      [spans.slice(0, 1), spans.slice(1)].map(
        (batch) => new Promise<number>((resolve) => exporter.export(batch, (result) => resolve(result.code))),
      ),
    );
    expect(results).toEqual([ExportResultCode.SUCCESS, ExportResultCode.SUCCESS]);
    await exporter.shutdown();
    const names = bodies.map(
      (body) =>
        (JSON.parse(body) as { resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ name: string }> }> }> })
          .resourceSpans[0]?.scopeSpans[0]?.spans[0]?.name,
    );
    expect(names.sort()).toEqual(['first', 'second']);
  });

  it('fails the batch when the collector cannot be reached', async () => {
    const exporter = new LazyOtlpExporter({ url: 'http://127.0.0.1:9/v1/traces', timeoutMillis: 2000 });
    const [span] = await endedSpans();
    const code = await new Promise<number>((resolve) =>
      exporter.export(span ? [span] : [], (result) => resolve(result.code)),
    );
    expect(code).toBe(ExportResultCode.FAILED);
    await exporter.shutdown();
  });
});
