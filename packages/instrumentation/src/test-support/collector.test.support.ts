// End-to-end support: the real collector (embedded chDB in a temporary directory) and its read API.
// Test-only: instrumentation code never imports the collector (scripts/check-cycles.ts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../collector/src/observability/logger.ts';
import { type RunningCollector, startCollector } from '../../../collector/src/server/start-collector.ts';
import { ensureBuilt } from '../build/build-freshness.ts';

export interface TestCollector {
  url: string;
  /** Waits until the trace has `spanCount` spans stored, then returns its detail. */
  trace(traceId: string, spanCount: number): Promise<TraceDetail>;
  close(): Promise<void>;
}

export interface StoredSpan {
  spanId: string;
  serviceName: string;
  parentSpanId: string;
  name: string;
  scopeName: string;
  sourceConvention: string;
  spanType: string;
  provider: string;
  requestModel: string;
  userId: string;
  sessionId: string;
  feature: string;
  promptName: string;
  promptVersion: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  costUsd: number | null;
  costSource: string;
  countsInTotals: boolean;
  timeToFirstTokenMs: number | null;
  input: Array<{ role: string }>;
  output: Array<{ role: string }>;
  metadata: Record<string, string>;
  attributes: Record<string, string>;
}

export interface TraceDetail {
  trace: {
    traceId: string;
    userId: string;
    inputTokens: number;
    outputTokens: number;
    costUsd: number | null;
    spanCount: number;
  };
  spans: StoredSpan[];
}

export async function startTestCollector(): Promise<TestCollector> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-instrumentation-e2e-'));
  const running: RunningCollector = await startCollector(
    { port: 0, host: '127.0.0.1', dataDir, retentionDays: 30, maxBodyBytes: 64 * 1024 * 1024, logLevel: 'silent' },
    silentLogger(),
  );
  return {
    url: running.url,
    async trace(traceId, spanCount) {
      // Storage commits in groups: poll the read API until every span has landed.
      let last: TraceDetail | undefined;
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const response = await fetch(`${running.url}/api/traces/${traceId}`);
        if (response.ok) {
          last = (await response.json()) as TraceDetail;
          if (last.spans.length >= spanCount) return last;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`trace ${traceId} has ${last?.spans.length ?? 0} spans stored, expected ${spanCount}`);
    },
    async close() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface AppRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a fixture app in its own Node process and collects its output. The app loads
 * `@sightline/instrumentation` as an installed app would: the built dist/ (built first when stale).
 */
export function runApp(args: string[], env: Record<string, string>, cwd: string): Promise<AppRun> {
  ensureBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The last JSON line an app printed. */
export function lastJsonLine<T>(stdout: string): T {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`app printed no JSON result:\n${stdout}`);
  }
}
