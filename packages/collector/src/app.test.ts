import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeLogsRequest, encodeTraceRequest } from './otlp/encode-request.ts';
import { opentelemetry } from './otlp/generated/otlp.gen.js';
import { chatSpan, newSpanId } from './test-support/otlp-spans.ts';
import { createTestApp } from './test-support/test-collector.ts';

const PROTOBUF = { 'content-type': 'application/x-protobuf' };
const JSON_TYPE = { 'content-type': 'application/json' };
const TraceResponse = opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

async function traceDetail(app: Awaited<ReturnType<typeof createTestApp>>['app'], traceId: string, headers = {}) {
  const response = await app.request(`/api/traces/${traceId}`, { headers });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

describe('OTLP trace ingest', () => {
  it('stores a protobuf batch before acknowledging it, with canonical fields readable at once', async () => {
    const { app } = await createTestApp();
    const span = chatSpan();
    const response = await app.request('/v1/traces', {
      method: 'POST',
      headers: PROTOBUF,
      body: encodeTraceRequest([span], 'protobuf'),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    const decoded = TraceResponse.decode(new Uint8Array(await response.arrayBuffer()));
    expect(decoded.partialSuccess).toBeFalsy();

    const { status, body } = await traceDetail(app, span.traceId);
    expect(status).toBe(200);
    expect(body.trace).toMatchObject({
      traceId: span.traceId,
      spanCount: 1,
      inputTokens: 1200,
      outputTokens: 300,
      userId: 'user-42',
      sessionId: 'session-7',
    });
    expect(body.spans).toHaveLength(1);
    expect(body.spans[0]).toMatchObject({
      spanId: span.spanId,
      spanType: 'llm',
      provider: 'openai',
      requestModel: 'gpt-4o-mini',
      responseModel: 'gpt-4o-mini-2024-07-18',
      inputTokens: 1200,
      cacheReadTokens: 1000,
      outputTokens: 300,
      costSource: 'calculated',
      userId: 'user-42',
    });
    expect(body.spans[0].costUsd).toBeGreaterThan(0);
    expect(body.spans[0].input[0].parts[0].content).toBe('What is the refund policy?');
    expect(body.spans[0].mapping.mapped.length).toBeGreaterThan(3);
  });

  it('accepts gzip-compressed OTLP/JSON and answers in JSON', async () => {
    const { app } = await createTestApp();
    const span = chatSpan();
    const response = await app.request('/v1/traces', {
      method: 'POST',
      headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
      body: gzipSync(encodeTraceRequest([span], 'json')),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect((await traceDetail(app, span.traceId)).status).toBe(200);
  });

  it('serves the Langfuse-compatible route with Basic auth', async () => {
    const key = 'sl-langfuse-project-key-0001';
    const { app } = await createTestApp({ apiKeys: `lf:${key}` });
    const span = chatSpan();
    const basic = `Basic ${Buffer.from(`pk-lf-anything:${key}`).toString('base64')}`;
    const response = await app.request('/api/public/otel/v1/traces', {
      method: 'POST',
      headers: { ...JSON_TYPE, authorization: basic },
      body: encodeTraceRequest([span], 'json'),
    });
    expect(response.status).toBe(200);
    expect((await traceDetail(app, span.traceId, { authorization: `Bearer ${key}` })).status).toBe(200);
  });

  it('rejects spans with invalid ids through partial success and stores the rest', async () => {
    const { app } = await createTestApp();
    const good = chatSpan();
    const body = JSON.parse(encodeTraceRequest([good, chatSpan({ traceId: good.traceId })], 'json'));
    body.resourceSpans[0].scopeSpans[0].spans[1].spanId = 'xyz';
    const response = await app.request('/v1/traces', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { partialSuccess: { rejectedSpans: string; errorMessage: string } };
    expect(Number(answer.partialSuccess.rejectedSpans)).toBe(1);
    expect(answer.partialSuccess.errorMessage).toMatch(/span ?id/i);
    expect((await traceDetail(app, good.traceId)).body.spans).toHaveLength(1);
  });

  it('answers malformed bodies with 400 and a message saying what is wrong', async () => {
    const { app } = await createTestApp();
    const json = await app.request('/v1/traces', { method: 'POST', headers: JSON_TYPE, body: '{"resourceSpans": [' });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { message: string }).message).toMatch(/malformed OTLP request: .*JSON/i);
    const protobuf = await app.request('/v1/traces', {
      method: 'POST',
      headers: PROTOBUF,
      body: new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]),
    });
    expect(protobuf.status).toBe(400);
    const status = opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
    expect(status).toBeDefined();
  });

  it('refuses unsupported media types and encodings', async () => {
    const { app } = await createTestApp();
    const text = await app.request('/v1/traces', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(text.status).toBe(415);
    const brotli = await app.request('/v1/traces', {
      method: 'POST',
      headers: { ...JSON_TYPE, 'content-encoding': 'br' },
      body: '{}',
    });
    expect(brotli.status).toBe(415);
  });

  it('caps the decompressed body with 413', async () => {
    const { app } = await createTestApp({ maxBodyBytes: 10_000 });
    const huge = gzipSync(Buffer.from(JSON.stringify({ resourceSpans: [], padding: 'x'.repeat(200_000) })));
    const response = await app.request('/v1/traces', {
      method: 'POST',
      headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
      body: huge,
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toMatch(/exceeds 10000 bytes/);
  });

  it('does not double anything when a batch is retried', async () => {
    const { app } = await createTestApp();
    const root = chatSpan();
    const child = chatSpan({
      traceId: root.traceId,
      parentSpanId: root.spanId,
      spanId: newSpanId(),
      attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search' },
    });
    const body = encodeTraceRequest([root, child], 'protobuf');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await app.request('/v1/traces', { method: 'POST', headers: PROTOBUF, body });
      expect(response.status).toBe(200);
    }
    const { body: detail } = await traceDetail(app, root.traceId);
    expect(detail.spans).toHaveLength(2);
    expect(detail.trace).toMatchObject({ spanCount: 2, inputTokens: 1200, outputTokens: 300 });
    const list = await app.request(`/api/traces?userId=user-42&limit=200`);
    const page = (await list.json()) as { traces: { traceId: string; inputTokens: number }[] };
    expect(page.traces.filter((trace) => trace.traceId === root.traceId)).toEqual([
      expect.objectContaining({ inputTokens: 1200 }),
    ]);
  });

  it('answers 429 with Retry-After when too many ingest requests run at once', async () => {
    const { app } = await createTestApp({ maxConcurrentIngests: 0 });
    const response = await app.request('/v1/traces', { method: 'POST', headers: JSON_TYPE, body: '{}' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
  });

  it('answers 503 with Retry-After when the storage queue is full, and stores nothing of that request', async () => {
    const { app } = await createTestApp({ writer: { maxQueuedRows: 1 } });
    const batches = [0, 1, 2].map(() => [chatSpan(), chatSpan()]);
    const responses = await Promise.all(
      batches.map((spans) =>
        app.request('/v1/traces', { method: 'POST', headers: PROTOBUF, body: encodeTraceRequest(spans, 'protobuf') }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 503)).toHaveLength(2);
    for (const [index, response] of responses.entries()) {
      const stored = await traceDetail(app, batches[index]![0]!.traceId);
      if (response.status === 503) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(stored.status).toBe(404);
      } else {
        expect(stored.status).toBe(200);
      }
    }
  });
});

describe('auth and project isolation', () => {
  const keyA = 'sl-project-a-key-000000001';
  const keyB = 'sl-project-b-key-000000002';
  const ingestOnly = 'sl-project-a-ingest-00003';
  const keys = `alpha:${keyA},beta:${keyB},alpha:ingest:${ingestOnly}`;

  it('requires a key when keys are configured', async () => {
    const { app } = await createTestApp({ apiKeys: keys });
    const response = await app.request('/v1/traces', { method: 'POST', headers: JSON_TYPE, body: '{}' });
    expect(response.status).toBe(401);
    const api = await app.request('/api/traces');
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: { message: string } }).error.message).toMatch(/Bearer/);
  });

  it("never shows one project's data to another project's key", async () => {
    const { app } = await createTestApp({ apiKeys: keys });
    const span = chatSpan({ attributes: { 'user.id': 'isolation-user' } });
    const ingest = await app.request('/v1/traces', {
      method: 'POST',
      headers: { ...PROTOBUF, authorization: `Bearer ${keyA}` },
      body: encodeTraceRequest([span], 'protobuf'),
    });
    expect(ingest.status).toBe(200);
    expect((await traceDetail(app, span.traceId, { authorization: `Bearer ${keyA}` })).status).toBe(200);
    expect((await traceDetail(app, span.traceId, { authorization: `Bearer ${keyB}` })).status).toBe(404);
    const listB = await app.request('/api/traces?userId=isolation-user', {
      headers: { authorization: `Bearer ${keyB}` },
    });
    expect(((await listB.json()) as { traces: unknown[] }).traces).toEqual([]);
    const score = await app.request('/api/scores', {
      method: 'POST',
      headers: { ...JSON_TYPE, authorization: `Bearer ${keyB}` },
      body: JSON.stringify({ traceId: span.traceId, name: 'helpful', value: 1 }),
    });
    expect(score.status).toBe(201);
    const scoresA = await traceDetail(app, span.traceId, { authorization: `Bearer ${keyA}` });
    expect(scoresA.body.scores).toEqual([]);
  });

  it('keeps ingest-only keys from reading', async () => {
    const { app } = await createTestApp({ apiKeys: keys });
    const response = await app.request('/api/traces', { headers: { authorization: `Bearer ${ingestOnly}` } });
    expect(response.status).toBe(403);
  });
});

describe('logs, scores and operations endpoints', () => {
  it('joins GenAI log events to their span and turns evaluation results into scores', async () => {
    const { app } = await createTestApp();
    const span = chatSpan({ attributes: { 'gen_ai.input.messages': '', 'gen_ai.output.messages': '' } });
    const logs = encodeLogsRequest(
      [
        {
          traceId: span.traceId,
          spanId: span.spanId,
          timeUnixUs: span.startTimeUnixUs,
          eventName: 'gen_ai.user.message',
          severityText: '',
          body: { content: 'Where is my parcel?' },
          attributes: { 'event.name': 'gen_ai.user.message', 'gen_ai.system': 'openai' },
          resource: {},
          scope: { name: 'test', version: '' },
        },
        {
          traceId: span.traceId,
          spanId: span.spanId,
          timeUnixUs: span.endTimeUnixUs,
          eventName: 'gen_ai.evaluation.result',
          severityText: '',
          body: null,
          attributes: {
            'event.name': 'gen_ai.evaluation.result',
            'gen_ai.evaluation.name': 'relevance',
            'gen_ai.evaluation.score.value': 0.75,
            'gen_ai.evaluation.explanation': 'mostly on topic',
          },
          resource: {},
          scope: { name: 'test', version: '' },
        },
      ],
      'protobuf',
    );
    const logsResponse = await app.request('/v1/logs', { method: 'POST', headers: PROTOBUF, body: logs });
    expect(logsResponse.status).toBe(200);
    await app.request('/v1/traces', {
      method: 'POST',
      headers: PROTOBUF,
      body: encodeTraceRequest([span], 'protobuf'),
    });
    const { body } = await traceDetail(app, span.traceId);
    expect(body.spans[0].input).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'Where is my parcel?' }] }]);
    expect(body.scores).toEqual([
      expect.objectContaining({ name: 'relevance', value: 0.75, source: 'otel_event', spanId: span.spanId }),
    ]);
  });

  it('stores human feedback scores and validates them', async () => {
    const { app } = await createTestApp();
    const span = chatSpan();
    await app.request('/v1/traces', {
      method: 'POST',
      headers: PROTOBUF,
      body: encodeTraceRequest([span], 'protobuf'),
    });
    const created = await app.request('/api/scores', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({
        traceId: span.traceId.toUpperCase(),
        spanId: span.spanId,
        name: 'thumbs',
        value: true,
        source: 'annotation',
        comment: 'great answer',
      }),
    });
    expect(created.status).toBe(201);
    const { body } = await traceDetail(app, span.traceId);
    expect(body.scores).toEqual([
      expect.objectContaining({
        name: 'thumbs',
        value: 1,
        dataType: 'boolean',
        comment: 'great answer',
        source: 'annotation',
      }),
    ]);
    const invalid = await app.request('/api/scores', {
      method: 'POST',
      headers: JSON_TYPE,
      body: JSON.stringify({ traceId: 'nope', name: '', value: 1 }),
    });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(
      /traceId: must be 32 hexadecimal characters/,
    );
  });

  it('validates list query parameters', async () => {
    const { app } = await createTestApp();
    const response = await app.request('/api/traces?limit=100000&colour=blue');
    expect(response.status).toBe(400);
    const message = ((await response.json()) as { error: { message: string } }).error.message;
    expect(message).toMatch(/limit/);
    expect(message).toMatch(/colour/);
  });

  it('serves health, readiness, Prometheus metrics and the OpenAPI document', async () => {
    const { app } = await createTestApp();
    await app.request('/v1/traces', {
      method: 'POST',
      headers: PROTOBUF,
      body: encodeTraceRequest([chatSpan()], 'protobuf'),
    });
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/readyz')).status).toBe(200);
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toMatch(/sightline_spans_stored_total [1-9]/);
    expect(metrics).toMatch(/sightline_ingest_queue_rows 0/);
    const openapi = (await (await app.request('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/v1/traces', '/api/traces', '/api/traces/{traceId}', '/api/scores']),
    );
  });
});
