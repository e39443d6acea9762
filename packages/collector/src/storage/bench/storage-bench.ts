// Storage measurements on embedded chDB: serialisation and insert throughput of realistic LLM
// span rows, codec sizes, and query timings. Run: node packages/collector/src/storage/bench/storage-bench.ts [spans]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { messagesFromLogEvents } from '../../normalise/log-events.ts';
import type { NormalisedSpan } from '../../normalise/types.ts';
import { ChdbExecutor } from '../chdb-executor.ts';
import { spansToJsonEachRow } from '../span-rows.ts';
import { createStorageOn } from '../span-store.ts';
import { buildLlmSpan, buildSpan, chatMessages } from '../test-support/span-builder.ts';

const totalSpans = Number(process.argv[2] ?? 100_000);
const BATCH = 20_000;
const PROJECT = 'bench-project';
const MODELS = ['gpt-4o-mini', 'gpt-4o', 'claude-sonnet-4', 'gemini-2.5-flash', 'llama-3.1-70b'];
const DAY_US = 86_400_000_000;

const VOCABULARY =
  'order refund invoice shipping customer account password reset billing address delivery tracking product warranty return policy discount coupon payment card declined subscription cancel upgrade plan support ticket escalation agent summary translate email draft meeting schedule calendar report revenue quarter forecast churn retention cohort analysis dashboard metric latency error timeout retry model prompt token cost'.split(
    ' ',
  );

/** Prompt (~1.5 KB) and completion (~0.7 KB) text that differs per call, like real traffic. */
function variedMessages(seed: number): Pick<NormalisedSpan, 'input' | 'output'> {
  let state = seed * 2654435761 + 1;
  const text = (chars: number) => {
    const words: string[] = [];
    let length = 0;
    while (length < chars) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const word = VOCABULARY[state % VOCABULARY.length]!;
      words.push(state % 7 === 0 ? `${word}-${state % 10000}` : word);
      length += word.length + 1;
    }
    return words.join(' ');
  };
  const base = chatMessages(10, 10);
  return {
    input: [base.input[0]!, { role: 'user', parts: [{ type: 'text', content: text(1500) }] }],
    output: [{ role: 'assistant', parts: [{ type: 'text', content: text(700) }], finish_reason: 'stop' }],
  };
}

function makeTrace(index: number, traceCount: number): NormalisedSpan[] {
  const start = Math.round(Date.now() * 1000 - DAY_US + (index / traceCount) * (DAY_US - 120_000_000));
  const root = buildSpan({
    projectId: PROJECT,
    startTimeUnixUs: start,
    endTimeUnixUs: start + 4_000_000,
    name: 'agent run',
    spanType: 'agent',
  });
  const spans = [root];
  for (let call = 0; call < 3; call++) {
    const model = MODELS[(index + call) % MODELS.length]!;
    const callStart = start + 10_000 + call * 1_200_000;
    spans.push(
      buildLlmSpan({
        projectId: PROJECT,
        traceId: root.traceId,
        parentSpanId: root.spanId,
        startTimeUnixUs: callStart,
        endTimeUnixUs: callStart + 300_000 + ((index * 7919 + call * 104_729) % 2_000_000),
        requestModel: model,
        responseModel: model,
        provider: model.startsWith('claude') ? 'anthropic' : model.startsWith('gemini') ? 'gcp.gemini' : 'openai',
        userId: `user-${index % 500}`,
        statusCode: index % 50 === 0 ? 'ERROR' : 'OK',
        timeToFirstTokenMs: 100 + ((index * 31 + call) % 900),
        ...variedMessages(index * 3 + call),
      }),
    );
  }
  spans.push(
    buildSpan({
      projectId: PROJECT,
      traceId: root.traceId,
      parentSpanId: root.spanId,
      startTimeUnixUs: start + 3_700_000,
      endTimeUnixUs: start + 3_900_000,
      spanType: 'tool',
      name: 'search',
    }),
  );
  return spans;
}

async function timed<T>(run: () => Promise<T>, repeats = 20): Promise<{ p50: number; p95: number; result: T }> {
  let result = await run();
  const samples: number[] = [];
  for (let index = 0; index < repeats; index++) {
    const started = performance.now();
    result = await run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { p50: samples[Math.floor(repeats * 0.5)]!, p95: samples[Math.ceil(repeats * 0.95) - 1]!, result };
}

const traceCount = Math.ceil(totalSpans / 5);
const spans = Array.from({ length: traceCount }, (_, index) => makeTrace(index, traceCount)).flat();

// 1. Serialisation
const sample = spans.filter((span) => span.spanType === 'llm').slice(0, BATCH);
let bytes = 0;
const serialiseStart = performance.now();
for (let round = 0; round < 5; round++) bytes = spansToJsonEachRow(sample).length;
const serialiseSeconds = (performance.now() - serialiseStart) / 1000;
console.log(
  `serialise: ${Math.round((5 * sample.length) / serialiseSeconds)} LLM rows/s (${Math.round(bytes / sample.length)} bytes/row)`,
);

const dataDir = process.env.SIGHTLINE_BENCH_DIR ?? mkdtempSync(join(tmpdir(), 'sightline-bench-'));
const executor = new ChdbExecutor({ dataDir });
const storage = await createStorageOn(executor, { messagesFromLogEvents, retentionDays: 30 });

// 2. Raw insert of 20k-row batches of LLM spans (materialized views included)
const rawStart = performance.now();
const rawBatches = 3;
for (let round = 0; round < rawBatches; round++) {
  const batch = sample.map((span) => ({
    ...span,
    projectId: 'raw-insert',
    spanId: `${round}${span.spanId}`.slice(0, 16),
  }));
  await executor.insertJsonEachRow('spans', spansToJsonEachRow(batch));
}
console.log(
  `raw chDB insert: ${Math.round((rawBatches * BATCH) / ((performance.now() - rawStart) / 1000))} rows/s at ${BATCH}-row batches`,
);

// 3. Through the writer (dedup existence query + group commit), all spans
const writeStart = performance.now();
for (let offset = 0; offset < spans.length; offset += BATCH)
  await storage.writer.writeSpans(spans.slice(offset, offset + BATCH));
console.log(
  `writer (dedup + insert): ${Math.round(spans.length / ((performance.now() - writeStart) / 1000))} rows/s for ${spans.length} spans`,
);
const retryStart = performance.now();
const retried = await storage.writer.writeSpans(spans.slice(0, BATCH).map((span) => ({ ...span })));
console.log(`retry of a 20k batch dropped ${retried.duplicates} in ${Math.round(performance.now() - retryStart)} ms`);

// 4. Queries
const now = new Date();
const dayAgo = new Date(Date.now() - 86_400_000);
const list = await timed(() => storage.traces.listTraces({ projectId: PROJECT, from: dayAgo, to: now, limit: 50 }));
console.log(`listTraces page (24 h): p50 ${list.p50.toFixed(1)} ms, p95 ${list.p95.toFixed(1)} ms`);
const page2 = await timed(() =>
  storage.traces.listTraces({
    projectId: PROJECT,
    from: dayAgo,
    to: now,
    limit: 50,
    cursor: list.result.nextCursor ?? '',
  }),
);
console.log(`listTraces next page: p50 ${page2.p50.toFixed(1)} ms, p95 ${page2.p95.toFixed(1)} ms`);
const filtered = await timed(() =>
  storage.traces.listTraces({
    projectId: PROJECT,
    from: dayAgo,
    to: now,
    filters: { model: 'gpt-4o', userId: 'user-7' },
  }),
);
console.log(`listTraces model+user filter: p50 ${filtered.p50.toFixed(1)} ms, p95 ${filtered.p95.toFixed(1)} ms`);
const search = await timed(
  () => storage.traces.listTraces({ projectId: PROJECT, from: dayAgo, to: now, filters: { search: 'LAZY dog' } }),
  5,
);
console.log(`listTraces text search: p50 ${search.p50.toFixed(1)} ms, p95 ${search.p95.toFixed(1)} ms`);
const ids = list.result.traces.map((trace) => trace.traceId);
let next = 0;
const byId = await timed(() => storage.traces.getTrace(PROJECT, ids[next++ % ids.length]!), 40);
console.log(`getTrace (5 spans): p50 ${byId.p50.toFixed(1)} ms, p95 ${byId.p95.toFixed(1)} ms`);
const final = await timed(
  async () =>
    executor.query(
      `SELECT span_id, input FROM spans FINAL WHERE project_id = {p:String} AND trace_id = {t:String}
     AND start_time >= now64(6) - INTERVAL 25 HOUR`,
      { p: PROJECT, t: ids[next++ % ids.length]! },
      z.object({ span_id: z.string(), input: z.string() }),
    ),
  40,
);
const limitBy = await timed(
  async () =>
    executor.query(
      `SELECT span_id, input FROM spans WHERE project_id = {p:String} AND trace_id = {t:String}
     AND start_time >= now64(6) - INTERVAL 25 HOUR ORDER BY span_id, ingested_at DESC LIMIT 1 BY span_id`,
      { p: PROJECT, t: ids[next++ % ids.length]! },
      z.object({ span_id: z.string(), input: z.string() }),
    ),
  40,
);
console.log(
  `spans by trace id over 25 h: FINAL p50 ${final.p50.toFixed(1)} ms; LIMIT 1 BY p50 ${limitBy.p50.toFixed(1)} ms`,
);
const metrics = await timed(() => storage.traces.metricsByModel({ projectId: PROJECT, from: dayAgo, to: now }));
console.log(
  `metricsByModel (24 h): p50 ${metrics.p50.toFixed(1)} ms, p95 ${metrics.p95.toFixed(1)} ms, models ${metrics.result.length}`,
);

// 5. Column sizes (codec choices)
const columns = await executor.query(
  `SELECT name, compression_codec AS codec, data_compressed_bytes AS compressed, data_uncompressed_bytes AS uncompressed
   FROM system.columns WHERE database = currentDatabase() AND table = 'spans' AND data_uncompressed_bytes > 0
   ORDER BY data_compressed_bytes DESC LIMIT 12`,
  {},
  z.object({ name: z.string(), codec: z.string(), compressed: z.coerce.number(), uncompressed: z.coerce.number() }),
);
for (const column of columns) {
  console.log(
    `  ${column.name.padEnd(20)} ${column.codec.padEnd(28)} ${(column.compressed / 1e6).toFixed(2)} MB of ${(column.uncompressed / 1e6).toFixed(2)} MB`,
  );
}
for (const codec of ['ZSTD(1)', 'ZSTD(3)', 'LZ4']) {
  const table = `codec_${codec.replace(/\W/g, '_')}`;
  await executor.command(`CREATE TABLE ${table} (input String CODEC(${codec})) ENGINE = MergeTree ORDER BY tuple()`);
  const started = performance.now();
  await executor.command(`INSERT INTO ${table} SELECT input FROM spans`);
  const insertMs = performance.now() - started;
  await executor.command(`OPTIMIZE TABLE ${table} FINAL`);
  const readStart = performance.now();
  await executor.query(
    `SELECT count() AS c FROM ${table} WHERE positionCaseInsensitiveUTF8(input, 'zebra') > 0`,
    {},
    z.object({ c: z.coerce.number() }),
  );
  const [size] = await executor.query(
    `SELECT sum(data_compressed_bytes) AS compressed FROM system.columns WHERE database = currentDatabase() AND table = {table:String}`,
    { table },
    z.object({ compressed: z.coerce.number() }),
  );
  console.log(
    `  input as ${codec}: ${((size?.compressed ?? 0) / 1e6).toFixed(2)} MB, insert ${insertMs.toFixed(0)} ms, scan ${(performance.now() - readStart).toFixed(0)} ms`,
  );
}

await storage.close();
if (process.env.SIGHTLINE_BENCH_DIR === undefined) rmSync(dataDir, { recursive: true, force: true });
