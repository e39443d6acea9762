// Replays the real OTLP/JSON payloads of third-party GenAI instrumentations (normalise/__fixtures__/interop)
// through the real collector app and storage, then reads every trace back through the API and compares
// the stored canonical fields with the facts each payload is known to carry (interop-replay-facts-*.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPENLLMETRY_FACTS, OTEL_OPENAI_FACTS } from './interop-replay-facts-frameworks.ts';
import { ANTHROPIC_SDK_FACTS, OPENINFERENCE_FACTS } from './interop-replay-facts-sdks.ts';
import { VERCEL_AI_FACTS } from './interop-replay-facts-vercel.ts';
import { type FileFacts, viewOfTrace } from './interop-replay-view.ts';
import type { TraceDetail } from './storage/api-types.ts';
import { createTestApp } from './test-support/test-collector.ts';

const FACTS: Record<string, FileFacts> = {
  ...ANTHROPIC_SDK_FACTS,
  ...OPENINFERENCE_FACTS,
  ...OPENLLMETRY_FACTS,
  ...OTEL_OPENAI_FACTS,
  ...VERCEL_AI_FACTS,
};

const FIXTURES = new URL('./normalise/__fixtures__/interop/', import.meta.url);

interface Fixture {
  signal: 'traces' | 'logs';
  contentType: string;
  body: Record<string, unknown>;
}

const files = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json'))
  .sort();
const fixtures = new Map(
  files.map((file) => [file, JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as Fixture]),
);

type Json = unknown;
const NANOS_KEY = /UnixNano$/;

function visitTimes(value: Json, visit: (nanos: bigint) => bigint): Json {
  if (Array.isArray(value)) return value.map((item) => visitTimes(item, visit));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) =>
      NANOS_KEY.test(key) && (typeof item === 'string' || typeof item === 'number')
        ? [key, String(visit(BigInt(item)))]
        : [key, visitTimes(item, visit)],
    ),
  );
}

/**
 * The payloads keep the times they were recorded at; storage drops spans older than its retention
 * (30 days) at once. Every payload is moved by the same whole number of milliseconds so that the
 * newest one ends a minute ago: order and durations within and across payloads are unchanged.
 */
function retentionSafeOffset(): bigint {
  let newest = 0n;
  for (const fixture of fixtures.values()) {
    visitTimes(fixture.body, (nanos) => {
      if (nanos > newest) newest = nanos;
      return nanos;
    });
  }
  const target = BigInt(Date.now() - 60_000) * 1_000_000n;
  return ((target - newest) / 1_000_000n) * 1_000_000n;
}

interface SpanJson {
  traceId: string;
  spanId: string;
  startTimeUnixNano: string;
}

function payloadSpans(fixture: Fixture): SpanJson[] {
  const body = fixture.body as { resourceSpans: { scopeSpans: { spans: SpanJson[] }[] }[] };
  return body.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans));
}

function payloadRecords(fixture: Fixture): { traceId: string; spanId: string }[] {
  const body = fixture.body as {
    resourceLogs: { scopeLogs: { logRecords: { traceId: string; spanId: string }[] }[] }[];
  };
  return body.resourceLogs.flatMap((resource) => resource.scopeLogs.flatMap((scope) => scope.logRecords));
}

/** Trace ids of a traces payload, ordered by each trace's earliest span. */
function traceIdsOf(fixture: Fixture): string[] {
  const starts = new Map<string, bigint>();
  for (const span of payloadSpans(fixture)) {
    const start = BigInt(span.startTimeUnixNano);
    const known = starts.get(span.traceId);
    if (known === undefined || start < known) starts.set(span.traceId, start);
  }
  return [...starts].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([traceId]) => traceId);
}

describe('interop replay: real third-party OTLP payloads through the collector', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>['app'];
  const answers = new Map<string, { status: number; body: unknown }>();
  const shift = retentionSafeOffset();

  async function readTrace(traceId: string): Promise<TraceDetail> {
    const response = await app.request(`/api/traces/${traceId}`);
    expect(response.status, `trace ${traceId}`).toBe(200);
    return (await response.json()) as TraceDetail;
  }

  beforeAll(async () => {
    ({ app } = await createTestApp());
    for (const [file, fixture] of fixtures) {
      const response = await app.request(fixture.signal === 'logs' ? '/v1/logs' : '/v1/traces', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(visitTimes(fixture.body, (nanos) => nanos + shift)),
      });
      answers.set(file, { status: response.status, body: await response.json() });
    }
  });

  it('has the facts of every fixture file, and of no other', () => {
    expect(fixtures.size).toBeGreaterThan(0);
    expect(Object.keys(FACTS).sort()).toEqual(files);
  });

  it.each(files)('%s: accepted whole, stored as its facts say', async (file) => {
    const fixture = fixtures.get(file);
    const facts = FACTS[file];
    if (!fixture || !facts) throw new Error(`no facts for ${file}`);
    expect(fixture.contentType).toBe('application/json');
    // An OTLP/JSON success with nothing rejected is `{}` (no partialSuccess).
    expect(answers.get(file)).toEqual({ status: 200, body: {} });

    if (facts.signal === 'logs') {
      expect(fixture.signal).toBe('logs');
      const records = payloadRecords(fixture);
      expect(records).toHaveLength(facts.records);
      const scenario = fixtures.get(facts.scenario);
      if (!scenario) throw new Error(`no scenario ${facts.scenario}`);
      for (const record of records) {
        expect(traceIdsOf(scenario)).toContain(record.traceId);
        const detail = await readTrace(record.traceId);
        const span = detail.spans.find((candidate) => candidate.spanId === record.spanId);
        expect(span?.messagesSource, `span ${record.spanId}`).toBe('log_events');
      }
      return;
    }

    expect(fixture.signal).toBe('traces');
    const details = await Promise.all(traceIdsOf(fixture).map(readTrace));
    expect(details.map(viewOfTrace)).toEqual(facts.traces);
    for (const detail of details) {
      for (const span of detail.spans) {
        expect(span.mapping.errors, span.name).toEqual([]);
        // A calculated cost is a price, never a silent $0; no price is null.
        if (span.costSource === 'calculated') expect(span.costUsd, span.name).toBeGreaterThan(0);
        if (span.costSource === 'none') expect(span.costUsd, span.name).toBeNull();
      }
      const priced = detail.spans.some((span) => span.countsInTotals && span.costSource === 'calculated');
      if (priced) expect(detail.trace.costUsd).toBeGreaterThan(0);
    }
  });

  it('finds AI SDK 7 traces by user and session, though their chat spans carry neither', async () => {
    const otelFiles = files.filter((file) => file.startsWith('vercel-ai-otel-7'));
    const traceIds = otelFiles.flatMap((file) => {
      const fixture = fixtures.get(file);
      return fixture ? traceIdsOf(fixture) : [];
    });
    expect(traceIds).toHaveLength(4);
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const query = new URLSearchParams({ userId: 'user-42', sessionId: 'session-7', from, to, limit: '200' });
    const response = await app.request(`/api/traces?${query}`);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { traces: { traceId: string; userId: string; sessionId: string }[] };
    const found = page.traces.filter((summary) => traceIds.includes(summary.traceId));
    expect(found.map((summary) => summary.traceId).sort()).toEqual([...traceIds].sort());
    for (const summary of found) expect(summary).toMatchObject({ userId: 'user-42', sessionId: 'session-7' });
  });
});
