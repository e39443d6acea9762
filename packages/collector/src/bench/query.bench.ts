// Query benchmark (issue #2): the trace list page, trace by id and 24 h per-model percentiles
// through the real query functions on embedded chDB holding 1 M and 10 M realistic spans
// (generated inside the engine; the materialized views fill trace_index and the rollups as real
// inserts do), beside plain scans of a plain MergeTree copy of the same spans.
// Run: node packages/collector/src/bench/query.bench.ts
// Env: BENCH_QUERY_SPANS (default 1000000,10000000), BENCH_QUERY_RUNS (default 60),
//      BENCH_QUERY_PLAIN=0 skips the plain copy; BENCH_QUERY_DIR=path keeps the data there and
//      reuses it on the next run (only for trying query changes: a schema change needs new data).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { messagesFromLogEvents } from '../normalise/log-events.ts';
import { ChdbExecutor } from '../storage/chdb-executor.ts';
import { createStorageOn, type Storage } from '../storage/span-store.ts';
import { generateTraces, SPANS_PER_TRACE } from './query-bench-data.ts';
import { sampleTraceIds, tableSizes, waitForMerges } from './query-bench-engine.ts';
import {
  createPlainCopy,
  hasPlainCopy,
  plainGetTrace,
  plainListTraces,
  plainMetricsByModel,
} from './query-bench-plain.ts';
import { round, summarise } from './stats.ts';

const SIZES = (process.env.BENCH_QUERY_SPANS ?? '1000000,10000000')
  .split(',')
  .map((value) => Number(value.trim()))
  .filter((value) => Number.isFinite(value) && value > 0)
  .sort((a, b) => a - b);
const RUNS = Math.max(50, Number(process.env.BENCH_QUERY_RUNS ?? 60));
const WARM_UP = 5;
const WITH_PLAIN = process.env.BENCH_QUERY_PLAIN !== '0';
const PROJECT = 'bench-project';
const HOUR_MS = 3_600_000;
/** p95 targets (ms) of issue #2 by stored spans: list page, trace by id, 24 h metrics by model. */
const TARGETS: Record<number, [number, number, number]> = { 1000000: [20, 20, 100], 10000000: [50, 30, 300] };

interface Row {
  spans: number;
  query: string;
  target: number | undefined;
  ours: ReturnType<typeof summarise>;
  plain: ReturnType<typeof summarise> | undefined;
}

const load = (): string =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

async function measure(run: (index: number) => Promise<unknown>): Promise<ReturnType<typeof summarise>> {
  for (let index = 0; index < WARM_UP; index++) await run(index);
  const samples: number[] = [];
  for (let index = 0; index < RUNS; index++) {
    const started = performance.now();
    await run(WARM_UP + index);
    samples.push(performance.now() - started);
  }
  return summarise(samples);
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`benchmark result is wrong: ${message}`);
}

async function benchSize(storage: Storage, spans: number, anchorMs: number): Promise<Row[]> {
  const { executor } = storage;
  const window = { projectId: PROJECT, from: new Date(anchorMs - 24 * HOUR_MS), to: new Date(anchorMs) };
  const traceIds = await sampleTraceIds(executor, PROJECT, WARM_UP + RUNS);
  const target = TARGETS[spans];
  console.log(`[${spans}] load before queries: ${load()}`);

  const list = await measure(async () => {
    const page = await storage.traces.listTraces({ ...window, limit: 50 });
    check(page.traces.length === 50 && page.traces[0]!.spanCount === SPANS_PER_TRACE, 'list page');
  });
  const trace = await measure(async (index) => {
    const detail = await storage.traces.getTrace(PROJECT, traceIds[index % traceIds.length]!);
    check(detail?.spans.length === SPANS_PER_TRACE, 'trace spans');
  });
  const metrics = await measure(async () => {
    const models = await storage.traces.metricsByModel(window);
    check(models.length === 6, 'models');
  });
  let plain: ReturnType<typeof summarise>[] = [];
  if (WITH_PLAIN) {
    plain = [
      await measure(async () => check((await plainListTraces(executor, window)).length === 50, 'plain list')),
      await measure(async (index) => {
        const rows = await plainGetTrace(executor, PROJECT, traceIds[index % traceIds.length]!);
        check(rows.length === SPANS_PER_TRACE, 'plain trace');
      }),
      await measure(async () => check((await plainMetricsByModel(executor, window)).length === 6, 'plain models')),
    ];
  }
  console.log(`[${spans}] load after queries: ${load()}`);
  return [
    { spans, query: 'listTraces first page (24 h)', target: target?.[0], ours: list, plain: plain[0] },
    { spans, query: 'getTrace (random trace)', target: target?.[1], ours: trace, plain: plain[1] },
    { spans, query: 'metricsByModel (24 h)', target: target?.[2], ours: metrics, plain: plain[2] },
  ];
}

function printTable(rows: readonly Row[]): void {
  const header = '| spans | query | p95 target | p50 | p95 | p99 | met | plain p50 | plain p95 | plain p99 |';
  console.log(`\n${header}\n|${' --- |'.repeat(10)}`);
  for (const row of rows) {
    const met = row.target === undefined ? '' : row.ours.p95 <= row.target ? 'yes' : '**no**';
    const plain =
      row.plain === undefined ? ['', '', ''] : [row.plain.p50, row.plain.p95, row.plain.p99].map((v) => round(v));
    console.log(
      `| ${row.spans.toLocaleString('en')} | ${row.query} | ${row.target ?? ''} | ${round(row.ours.p50)} | ${round(row.ours.p95)} | ${round(row.ours.p99)} | ${met} | ${plain.join(' | ')} |`,
    );
  }
  console.log(`\n(times in ms over ${RUNS} runs after ${WARM_UP} warm-up runs; load average now ${load()})`);
}

const keptDir = process.env.BENCH_QUERY_DIR;
const dataDir = keptDir ?? mkdtempSync(join(tmpdir(), 'sightline-bench-query-'));
if (keptDir !== undefined) mkdirSync(keptDir, { recursive: true });
const executor = new ChdbExecutor({ dataDir });
try {
  const storage = await createStorageOn(executor, { messagesFromLogEvents, retentionDays: 30 });
  // Traces start over the 25 h before the anchor; queries look at the last 24 h.
  const state = readState(dataDir) ?? { anchorMs: Math.floor(Date.now() / 60_000) * 60_000, tracesStored: 0 };
  const { anchorMs } = state;
  const rows: Row[] = [];
  for (const spans of SIZES) {
    const traces = Math.floor(spans / SPANS_PER_TRACE) - state.tracesStored;
    if (traces < 0) throw new Error(`${dataDir} holds more than ${spans} spans`);
    const started = performance.now();
    await generateTraces(
      executor,
      {
        projectId: PROJECT,
        firstTrace: state.tracesStored,
        traceCount: traces,
        windowStartMs: anchorMs - 25 * HOUR_MS,
        windowEndMs: anchorMs - 60_000,
      },
      (done, seconds) => console.log(`[${spans}] inserted ${done} more spans (chunk ${seconds.toFixed(1)} s)`),
    );
    state.tracesStored += traces;
    console.log(`[${spans}] generated in ${((performance.now() - started) / 1000).toFixed(0)} s; waiting for merges`);
    await waitForMerges(executor);
    if (WITH_PLAIN && (traces > 0 || !(await hasPlainCopy(executor)))) {
      await createPlainCopy(executor);
      await waitForMerges(executor);
    }
    writeState(dataDir, state);
    for (const size of await tableSizes(executor)) console.log(`[${spans}] ${size}`);
    rows.push(...(await benchSize(storage, state.tracesStored * SPANS_PER_TRACE, anchorMs)));
    printTable(rows);
  }
} finally {
  await executor.close();
  if (keptDir === undefined) rmSync(dataDir, { recursive: true, force: true });
}

interface BenchState {
  anchorMs: number;
  tracesStored: number;
}

function readState(directory: string): BenchState | undefined {
  const file = join(directory, 'bench-state.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BenchState) : undefined;
}

function writeState(directory: string, state: BenchState): void {
  writeFileSync(join(directory, 'bench-state.json'), JSON.stringify(state));
}
