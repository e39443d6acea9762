import { join } from 'node:path';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  lastJsonLine,
  runApp,
  type StoredSpan,
  startTestCollector,
  type TestCollector,
} from '../test-support/collector.test.support.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');

let mock: MockLlmServer;
let collector: TestCollector;

beforeAll(async () => {
  mock = await startMockLlmServer();
  collector = await startTestCollector();
});

afterAll(async () => {
  await collector?.close();
  await mock?.close();
});

interface AppResult {
  traceId: string;
  replies: unknown[];
}

function env(extra: Record<string, string> = {}): Record<string, string> {
  return { MOCK_URL: mock.url, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, ...extra };
}

function byName(spans: StoredSpan[], name: string): StoredSpan[] {
  return spans.filter((span) => span.name === name);
}

describe('an ESM app with `import "@sightline/instrumentation/auto"` on its first line', () => {
  it('sends every LLM call to the collector with model, tokens, cost and context, under the app step', async () => {
    const run = await runApp([join(FIXTURES, 'esm-app.mjs')], env({ OTEL_SERVICE_NAME: 'esm-e2e' }), FIXTURES);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = lastJsonLine<AppResult>(run.stdout);
    expect(result.replies).toEqual([
      'Mock reply to: Hello from ESM',
      'Mock reply to: Stream from ESM',
      'Mock reply to: Hello Claude',
    ]);

    const detail = await collector.trace(result.traceId, 4);
    expect(detail.spans).toHaveLength(4);
    const [root] = byName(detail.spans, 'answer');
    expect(root).toMatchObject({ spanType: 'chain', userId: 'esm-user', serviceName: 'esm-e2e' });
    const openaiCalls = byName(detail.spans, 'chat gpt-4o-mini');
    const [claude] = byName(detail.spans, 'chat claude-sonnet-4-6');
    expect(openaiCalls).toHaveLength(2);
    for (const call of [...openaiCalls, claude]) {
      expect(call).toMatchObject({
        parentSpanId: root?.spanId,
        scopeName: '@sightline/instrumentation',
        spanType: 'llm',
        userId: 'esm-user',
        sessionId: 'esm-session',
        feature: 'checkout',
        costSource: 'provided',
        countsInTotals: true,
      });
      expect(call?.costUsd).toBeGreaterThan(0);
      expect(call?.input[0]?.role).toBe('user');
      expect(call?.output[0]?.role).toBe('assistant');
    }
    expect(openaiCalls.map((call) => [call.provider, call.inputTokens, call.outputTokens])).toEqual([
      ['openai', 3, 6],
      ['openai', 3, 6],
    ]);
    expect(openaiCalls[1]?.timeToFirstTokenMs).toBeGreaterThan(0);
    expect([claude?.provider, claude?.inputTokens, claude?.outputTokens]).toEqual(['anthropic', 2, 5]);
    // The SDK's own anthropic.messages.create span was suppressed: one LLM span per call.
    expect(byName(detail.spans, 'anthropic.messages.create')).toEqual([]);
    expect(detail.trace.userId).toBe('esm-user');
    expect(detail.trace.inputTokens).toBe(8);
    expect(detail.trace.costUsd).toBeCloseTo(
      [...openaiCalls, claude].reduce((sum, call) => sum + (call?.costUsd ?? 0), 0),
      12,
    );
  });
});

describe('an ESM app with no Sightline code, started with `node --import @sightline/instrumentation/auto`', () => {
  it('instruments the openai import and exports the app own spans too', async () => {
    const run = await runApp(
      ['--import', '@sightline/instrumentation/auto', join(FIXTURES, 'zero-code-app.mjs')],
      env(),
      FIXTURES,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = lastJsonLine<AppResult>(run.stdout);
    expect(result.replies).toEqual(['Mock reply to: Hello zero code']);
    const detail = await collector.trace(result.traceId, 2);
    const [root] = byName(detail.spans, 'handle-request');
    const [call] = byName(detail.spans, 'chat gpt-4o-mini');
    expect(call).toMatchObject({
      parentSpanId: root?.spanId,
      provider: 'openai',
      inputTokens: 3,
      outputTokens: 6,
      costSource: 'provided',
    });
  });
});

describe('module source given on the command line (`node --import … --input-type=module -e`)', () => {
  it('runs and instruments the openai import made by that source', async () => {
    const source = [
      "const { default: OpenAI } = await import('openai');",
      "const { trace } = await import('@opentelemetry/api');",
      "const openai = new OpenAI({ baseURL: `${process.env.MOCK_URL}/v1`, apiKey: 'test-key' });",
      "const result = await trace.getTracer('eval-app').startActiveSpan('eval-request', async (root) => {",
      "  const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello eval' }] });",
      '  root.end();',
      '  return { traceId: root.spanContext().traceId, replies: [completion.choices[0].message.content] };',
      '});',
      'process.stdout.write(`${JSON.stringify(result)}\\n`);',
    ].join('\n');
    const run = await runApp(
      ['--import', '@sightline/instrumentation/auto', '--input-type=module', '-e', source],
      env(),
      FIXTURES,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = lastJsonLine<AppResult>(run.stdout);
    expect(result.replies).toEqual(['Mock reply to: Hello eval']);
    const detail = await collector.trace(result.traceId, 2);
    const [root] = byName(detail.spans, 'eval-request');
    const [call] = byName(detail.spans, 'chat gpt-4o-mini');
    expect(call).toMatchObject({ parentSpanId: root?.spanId, provider: 'openai', inputTokens: 2 });
  });
});

describe('an ESM app that calls init() and imports the SDKs afterwards, with no loader flag', () => {
  it('gets both SDKs instrumented by the in-thread loader hook init() registers', async () => {
    const run = await runApp([join(FIXTURES, 'init-then-import-app.mjs')], env(), FIXTURES);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = lastJsonLine<AppResult & { mode: string }>(run.stdout);
    expect(result.mode).toBe('owned');
    expect(result.replies).toEqual(['Mock reply to: Hello after init', 'Mock reply to: Hello Claude after init']);
    const detail = await collector.trace(result.traceId, 3);
    const [root] = byName(detail.spans, 'lazy-route');
    const [openaiCall] = byName(detail.spans, 'chat gpt-4o-mini');
    const [claude] = byName(detail.spans, 'chat claude-sonnet-4-6');
    for (const call of [openaiCall, claude]) {
      expect(call).toMatchObject({
        parentSpanId: root?.spanId,
        serviceName: 'init-then-import',
        scopeName: '@sightline/instrumentation',
        costSource: 'provided',
      });
    }
    expect([openaiCall?.provider, claude?.provider]).toEqual(['openai', 'anthropic']);
  });
});

describe('a CommonJS app that require()s the auto entry', () => {
  it('instruments openai and @anthropic-ai/sdk loaded by require()', async () => {
    const run = await runApp([join(FIXTURES, 'cjs-app.cjs')], env(), FIXTURES);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = lastJsonLine<AppResult>(run.stdout);
    expect(result.replies).toEqual([1, 'Mock reply to: Stream from CJS']);
    const detail = await collector.trace(result.traceId, 3);
    const [root] = byName(detail.spans, 'answer');
    const [embedding] = byName(detail.spans, 'embeddings text-embedding-3-small');
    const [claude] = byName(detail.spans, 'chat claude-sonnet-4-6');
    expect(embedding).toMatchObject({
      parentSpanId: root?.spanId,
      spanType: 'embedding',
      inputTokens: 3,
      userId: 'cjs-user',
    });
    expect(claude).toMatchObject({
      parentSpanId: root?.spanId,
      spanType: 'llm',
      inputTokens: 3,
      outputTokens: 6,
      userId: 'cjs-user',
    });
    expect(byName(detail.spans, 'anthropic.messages.create')).toEqual([]);
  });
});
