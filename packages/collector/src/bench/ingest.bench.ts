// Ingest benchmark: OTLP protobuf over HTTP against a collector child process on embedded chDB,
// 100-span requests of realistic LLM spans from concurrent clients, measured until acknowledged;
// in the same run the raw chDB bulk-insert rate of the same rows; then p50/p95/p99 ack latency at
// half the measured load. Run: pnpm bench (or node packages/collector/src/bench/ingest.bench.ts).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPricer } from '@sightline/core';
import { SpanNormaliser } from '../ingest/span-ingestor.ts';
import { ADAPTERS } from '../normalise/adapters/index.ts';
import { messagesFromLogEvents } from '../normalise/log-events.ts';
import { encodeTraceRequest } from '../otlp/encode-request.ts';
import { spanToJsonLine } from '../storage/span-rows.ts';
import { createStorage } from '../storage/span-store.ts';
import { unusedLoopbackPort } from '../test-support/free-port.ts';
import { realisticChatSpan } from './realistic-spans.ts';
import { round, summarise } from './stats.ts';

const SPANS_PER_REQUEST = 100;
const REQUESTS = Number(process.env.BENCH_INGEST_REQUESTS ?? 600);
// Ack-after-store means one client's throughput is bounded by insert latency; 64 clients stand for a
// fleet of app instances, each with an OTel batch exporter.
const CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 64);
const RAW_BATCH_ROWS = 20_000;
const HALF_LOAD_SECONDS = Number(process.env.BENCH_HALF_LOAD_SECONDS ?? 15);
const temporary: string[] = [];

async function startCollector(): Promise<{ url: string; child: ChildProcess }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-bench-ingest-'));
  temporary.push(dataDir);
  const port = await unusedLoopbackPort();
  const child = spawn(
    process.execPath,
    [
      join(import.meta.dirname, '..', 'cli.ts'),
      'start',
      '--port',
      String(port),
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let output = '';
  child.stderr?.on('data', (chunk) => (output += chunk));
  child.once('exit', (code) => {
    if (code !== 0 && code !== null) process.stderr.write(`collector exited with ${code}:\n${output}\n`);
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { url, child };
    } catch {
      // still starting
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('collector did not start');
}

function buildRequests(count: number, offset: number): Uint8Array[] {
  return Array.from({ length: count }, (_, request) =>
    encodeTraceRequest(
      Array.from({ length: SPANS_PER_REQUEST }, (_, index) =>
        realisticChatSpan(offset + request * SPANS_PER_REQUEST + index),
      ),
      'protobuf',
    ),
  );
}

async function post(url: string, body: Uint8Array): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf' },
    body,
  });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`ingest answered ${response.status}`);
  return performance.now() - started;
}

async function closedLoop(
  url: string,
  requests: Uint8Array[],
): Promise<{ spansPerSecond: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const body = requests[next++]!;
        latencies.push(await post(url, body));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { spansPerSecond: (requests.length * SPANS_PER_REQUEST) / seconds, latencies };
}

async function openLoop(url: string, requests: Uint8Array[], spansPerSecond: number): Promise<number[]> {
  const intervalMs = (SPANS_PER_REQUEST / spansPerSecond) * 1000;
  const latencies: Promise<number>[] = [];
  const started = performance.now();
  for (const [index, body] of requests.entries()) {
    const due = started + index * intervalMs;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    latencies.push(post(url, body));
  }
  return Promise.all(latencies);
}

async function rawInsertRate(
  spanCount: number,
): Promise<{ engineRowsPerSecond: number; withSerialisationRowsPerSecond: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-bench-raw-'));
  temporary.push(dataDir);
  const storage = await createStorage({ engine: { kind: 'chdb', dataDir }, messagesFromLogEvents });
  const normaliser = new SpanNormaliser(ADAPTERS, createPricer());
  const spans = normaliser.normalise(
    'default',
    Array.from({ length: spanCount }, (_, index) => realisticChatSpan(10_000_000 + index)),
  );
  let engineMs = 0;
  let serialiseMs = 0;
  for (let offset = 0; offset < spans.length; offset += RAW_BATCH_ROWS) {
    const serialiseStart = performance.now();
    const body = Buffer.from(
      spans
        .slice(offset, offset + RAW_BATCH_ROWS)
        .map((span) => spanToJsonLine(span))
        .join(''),
    );
    serialiseMs += performance.now() - serialiseStart;
    const insertStart = performance.now();
    await storage.executor.insertJsonEachRow('spans', body);
    engineMs += performance.now() - insertStart;
  }
  await storage.close();
  return {
    engineRowsPerSecond: spans.length / (engineMs / 1000),
    withSerialisationRowsPerSecond: spans.length / ((engineMs + serialiseMs) / 1000),
  };
}

async function main(): Promise<void> {
  process.stdout.write(
    `ingest benchmark: ${REQUESTS} requests x ${SPANS_PER_REQUEST} spans, ${CONCURRENCY} concurrent clients, ${cpus().length} cores\n`,
  );
  const requests = buildRequests(REQUESTS, 0);
  const bytes = requests.reduce((sum, request) => sum + request.byteLength, 0);
  process.stdout.write(
    `  payload: ${round(bytes / requests.length / 1024)} KiB per request (protobuf, uncompressed)\n`,
  );
  const collector = await startCollector();
  try {
    await closedLoop(collector.url, buildRequests(20, 50_000_000)); // warm-up
    const load = await closedLoop(collector.url, requests);
    const ack = summarise(load.latencies);
    process.stdout.write(
      `  HTTP ingest (acknowledged = stored): ${Math.round(load.spansPerSecond)} spans/s; ack latency p50 ${round(ack.p50)} ms, p99 ${round(ack.p99)} ms\n`,
    );
    const raw = await rawInsertRate(REQUESTS * SPANS_PER_REQUEST);
    process.stdout.write(
      `  raw chDB bulk insert, ${RAW_BATCH_ROWS}-row batches: ${Math.round(raw.engineRowsPerSecond)} rows/s engine only, ${Math.round(raw.withSerialisationRowsPerSecond)} rows/s with JSON serialisation\n`,
    );
    process.stdout.write(
      `  ingest / raw engine rate: ${round((load.spansPerSecond / raw.engineRowsPerSecond) * 100)} % (target >= 50 %)\n`,
    );
    const halfRate = load.spansPerSecond / 2;
    const halfRequests = buildRequests(
      Math.max(20, Math.round((halfRate * HALF_LOAD_SECONDS) / SPANS_PER_REQUEST)),
      90_000_000,
    );
    const half = summarise(await openLoop(collector.url, halfRequests, halfRate));
    process.stdout.write(
      `  at half load (${Math.round(halfRate)} spans/s, ${half.n} requests): ack latency p50 ${round(half.p50)} ms, p95 ${round(half.p95)} ms, p99 ${round(half.p99)} ms\n`,
    );
  } finally {
    collector.child.kill('SIGTERM');
    await new Promise((resolve) => collector.child.once('exit', resolve));
    for (const directory of temporary) rmSync(directory, { recursive: true, force: true });
  }
}

await main();
