import { gunzipSync } from 'node:zlib';
import { GEN_AI_PROMPT_NAME, SIGHTLINE_FEATURE, SIGHTLINE_PROMPT_VERSION } from '@sightline/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeTraceRequest } from '../otlp/encode-request.ts';
import type { OtlpSpan } from '../otlp/types.ts';
import { chatSpan, newSpanId, newTraceId } from '../test-support/otlp-spans.ts';
import { createTestApp } from '../test-support/test-collector.ts';

type TestApp = Awaited<ReturnType<typeof createTestApp>>['app'];

const PROJECT_KEY = 'ui-view-project-key-0001';
const READ_KEY = 'ui-view-read-only-key-01';
const AUTH = { authorization: `Bearer ${PROJECT_KEY}` };

/** An agent run: root agent span, two model calls (one priced, one with an unknown model), a tool call. */
function agentTrace(options: {
  session: string;
  user: string;
  version: string;
  feature: string;
  minutesAgo: number;
  question: string;
}) {
  const traceId = newTraceId();
  const rootId = newSpanId();
  const start = Math.round((Date.now() - options.minutesAgo * 60_000) * 1000);
  const context = {
    'user.id': options.user,
    'session.id': options.session,
    [GEN_AI_PROMPT_NAME]: 'support-answer',
    [SIGHTLINE_PROMPT_VERSION]: options.version,
    [SIGHTLINE_FEATURE]: options.feature,
  };
  const root: OtlpSpan = {
    ...chatSpan({ traceId, spanId: rootId }),
    name: 'invoke_agent support',
    kind: 'INTERNAL',
    startTimeUnixUs: start,
    endTimeUnixUs: start + 3_000_000,
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'support', ...context },
  };
  const firstCall = chatSpan({
    traceId,
    parentSpanId: rootId,
    startTimeUnixUs: start + 100_000,
    endTimeUnixUs: start + 900_000,
    attributes: {
      ...context,
      'gen_ai.input.messages': JSON.stringify([
        { role: 'system', parts: [{ type: 'text', content: 'You are a support agent.' }] },
        { role: 'user', parts: [{ type: 'text', content: options.question }] },
      ]),
    },
  });
  const tool: OtlpSpan = {
    ...chatSpan({ traceId, parentSpanId: rootId }),
    name: 'execute_tool lookup_order',
    kind: 'INTERNAL',
    startTimeUnixUs: start + 1_000_000,
    endTimeUnixUs: start + 1_200_000,
    attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order' },
  };
  const secondCall = chatSpan({
    traceId,
    parentSpanId: rootId,
    startTimeUnixUs: start + 1_300_000,
    endTimeUnixUs: start + 2_900_000,
    attributes: {
      ...context,
      'gen_ai.request.model': 'in-house-model-7',
      'gen_ai.response.model': 'in-house-model-7',
      'gen_ai.output.messages': JSON.stringify([
        {
          role: 'assistant',
          parts: [{ type: 'text', content: `Answer to ${options.question}` }],
          finish_reason: 'stop',
        },
      ]),
    },
  });
  return {
    traceId,
    spans: [root, firstCall, tool, secondCall],
    rootId,
    firstCallId: firstCall.spanId,
    toolId: tool.spanId,
    secondCallId: secondCall.spanId,
  };
}

async function getJson(app: TestApp, path: string, headers: Record<string, string> = AUTH) {
  const response = await app.request(path, { headers });
  return { status: response.status, body: (await response.json()) as any };
}

describe('view API', () => {
  let app: TestApp;
  const session = `session-${newTraceId().slice(0, 8)}`;
  const user = `user-${newTraceId().slice(0, 8)}`;
  const traces = [
    agentTrace({ session, user, version: 'v1', feature: 'refunds', minutesAgo: 30, question: 'Where is my order?' }),
    agentTrace({ session, user, version: 'v2', feature: 'refunds', minutesAgo: 20, question: 'Can I get a refund?' }),
    agentTrace({
      session,
      user,
      version: 'v2',
      feature: 'billing',
      minutesAgo: 10,
      question: 'Why was I charged twice?',
    }),
  ];

  beforeAll(async () => {
    ({ app } = await createTestApp({ apiKeys: `uiviews:${PROJECT_KEY},uiviews:read:${READ_KEY}` }));
    const response = await app.request('/v1/traces', {
      method: 'POST',
      headers: { ...AUTH, 'content-type': 'application/x-protobuf' },
      body: encodeTraceRequest(
        traces.flatMap((trace) => trace.spans),
        'protobuf',
      ),
    });
    expect(response.status).toBe(200);
    for (const [index, trace] of traces.entries()) {
      const score = await app.request('/api/scores', {
        method: 'POST',
        headers: { ...AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({
          traceId: trace.traceId,
          name: 'helpfulness',
          value: index === 0 ? 0.2 : 0.9,
          source: 'annotation',
        }),
      });
      expect(score.status).toBe(201);
    }
  });

  it('needs an API key and read scope like the rest of the read API', async () => {
    expect((await getJson(app, '/api/dashboard', {})).status).toBe(401);
    expect((await getJson(app, '/api/trace-search', { authorization: `Bearer ${READ_KEY}` })).status).toBe(200);
  });

  it('searches traces with trace-wide filters, sorts by cost and reports score means', async () => {
    const { status, body } = await getJson(app, `/api/trace-search?feature=refunds&userId=${user}`);
    expect(status).toBe(200);
    expect(body.traces.map((trace: any) => trace.traceId)).toEqual([traces[1]!.traceId, traces[0]!.traceId]);
    expect(body.traces[0]).toMatchObject({ name: 'invoke_agent support', sessionId: session, userId: user });
    expect(body.traces[0].scores).toEqual([{ name: 'helpfulness', mean: 0.9, count: 1 }]);

    const scored = await getJson(app, `/api/trace-search?sessionId=${session}&scoreName=helpfulness&maxScore=0.5`);
    expect(scored.body.traces.map((trace: any) => trace.traceId)).toEqual([traces[0]!.traceId]);

    const byTime = await getJson(app, `/api/trace-search?sessionId=${session}&sort=startTime&order=asc&limit=2`);
    expect(byTime.body.traces.map((trace: any) => trace.traceId)).toEqual([traces[0]!.traceId, traces[1]!.traceId]);
    const next = await getJson(
      app,
      `/api/trace-search?sessionId=${session}&sort=startTime&order=asc&limit=2&cursor=${byTime.body.nextCursor}`,
    );
    expect(next.body.traces.map((trace: any) => trace.traceId)).toEqual([traces[2]!.traceId]);
    expect(next.body.nextCursor).toBeNull();

    const byCost = await getJson(app, `/api/trace-search?sessionId=${session}&sort=costUsd&limit=1`);
    expect(byCost.body.traces).toHaveLength(1);
    const foreign = await getJson(app, `/api/trace-search?sort=durationMs&cursor=${byCost.body.nextCursor}`);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(/invalid cursor/);
  });

  it('validates view queries with messages that say what was wrong', async () => {
    const bad = await getJson(app, '/api/trace-search?minScore=1');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/scoreName/);
    expect((await getJson(app, '/api/dashboard?breakdown=colour')).status).toBe(400);
    expect((await getJson(app, '/api/trace-search?unknown=1')).status).toBe(400);
    expect((await getJson(app, '/api/dashboard?from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z')).status).toBe(400);
  });

  it('reads a trace as an outline, then one span with its messages and mapping', async () => {
    const trace = traces[0]!;
    const outline = await getJson(app, `/api/traces/${trace.traceId}/outline`);
    expect(outline.status).toBe(200);
    const { spans, strings } = outline.body;
    expect(spans.spanId).toEqual([trace.rootId, trace.firstCallId, trace.toolId, trace.secondCallId]);
    expect(spans.parent).toEqual([-1, 0, 0, 0]);
    expect(spans.name.map((index: number) => strings[index])).toEqual([
      'invoke_agent support',
      'chat gpt-4o-mini',
      'execute_tool lookup_order',
      'chat gpt-4o-mini',
    ]);
    expect(spans.name[1]).toBe(spans.name[3]);
    expect(spans.spanType.map((index: number) => strings[index])).toEqual(['agent', 'llm', 'tool', 'llm']);
    expect(spans.startUs).toEqual([0, 100_000, 1_000_000, 1_300_000]);
    expect(spans.durationUs).toEqual([3_000_000, 800_000, 200_000, 1_600_000]);
    expect(spans.status.map((index: number) => outline.body.statusCodes[index])).toEqual([
      'UNSET',
      'UNSET',
      'UNSET',
      'UNSET',
    ]);
    expect(spans.errorType.map((index: number) => strings[index])).toEqual(['', '', '', '']);
    expect(Math.floor(outline.body.baseStartUs / 1000)).toBe(Date.parse(outline.body.trace.startTime));
    expect(outline.body).toMatchObject({ countedCalls: 2, unpricedCalls: 1 });
    expect(JSON.stringify(outline.body)).not.toContain('Where is my order?');
    expect(outline.body.scores).toHaveLength(1);

    const gzipped = await app.request(`/api/traces/${trace.traceId}/outline`, {
      headers: { ...AUTH, 'accept-encoding': 'gzip' },
    });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    const unzipped = JSON.parse(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString('utf8'));
    expect(unzipped.spans.spanId).toEqual(spans.spanId);

    const span = await getJson(app, `/api/traces/${trace.traceId}/spans/${trace.firstCallId}`);
    expect(span.status).toBe(200);
    expect(span.body.input[1].parts[0].content).toBe('Where is my order?');
    expect(span.body.mapping.mapped.length).toBeGreaterThan(0);
    expect((await getJson(app, `/api/traces/${trace.traceId}/spans/${'0'.repeat(16)}`)).status).toBe(404);
  });

  it('serves dashboards from the rollups with breakdowns, scores and top users', async () => {
    const { status, body } = await getJson(app, '/api/dashboard?breakdown=promptVersion&promptName=support-answer');
    expect(status).toBe(200);
    expect(body.total.calls).toBe(6);
    expect(body.total.pricedCalls).toBe(3);
    expect(body.total.latencyMs.p50).toBeGreaterThan(0);
    expect(body.groups.map((group: any) => [group.key, group.calls])).toEqual([
      ['v2', 4],
      ['v1', 2],
    ]);
    expect(body.groupSeries).toHaveLength(2);
    expect(body.overall.calls.reduce((sum: number, value: number) => sum + value, 0)).toBe(6);
    expect(body.buckets).toHaveLength(body.overall.calls.length);
    expect(body.scores.find((score: any) => score.name === 'helpfulness').totalCount).toBe(3);
    // Cost per user is its own panel: the users API.
    expect(body.topUsers).toBeUndefined();
    const users = await getJson(app, '/api/users?limit=20');
    expect(users.body.users.find((row: any) => row.key === user).traces).toBe(3);

    const facets = await getJson(app, '/api/facets');
    expect(facets.body.features).toEqual(expect.arrayContaining(['billing', 'refunds']));
    expect(facets.body.scoreNames).toContain('helpfulness');
  });

  it('shows a session as one conversation and a user over time', async () => {
    const { body } = await getJson(app, `/api/sessions/${session}`);
    expect(body.turns.map((turn: any) => turn.trace.traceId)).toEqual(traces.map((trace) => trace.traceId));
    expect(body.turns[0].input).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'Where is my order?' }] }]);
    expect(body.turns[0].output[0].parts[0].content).toBe('Answer to Where is my order?');
    expect(body.totals.traces).toBe(3);

    const sessions = await getJson(app, '/api/sessions');
    expect(sessions.body.sessions.map((row: any) => row.key)).toContain(session);

    const userView = await getJson(app, `/api/users/${user}`);
    expect(userView.body.totals.traces).toBe(3);
    expect(userView.body.traces.reduce((sum: number, value: number) => sum + value, 0)).toBe(3);
    expect(userView.body.sessions.map((row: any) => row.key)).toEqual([session]);
  });

  it('compares prompt versions with first-seen dates and score means', async () => {
    const list = await getJson(app, '/api/prompts');
    expect(list.body.prompts.find((prompt: any) => prompt.name === 'support-answer').versions).toBe(2);
    const { body } = await getJson(app, '/api/prompts/support-answer/versions');
    expect(body.versions.map((version: any) => [version.version, version.calls])).toEqual([
      ['v1', 2],
      ['v2', 4],
    ]);
    expect(body.versions[0].firstSeen < body.versions[1].firstSeen).toBe(true);
    expect(body.versions[0].scores).toEqual([{ name: 'helpfulness', mean: 0.2, count: 1 }]);
    expect(body.versions[1].scores[0]).toMatchObject({ name: 'helpfulness', count: 2 });
    expect(body.traffic).toHaveLength(2);
  });

  it('answers unknown API paths with JSON 404, not the web app', async () => {
    const response = await app.request('/api/nothing-here', { headers: AUTH });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/json/);
  });
});
