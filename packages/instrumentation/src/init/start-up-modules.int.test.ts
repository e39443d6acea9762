import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NoopSink, startNoopSink } from '../bench/otlp-sink.ts';
import { ensureBuilt } from '../build/build-freshness.ts';

// What an app pays for at start-up: the packages loaded by the time Sightline has started, in a
// fresh Node process (the test runner's own module graph would hide it), from the built entries an
// installed app loads.

const run = promisify(execFile);
const SOURCE = join(import.meta.dirname, '..');
const WARM_UP_URL = pathToFileURL(join(SOURCE, 'usage', 'warm-up.ts')).href;

/** Packages only some calls need, or that nothing at start-up should load. */
const DEFERRED = [
  '@opentelemetry/sdk-node',
  '@opentelemetry/exporter-trace-otlp-http',
  '@pydantic/genai-prices',
  'gpt-tokenizer',
  'zod',
  'yaml',
];

// Records every module loaded (import and require) and reports the packages among them.
const RECORDER = `
import { registerHooks } from 'node:module';
const urls = new Set();
registerHooks({ load(url, context, nextLoad) { urls.add(url); return nextLoad(url, context); } });
globalThis.loadedPackages = () => [...new Set([...urls].flatMap((url) => {
  const match = /node_modules\\/(?:\\.pnpm\\/[^/]+\\/node_modules\\/)?((?:@[^/]+\\/)?[^/]+)/.exec(url);
  return match ? [match[1]] : [];
}))];
const typeScriptFiles = () => [...urls].filter((url) => url.endsWith('.ts'));
const report = (stage) => console.log(JSON.stringify({ stage, packages: globalThis.loadedPackages(), typeScriptFiles: typeScriptFiles() }));
`;

interface StageReport {
  stage: string;
  packages: string[];
  typeScriptFiles: string[];
}

async function runScript(script: string, env: Record<string, string> = {}): Promise<Map<string, StageReport>> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', RECORDER + script], {
    cwd: SOURCE,
    env: { ...process.env, ...env },
  });
  const stages = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as StageReport);
  return new Map(stages.map((stage) => [stage.stage, stage]));
}

let mock: MockLlmServer;
let sink: NoopSink;

beforeAll(async () => {
  ensureBuilt();
  mock = await startMockLlmServer();
  sink = await startNoopSink();
});

afterAll(async () => {
  await sink?.close();
  await mock?.close();
});

describe('start-up', () => {
  it('init() loads no exporter, price table, tokenizer or schema library until a call needs them', async () => {
    sink.take();
    const stages = await runScript(`
      const { init, flush } = await import('@sightline/instrumentation');
      const openai = await import('openai');
      init({ endpoint: ${JSON.stringify(sink.url)}, modules: { openai } });
      report('started');
      const client = new openai.OpenAI({ baseURL: ${JSON.stringify(mock.openaiBaseUrl)}, apiKey: 'test-key', maxRetries: 0 });
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] });
      await flush();
      report('after one call');
      process.exit(0);
    `);
    const started = stages.get('started')?.packages ?? [];
    expect(started).toContain('@opentelemetry/instrumentation');
    expect(started.filter((name) => DEFERRED.includes(name))).toEqual([]);
    // Built JavaScript: nothing for Node to type-strip at start-up.
    expect(stages.get('started')?.typeScriptFiles).toEqual([]);
    // The call was priced and exported: the table and the exporter came then; its usage was
    // reported, so the tokenizer never did.
    const afterCall = stages.get('after one call')?.packages ?? [];
    expect(afterCall).toEqual(
      expect.arrayContaining(['@pydantic/genai-prices', '@opentelemetry/exporter-trace-otlp-http']),
    );
    expect(
      afterCall.filter((name) => ['gpt-tokenizer', 'zod', 'yaml', '@opentelemetry/sdk-node'].includes(name)),
    ).toEqual([]);
    expect(sink.take().bytes).toBeGreaterThan(0);
  });

  it('the auto entry reads its settings without a schema library', async () => {
    const stages = await runScript(
      `
      await import('@sightline/instrumentation/auto');
      report('started');
      process.exit(0);
    `,
      { OTEL_EXPORTER_OTLP_ENDPOINT: sink.url, SIGHTLINE_CAPTURE_CONTENT: 'false', SIGHTLINE_MAX_QUEUE_SIZE: '100' },
    );
    const started = stages.get('started')?.packages ?? [];
    expect(started).toContain('@opentelemetry/instrumentation');
    expect(started.filter((name) => DEFERRED.includes(name))).toEqual([]);
    expect(stages.get('started')?.typeScriptFiles).toEqual([]);
  });

  it('loads the price table and tokenizer in the background after start, unless cancelled first', async () => {
    const stages = await runScript(`
      const { warmUpLater } = await import(${JSON.stringify(WARM_UP_URL)});
      const nextTimers = () => new Promise((resolve) => setTimeout(resolve, 10));
      const cancel = warmUpLater({ tokenizer: true, delayMs: 0 });
      cancel();
      await nextTimers();
      report('cancelled');
      warmUpLater({ tokenizer: true, delayMs: 0 });
      await nextTimers();
      report('warmed up');
      process.exit(0);
    `);
    const deferred = (stage: string) =>
      (stages.get(stage)?.packages ?? []).filter((name) => DEFERRED.includes(name)).sort();
    expect(deferred('cancelled')).toEqual([]);
    expect(deferred('warmed up')).toEqual(['@pydantic/genai-prices', 'gpt-tokenizer']);
  });
});
