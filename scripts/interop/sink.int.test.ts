import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OtlpSink, startOtlpSink } from './sink.ts';

let sink: OtlpSink;

beforeAll(async () => {
  sink = await startOtlpSink();
});
afterAll(() => sink.close());

describe('OTLP sink', () => {
  it('records the JSON body a real OTLP/HTTP exporter sends', async () => {
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'sink-test' }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${sink.url}/v1/traces` }) })],
    });
    provider.getTracer('sink-test').startSpan('hello').end();
    await provider.forceFlush();
    await provider.shutdown();
    const [payload, ...rest] = sink.take();
    expect(rest).toEqual([]);
    expect(payload?.signal).toBe('traces');
    expect(payload?.contentType).toBe('application/json');
    expect(payload?.body).toMatchObject({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'sink-test' } }] },
          scopeSpans: [{ scope: { name: 'sink-test' }, spans: [{ name: 'hello' }] }],
        },
      ],
    });
    expect(sink.take()).toEqual([]);
  });

  it('refuses a body that is not OTLP/JSON', async () => {
    const response = await fetch(`${sink.url}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: new Uint8Array([1, 2, 3]),
    });
    expect(response.status).toBe(415);
    expect(sink.take()).toHaveLength(1);
  });
});
