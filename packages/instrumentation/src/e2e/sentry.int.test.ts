// Sightline next to the real Sentry SDK, which registers its own OpenTelemetry tracer provider
// first: Sentry keeps receiving its events and its span tree unchanged, and Sightline's LLM span
// reaches the collector, in Sentry's trace, under the app's Sentry span.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lastJsonLine,
  runApp,
  startTestCollector,
  type TestCollector,
} from '../test-support/collector.test.support.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

interface SentrySpan {
  name: string;
  span_id: string;
  trace_id: string;
  parent_span_id?: string;
  is_segment: boolean;
  attributes?: Record<string, { value: unknown }>;
}

/** A local stand-in for Sentry's ingest endpoint: keeps every envelope line it receives. */
function startSentryIngest(): Promise<{ server: Server; dsn: string; lines: unknown[] }> {
  const lines: unknown[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      for (const line of body.split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, dsn: `http://public@127.0.0.1:${port}/1`, lines });
    }),
  );
}

let mock: MockLlmServer;
let collector: TestCollector;
let ingest: Awaited<ReturnType<typeof startSentryIngest>>;

beforeAll(async () => {
  mock = await startMockLlmServer();
  collector = await startTestCollector();
  ingest = await startSentryIngest();
});

afterAll(async () => {
  await new Promise((resolve) => ingest?.server.close(resolve));
  await collector?.close();
  await mock?.close();
});

describe('an app that set up @sentry/node (with its OpenTelemetry provider) before Sightline', () => {
  it('keeps Sentry working and exports the LLM span to the collector, in the same trace', async () => {
    const run = await runApp(
      [join(FIXTURES, 'sentry-app.mjs')],
      { MOCK_URL: mock.url, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, SENTRY_DSN: ingest.dsn },
      FIXTURES,
    );
    expect(run.code).toBe(0);
    // Sentry's provider takes no extra span processor: the one warning says Sightline exports alongside.
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('Sightline exports its own spans alongside it'),
    ]);
    const result = lastJsonLine<{ traceId: string; reply: string; mode: string; sentryFlushed: boolean }>(run.stdout);
    expect(result).toMatchObject({ reply: 'Mock reply to: Hello Sentry', mode: 'alongside', sentryFlushed: true });

    // Sentry: the captured message and the app's span tree, as without Sightline.
    expect(ingest.lines).toContainEqual(expect.objectContaining({ message: 'checkout answered', level: 'info' }));
    const sentrySpans = ingest.lines.flatMap((line) =>
      line !== null && typeof line === 'object' && Array.isArray((line as { items?: unknown }).items)
        ? ((line as { items: SentrySpan[] }).items ?? [])
        : [],
    );
    const checkout = sentrySpans.find((span) => span.name === 'checkout');
    const sentryChat = sentrySpans.find((span) => span.name === 'chat gpt-4o-mini');
    expect(checkout).toMatchObject({ trace_id: result.traceId, is_segment: true });
    expect(sentryChat?.parent_span_id).toBe(checkout?.span_id);
    expect(sentrySpans.find((span) => span.name.startsWith('POST'))?.parent_span_id).toBe(sentryChat?.span_id);

    // Sightline: its LLM span, priced and with content, under Sentry's span in Sentry's trace.
    const detail = await collector.trace(result.traceId, 1);
    const [llm] = detail.spans;
    expect(llm).toMatchObject({
      name: 'chat gpt-4o-mini',
      parentSpanId: checkout?.span_id,
      scopeName: '@sightline/instrumentation',
      provider: 'openai',
      inputTokens: 2,
      outputTokens: 5,
      costSource: 'provided',
    });
    expect(llm?.input[0]?.role).toBe('user');
    expect(llm?.output[0]?.role).toBe('assistant');
  });
});
