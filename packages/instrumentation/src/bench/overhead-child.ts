// One benchmark process: sets up one variant, then times sequential chat completions against the
// mock server, non-streaming and streaming, and prints one JSON line of figures.
// Run by overhead.bench.ts as: node --expose-gc overhead-child.ts <variant> <mockUrl> <sinkUrl> <calls>
import { setUpVariant, type Variant } from './overhead-variants.ts';

export interface ChildFigures {
  variant: Variant;
  /** From the first line of this script to init done and openai loaded. */
  startupMs: number;
  /** Median time per call, in microseconds. */
  nonStreamingMicros: number;
  streamingMicros: number;
  /** Resident set and heap after a GC, once the calls are done and spans flushed. */
  rssBytes: number;
  heapBytes: number;
  /** Heap after the measured calls minus heap after the warm-up (both after a GC). */
  heapGrowthBytes: number;
}

const began = performance.now();
const [variant, mockUrl, sinkUrl, callsText] = process.argv.slice(2) as [Variant, string, string, string];
const calls = Number(callsText);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const setup = await setUpVariant(variant, sinkUrl);
const startupMs = performance.now() - began;
const client = new setup.openai.OpenAI({ baseURL: `${mockUrl}/v1`, apiKey: 'bench', maxRetries: 0 });
const messages = [
  { role: 'system' as const, content: 'You are a concise assistant.' },
  { role: 'user' as const, content: 'Summarise the benefits of tracing LLM calls in one sentence.' },
];

async function nonStreaming(): Promise<void> {
  await client.chat.completions.create({ model: 'gpt-4o-mini', messages, max_tokens: 32 });
}

async function streaming(): Promise<void> {
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages,
    max_tokens: 32,
    stream: true,
    stream_options: { include_usage: true },
  });
  for await (const _chunk of stream);
}

/** Median time per call in microseconds: steadier than the mean when other work shares the machine. */
async function timed(call: () => Promise<void>, count: number): Promise<number> {
  const durations = new Float64Array(count);
  for (let index = 0; index < count; index += 1) {
    const start = performance.now();
    await call();
    durations[index] = performance.now() - start;
  }
  durations.sort();
  const middle = Math.floor(count / 2);
  const median = count % 2 === 1 ? durations[middle]! : (durations[middle - 1]! + durations[middle]!) / 2;
  return median * 1000;
}

const warmUp = Math.min(200, calls);
await timed(nonStreaming, warmUp);
await timed(streaming, warmUp);
await setup.flush();
gc();
const heapAfterWarmUp = process.memoryUsage().heapUsed;

const nonStreamingMicros = await timed(nonStreaming, calls);
const streamingMicros = await timed(streaming, calls);
await setup.flush();
gc();
const memory = process.memoryUsage();

const figures: ChildFigures = {
  variant,
  startupMs,
  nonStreamingMicros,
  streamingMicros,
  rssBytes: memory.rss,
  heapBytes: memory.heapUsed,
  heapGrowthBytes: memory.heapUsed - heapAfterWarmUp,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
// Exporters and keep-alive sockets may hold the loop open; the figures are out.
process.exit(0);
