// UI benchmark (issue #4). With SIGHTLINE_UI_BENCH_SPANS stored spans (default 1,000,000):
// (1) p50/p95 of the APIs behind the main views, over HTTP, each page's default window (target
// ≤ 100 ms p95); (2) time for the detail view of a stored 10,000-span agent trace to become
// interactive in headless Chromium: from navigation until the tree is drawn and answers a key
// press (target ≤ 1.5 s). Collector on embedded chDB, in this process.
// The bulk spans are generated inside the engine (query-bench-data.ts: INSERT … SELECT, so the
// materialized views fill trace_index and every rollup as real inserts do): 1 M spans in about a
// minute instead of an hour of OTLP requests.
// Run: pnpm bench ui. Env: SIGHTLINE_UI_BENCH_SPANS, SIGHTLINE_UI_BENCH_API_RUNS (default 60),
// SIGHTLINE_UI_BENCH_PAGE_RUNS (default 11).
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { generateTraces, SPANS_PER_TRACE } from '../../../collector/src/bench/query-bench-data.ts';
import { tableSizes, waitForMerges } from '../../../collector/src/bench/query-bench-engine.ts';
import { round, summarise } from '../../../collector/src/bench/stats.ts';
import { ChdbExecutor } from '../../../collector/src/storage/chdb-executor.ts';
import { buildUi, launchChromium, startTestCollector } from '../e2e/e2e-support.ts';
import { largeAgentTrace, sendSpans } from '../e2e/sample-traces.ts';
import { timeTraceDetail } from './trace-detail-timing.ts';

const STORED_SPANS = Number(process.env.SIGHTLINE_UI_BENCH_SPANS ?? 1_000_000);
const API_RUNS = Number(process.env.SIGHTLINE_UI_BENCH_API_RUNS ?? 60);
const PAGE_RUNS = Number(process.env.SIGHTLINE_UI_BENCH_PAGE_RUNS ?? 11);
const LARGE_TRACE_SPANS = 10_000;
const WARM_UP = 3;
const TARGET_MS = 100;
const HOUR_MS = 3_600_000;
/** Without API keys the collector stores everything in this project. */
const PROJECT = 'default';

const load = (): string => loadavg()[0]!.toFixed(2);

/** Traces starting evenly over the 25 h before now, written by the collector's own engine. */
async function storeBulk(dataDir: string): Promise<void> {
  // chDB allows one data directory per process: this session shares the collector's. It is not
  // closed here (closing could end the engine the collector still uses); the process exits.
  const executor = new ChdbExecutor({ dataDir: join(dataDir, 'chdb') });
  const anchorMs = Math.floor(Date.now() / 60_000) * 60_000;
  const started = performance.now();
  await generateTraces(executor, {
    projectId: PROJECT,
    firstTrace: 0,
    traceCount: Math.round(STORED_SPANS / SPANS_PER_TRACE),
    windowStartMs: anchorMs - 25 * HOUR_MS,
    windowEndMs: anchorMs - 60_000,
  });
  console.log(
    `generated ${STORED_SPANS} spans in ${round((performance.now() - started) / 1000)} s; waiting for merges`,
  );
  await waitForMerges(executor);
  for (const line of await tableSizes(executor)) console.log(`  ${line}`);
}

interface ApiTiming {
  api: string;
  p50: number;
  p95: number;
  max: number;
  load: string;
  target: string;
}

async function timeApi(url: string, name: string, path: string, targeted: boolean): Promise<ApiTiming> {
  const once = async () => {
    const started = performance.now();
    const response = await fetch(`${url}${path}`);
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    return performance.now() - started;
  };
  for (let warm = 0; warm < WARM_UP; warm += 1) await once();
  const samples: number[] = [];
  for (let run = 0; run < API_RUNS; run += 1) samples.push(await once());
  const summary = summarise(samples);
  return {
    api: name,
    p50: round(summary.p50),
    p95: round(summary.p95),
    max: round(summary.max),
    load: load(),
    target: targeted ? (summary.p95 <= TARGET_MS ? `PASS (≤${TARGET_MS})` : `MISS (≤${TARGET_MS})`) : '',
  };
}

/** Every API call the main views make, with each page's default window; the last ones are extra. */
function apiChecks(largeTraceId: string): [string, string, boolean][] {
  const window = (ms: number) => `from=${new Date(Date.now() - ms).toISOString()}&to=${new Date().toISOString()}`;
  const day = window(24 * HOUR_MS);
  const week = window(7 * 24 * HOUR_MS);
  return [
    ['traces table (24 h, default filters)', `/api/trace-search?${day}&limit=50`, true],
    ['filter values (facets, 24 h)', `/api/facets?${day}`, true],
    ['dashboard (24 h)', `/api/dashboard?${day}`, true],
    ['dashboard by model', `/api/dashboard?${day}&breakdown=model`, true],
    [
      'dashboard, one prompt by version',
      `/api/dashboard?${day}&breakdown=promptVersion&promptName=support-bot-answer`,
      true,
    ],
    ['dashboard, staging by model', `/api/dashboard?${day}&environment=staging&breakdown=model`, true],
    ['dashboard, feature + model filters', `/api/dashboard?${day}&feature=support&model=gpt-4o-mini`, true],
    ['prompts (7 d)', `/api/prompts?${week}`, true],
    ['prompt versions (7 d)', `/api/prompts/support-bot-answer/versions?${week}`, true],
    ['sessions (7 d)', `/api/sessions?${week}&limit=200`, true],
    ['session (7 d)', `/api/sessions/session-42?${week}`, true],
    ['users (7 d)', `/api/users?${week}&limit=200`, true],
    ['user (7 d)', `/api/users/user-42?${week}`, true],
    ['traces table, model filter', `/api/trace-search?${day}&limit=50&model=gpt-4.1`, false],
    ['traces table, user filter', `/api/trace-search?${day}&limit=50&userId=user-42`, false],
    ['traces table, errors only', `/api/trace-search?${day}&limit=50&status=error`, false],
    ['traces table, sorted by cost', `/api/trace-search?${day}&limit=50&sort=costUsd`, false],
    ['traces table, text search', `/api/trace-search?${day}&limit=50&search=refund-4242`, false],
    ['traces list (read API)', `/api/traces?${day}`, false],
    [`trace outline (${LARGE_TRACE_SPANS} spans)`, `/api/traces/${largeTraceId}/outline`, false],
  ];
}

async function main() {
  await buildUi();
  const collector = await startTestCollector();
  const browser = await launchChromium();
  try {
    console.log(`load before: ${load()}`);
    await storeBulk(collector.dataDir);
    const large = largeAgentTrace(LARGE_TRACE_SPANS, 30);
    await sendSpans(collector.url, large.spans);

    console.log(`\nAPIs at ${STORED_SPANS} stored spans, ${API_RUNS} runs each after ${WARM_UP} warm-up runs:`);
    const results: ApiTiming[] = [];
    for (const [name, path, targeted] of apiChecks(large.traceId)) {
      results.push(await timeApi(collector.url, name, path, targeted));
    }
    console.table(results);

    const page = await timeTraceDetail(browser, collector.url, large.traceId, PAGE_RUNS);
    const times = page.times.map((time) => round(time, 0));
    const worst = Math.max(...page.times);
    console.log('page phases (ms since navigation start, last run):', JSON.stringify(page.lastPhases));
    console.log(
      `trace detail, ${LARGE_TRACE_SPANS} spans, interactive (ms, fresh browser context each run): ${times.join(', ')}; ` +
        `p50 ${round(summarise(page.times).p50, 0)}, worst ${round(worst, 0)} (target ≤ 1500) ${worst <= 1500 ? 'PASS' : 'MISS'}; load ${load()}`,
    );
  } finally {
    await browser.close();
    await collector.close();
  }
}

await main();
