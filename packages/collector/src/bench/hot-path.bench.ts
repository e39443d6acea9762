// JavaScript CPU per span on the ingest hot path, stage by stage: protobuf decode → normalise → JSONEachRow
// serialise, for ~20k realistic LLM spans sent as 100-span requests (as the ingest benchmark sends them).
// No engine and no HTTP: this is the CPU the collector spends per span before chDB sees the rows.
// Prints the best of several rounds after warm-up, since other processes may share the machine.
// Run: node packages/collector/src/bench/hot-path.bench.ts  (BENCH_HOT_PATH_SPANS, BENCH_HOT_PATH_ROUNDS)
// Profile: node --cpu-prof --cpu-prof-dir=/tmp/profile packages/collector/src/bench/hot-path.bench.ts
import { loadavg } from 'node:os';
import { createPricer } from '@sightline/core';
import { SpanNormaliser } from '../ingest/span-ingestor.ts';
import { ADAPTERS } from '../normalise/adapters/index.ts';
import { decodeTraceRequest } from '../otlp/decode-traces.ts';
import { encodeTraceRequest } from '../otlp/encode-request.ts';
import { spanToJsonLine } from '../storage/span-rows.ts';
import { realisticChatSpan } from './realistic-spans.ts';

const SPANS_PER_REQUEST = 100;
const SPAN_COUNT = Number(process.env.BENCH_HOT_PATH_SPANS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_HOT_PATH_ROUNDS ?? 5);
const WARM_UP_ROUNDS = 2;

interface RoundTimes {
  decode: number;
  normalise: number;
  serialise: number;
}

function buildRequests(): Uint8Array[] {
  const requests: Uint8Array[] = [];
  for (let offset = 0; offset < SPAN_COUNT; offset += SPANS_PER_REQUEST) {
    const spans = Array.from({ length: SPANS_PER_REQUEST }, (_, index) => realisticChatSpan(offset + index));
    requests.push(encodeTraceRequest(spans, 'protobuf'));
  }
  return requests;
}

/**
 * One pass over every request, each request decoded, normalised and serialised in turn as the collector
 * does (so garbage dies young, as it does there); each stage's time is summed over the requests.
 */
function runRound(requests: readonly Uint8Array[], normaliser: SpanNormaliser): RoundTimes {
  const times: RoundTimes = { decode: 0, normalise: 0, serialise: 0 };
  let bytes = 0;
  for (const body of requests) {
    const started = performance.now();
    const decoded = decodeTraceRequest(body, 'protobuf').spans;
    const decodedAt = performance.now();
    const normalised = normaliser.normalise('default', decoded);
    const normalisedAt = performance.now();
    // Lines are joined into one insert body, as the span writer does (that is where concatenated text is flattened).
    bytes += Buffer.from(normalised.map((span) => spanToJsonLine(span)).join('')).length;
    const serialisedAt = performance.now();
    times.decode += decodedAt - started;
    times.normalise += normalisedAt - decodedAt;
    times.serialise += serialisedAt - normalisedAt;
  }
  if (bytes === 0) throw new Error('nothing serialised');
  return times;
}

const microsPerSpan = (milliseconds: number): string => ((milliseconds * 1000) / SPAN_COUNT).toFixed(1).padStart(6);

function main(): void {
  const requests = buildRequests();
  const normaliser = new SpanNormaliser(ADAPTERS, createPricer());
  for (let round = 0; round < WARM_UP_ROUNDS; round++) runRound(requests, normaliser);
  const rounds: RoundTimes[] = [];
  for (let round = 0; round < ROUNDS; round++) rounds.push(runRound(requests, normaliser));
  // Best per stage: each stage's least disturbed round (the stages are independent of each other).
  const best = (stage: keyof RoundTimes): number => Math.min(...rounds.map((round) => round[stage]));
  const total = Math.min(...rounds.map((round) => round.decode + round.normalise + round.serialise));
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  process.stdout.write(
    `hot path: ${SPAN_COUNT} realistic spans in ${requests.length} protobuf requests, best of ${ROUNDS} rounds (Node ${process.version}, load ${load})\n` +
      `  decode    ${microsPerSpan(best('decode'))} µs/span\n` +
      `  normalise ${microsPerSpan(best('normalise'))} µs/span\n` +
      `  serialise ${microsPerSpan(best('serialise'))} µs/span\n` +
      `  total     ${microsPerSpan(total)} µs/span (best single round)\n`,
  );
}

main();
