// `pnpm demo` end to end: a real collector (its CLI, embedded storage) and the demo CLI as child
// processes; the traces are read back through the collector's API.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReadSpan, traceVariety } from './trace-variety.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const DEMO_CLI = 'packages/instrumentation/src/demo/cli.ts';
const COLLECTOR_CLI = 'packages/collector/src/cli.ts';

let collector: ChildProcess;
let collectorUrl: string;
let dataDir: string;

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    // The CLI announces its address on stderr, next to its JSON logs.
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`collector exited with ${code} before listening:\n${output}`)));
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sightline-demo-test-'));
  collector = spawn(
    process.execPath,
    [COLLECTOR_CLI, 'start', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn'],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  collectorUrl = await waitForUrl(collector);
});

afterAll(async () => {
  if (collector.exitCode === null) {
    const exited = new Promise((resolve) => collector.once('exit', resolve));
    collector.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

async function readJson<T>(path: string): Promise<T> {
  const response = await fetch(`${collectorUrl}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

describe('sightline demo', () => {
  it('sends a varied stream of traces that the collector stores', { timeout: 120_000 }, async () => {
    const { stdout } = await run(
      process.execPath,
      [DEMO_CLI, '--collector', collectorUrl, '--traces', '100', '--rate', '200', '--latency', 'none', '--seed', '3'],
      { cwd: ROOT, env: { ...process.env, SIGHTLINE_DEMO_COLLECTOR: '' } },
    );
    expect(stdout).toMatch(/Sent 100 traces \(\d+ LLM requests\)/);
    expect(stdout).toContain(`Open ${collectorUrl} to explore them.`);

    const list = await readJson<{ traces: Array<{ traceId: string; serviceName: string; status: string }> }>(
      '/api/traces?limit=200&service=sightline-demo',
    );
    expect(list.traces).toHaveLength(100);
    expect(list.traces.some((trace) => trace.status === 'error')).toBe(true);
    const details = await Promise.all(
      list.traces.map((trace) => readJson<{ spans: ReadSpan[] }>(`/api/traces/${trace.traceId}`)),
    );
    const variety = traceVariety(details.flatMap((detail) => detail.spans));

    expect(variety).toMatchObject({
      scenarios: ['conversation-summary', 'doc-search', 'support-chat', 'ticket-triage', 'travel-agent'],
      features: ['conversation-summary', 'doc-search', 'support-chat', 'ticket-triage', 'trip-planner'],
      promptVersions: {
        'support-answer': ['v1', 'v2'],
        'ticket-triage': ['v1', 'v2'],
        summarise: ['v2', 'v3'],
        'rag-answer': ['v1'],
        'travel-agent': ['v1'],
      },
      providers: ['anthropic', 'openai'],
      operations: ['chat', 'embeddings', 'execute_tool', 'invoke_agent', 'invoke_workflow', 'retrieval'],
      guardrailOutcomes: ['block', 'modify', 'pass'],
      outputValidity: ['false', 'true'],
    });
    expect(variety.users).toBeGreaterThanOrEqual(10);
    expect(variety.sessions).toBeGreaterThanOrEqual(10);
    expect(variety.streamedCalls).toBeGreaterThan(0);
    expect(variety.failedLlmCalls).toBeGreaterThan(0);
    expect(variety.retriedLlmCalls).toBeGreaterThan(0);
    expect(variety.fallbackCalls).toBeGreaterThan(0);
    expect(variety.cacheHits).toBeGreaterThan(0);
  });

  it('explains how to start a collector when none answers', async () => {
    const error = await run(process.execPath, [DEMO_CLI, '--collector', 'http://127.0.0.1:9', '--traces', '1'], {
      cwd: ROOT,
    }).catch((failure: { code: number; stderr: string }) => failure);
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toMatch(
      /^no Sightline collector answers at http:\/\/127\.0\.0\.1:9 \(.*\)\. Start one with `pnpm start` in another terminal, or pass --collector URL\.\n$/,
    );
  });
});
