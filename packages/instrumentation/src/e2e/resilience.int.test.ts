import { join } from 'node:path';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unusedLoopbackPort } from '../../../collector/src/test-support/free-port.ts';
import {
  lastJsonLine,
  runApp,
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

describe('an app that registered its own TracerProvider first', () => {
  it('keeps its provider and exporter working, and Sightline exports alongside through it', async () => {
    const run = await runApp(
      [join(FIXTURES, 'own-provider-app.mjs')],
      { MOCK_URL: mock.url, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
      FIXTURES,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = lastJsonLine<{ traceId: string; reply: string; mode: string; appSpans: string[] }>(run.stdout);
    expect(result.reply).toBe('Mock reply to: Hello coexistence');
    expect(result.mode).toBe('attached');
    // The app's own exporter still gets its spans, the LLM span included.
    expect(result.appSpans.sort()).toEqual(['app-request', 'chat gpt-4o-mini']);
    const detail = await collector.trace(result.traceId, 2);
    const names = detail.spans.map((span) => span.name).sort();
    expect(names).toEqual(['app-request', 'chat gpt-4o-mini']);
    const llm = detail.spans.find((span) => span.name === 'chat gpt-4o-mini');
    expect(llm).toMatchObject({
      serviceName: 'own-provider-app',
      provider: 'openai',
      inputTokens: 2,
      costSource: 'provided',
    });
  });
});

describe('a collector that is down', () => {
  it('leaves the app unaffected, counts the dropped spans and logs once', async () => {
    const port = await unusedLoopbackPort();
    const run = await runApp(
      [join(FIXTURES, 'collector-down-app.mjs')],
      {
        MOCK_URL: mock.url,
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_EXPORTER_OTLP_TIMEOUT: '300',
      },
      FIXTURES,
    );
    expect(run.code).toBe(0);
    const result = lastJsonLine<{ replies: string[]; mode: string; dropped: number }>(run.stdout);
    expect(result.replies).toEqual([
      'Mock reply to: first question',
      'Mock reply to: second question',
      'Mock reply to: third question',
    ]);
    expect(result.mode).toBe('owned');
    expect(result.dropped).toBe(3);
    const warnings = run.stderr.split('\n').filter((line) => line.includes('could not export'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`http://127.0.0.1:${port}/v1/traces`);
    expect(run.stderr.split('\n').filter((line) => line.trim() !== '')).toEqual(warnings);
  });
});

describe('OTEL_SDK_DISABLED=true', () => {
  it('patches, registers and exports nothing', async () => {
    const run = await runApp(
      [join(FIXTURES, 'disabled-app.mjs')],
      { MOCK_URL: mock.url, OTEL_SDK_DISABLED: 'true' },
      FIXTURES,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lastJsonLine(run.stdout)).toEqual({
      reply: 'Mock reply to: Hello disabled',
      mode: 'disabled',
      patched: false,
      provider: 'NoopTracerProvider',
    });
  });
});
