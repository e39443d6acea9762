// Sightline's own cost per call, without HTTP: the real openai SDK answered by an in-process fetch
// with canned mock-server replies, timed in alternating blocks with the patch on and off (same
// process, same JIT state), spans ended into a no-op exporter. Reports the median call's time (the
// latency the app sees), and main-thread CPU and wall time per call including the span exports in
// between; steadier than the process bench, and the one to profile (`node --cpu-prof ...`).
// Printed figures, not a test.
// Run: node packages/instrumentation/src/bench/hot-path.bench.ts [--calls 20000] [--blocks 20]
//   [--otlp] (export to a no-op OTLP sink in this process instead) [--no-content] [--no-masks]
//   [--modes non-streaming,streaming] [--mock-url <url>] (real HTTP to a mock server started apart)

import { parseArgs } from 'node:util';
import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { startMockLlmServer } from '@sightline/mock-llm';
import OpenAI from 'openai';
import { init } from '../init/init.ts';
import { patchOpenAI, unpatchOpenAI } from '../openai/patch-openai.ts';
import { cannedFetch, chatRequest, streamingChatRequest } from './canned-replies.ts';
import { startNoopSink } from './otlp-sink.ts';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '20000' },
    blocks: { type: 'string', default: '20' },
    otlp: { type: 'boolean', default: false },
    'no-content': { type: 'boolean', default: false },
    'no-masks': { type: 'boolean', default: false },
    modes: { type: 'string', default: 'non-streaming,streaming' },
    'mock-url': { type: 'string' },
  },
});
const calls = Number(values.calls);
const blocks = Number(values.blocks);

// Real replies of the mock server, recorded once, replayed from memory.
const mock = await startMockLlmServer();
const replay = await cannedFetch(mock.url);
await mock.close();

let exported = 0;
const countingExporter: SpanExporter = {
  export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
    exported += spans.length;
    done({ code: 0 });
  },
  shutdown: () => Promise.resolve(),
};
const sink = values.otlp ? await startNoopSink() : undefined;
const handle = init({
  serviceName: 'hot-path-bench',
  instrumentations: { openai: false, anthropic: false },
  ...(values['no-content'] ? { captureContent: false } : {}),
  ...(values['no-masks'] ? { masks: false } : {}),
  ...(sink ? { endpoint: sink.url } : { spanExporter: countingExporter }),
});
// --mock-url: real HTTP to a mock server in another process, instead of the canned replies.
const client = values['mock-url']
  ? new OpenAI({ apiKey: 'bench', baseURL: `${values['mock-url']}/v1`, maxRetries: 0 })
  : new OpenAI({ apiKey: 'bench', baseURL: 'http://127.0.0.1:1/v1', maxRetries: 0, fetch: replay });

async function nonStreaming(): Promise<void> {
  await client.chat.completions.create(chatRequest());
}
async function streaming(): Promise<void> {
  const stream = await client.chat.completions.create(streamingChatRequest());
  for await (const _chunk of stream);
}

interface BlockTime {
  /** Wall-clock microseconds per call. */
  wall: number;
  /** The median call's wall-clock microseconds: the latency the app sees, without the batch exports in between. */
  call: number;
  /** Main-thread CPU microseconds per call: what the app's event loop pays, unlike wall time, not
   * inflated when other processes take the CPU. */
  cpu: number;
}

const median = (numbers: ArrayLike<number>) => {
  const sorted = Array.from(numbers).sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function block(call: () => Promise<void>, count: number): Promise<BlockTime> {
  const calls = new Float64Array(count);
  const start = performance.now();
  const cpuStart = process.threadCpuUsage();
  for (let index = 0; index < count; index += 1) {
    const callStart = performance.now();
    await call();
    calls[index] = performance.now() - callStart;
    // Canned replies settle in microtasks only: let timers (the batch export) run as real I/O would.
    if (index % 64 === 63) await new Promise(setImmediate);
  }
  const cpu = process.threadCpuUsage(cpuStart);
  return {
    wall: ((performance.now() - start) * 1000) / count,
    call: median(calls) * 1000,
    cpu: (cpu.user + cpu.system) / count,
  };
}

const perBlock = Math.max(1, Math.floor(calls / blocks));
for (const [mode, call] of [
  ['non-streaming', nonStreaming],
  ['streaming', streaming],
] as const) {
  if (!values.modes.split(',').includes(mode)) continue;
  // Warm both paths up before timing.
  patchOpenAI(OpenAI);
  await block(call, 2000);
  unpatchOpenAI(OpenAI);
  await block(call, 2000);
  const plain: BlockTime[] = [];
  const traced: BlockTime[] = [];
  for (let index = 0; index < blocks; index += 1) {
    unpatchOpenAI(OpenAI);
    plain.push(await block(call, perBlock));
    patchOpenAI(OpenAI);
    traced.push(await block(call, perBlock));
  }
  unpatchOpenAI(OpenAI);
  const added = (key: keyof BlockTime) => median(traced.map((value, index) => value[key] - plain[index]![key]));
  const figures = (key: keyof BlockTime) =>
    `${median(plain.map((value) => value[key])).toFixed(1)} → ${median(traced.map((value) => value[key])).toFixed(1)} µs, ` +
    `added ${added(key).toFixed(1)} µs`;
  console.log(
    `${mode.padEnd(14)} median call ${figures('call')}; CPU ${figures('cpu')}; wall ${figures('wall')} ` +
      `(medians of ${blocks} paired blocks of ${perBlock})`,
  );
}
await handle.flush();
console.log(`spans exported: ${sink ? `${sink.take().bytes} OTLP bytes` : exported}`);
await handle.shutdown();
await sink?.close();
