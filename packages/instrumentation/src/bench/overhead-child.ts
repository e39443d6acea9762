// One benchmark process: sets up one variant, then times sequential chat completions against the
// mock server, non-streaming and streaming, then again in blocks with and without the variant's
// patch (paired-blocks.ts), and prints one JSON line of figures.
// Run by overhead.bench.ts as: node --expose-gc overhead-child.ts <variant> <mockUrl> <sinkUrl> <calls> <replies> <pairs> <block>
// replies: `http` asks the mock server for every call; `canned` replays its replies from memory,
// leaving out the HTTP stack and the server (whose timing on a busy machine drowns small differences).
import { cannedFetch, chatRequest, streamingChatRequest } from './canned-replies.ts';
import { setUpVariant, type Variant } from './overhead-variants.ts';
import { pairedAddedMicros } from './paired-blocks.ts';

export interface ChildFigures {
  variant: Variant;
  /** From the first line of this script to init done and openai loaded. */
  startupMs: number;
  /** Median time per call, in microseconds. */
  nonStreamingMicros: number;
  streamingMicros: number;
  /**
   * Main-thread CPU per call, in microseconds, averaged over the measured calls: everything the
   * process did for them (SDK, instrumentation, span export, garbage collection), without the wait
   * for the mock server, and less moved than wall time by other work on the machine.
   */
  nonStreamingCpuMicros: number;
  streamingCpuMicros: number;
  /** Resident set and heap after a GC, once the calls are done and spans flushed. */
  rssBytes: number;
  heapBytes: number;
  /** Heap after the measured calls minus heap after the warm-up (both after a GC). */
  heapGrowthBytes: number;
  /**
   * Microseconds the variant's patch adds to the median call, measured in this process by
   * alternating small blocks with and without it (paired-blocks.ts); 0 for uninstrumented, null
   * when the patch keeps no reference to the method it replaced.
   */
  pairedNonStreamingMicros: number | null;
  pairedStreamingMicros: number | null;
}

const began = performance.now();
const [variant, mockUrl, sinkUrl, callsText, replies = 'http', pairsText = '200', blockText = '10'] =
  process.argv.slice(2) as [Variant, string, string, string, string?, string?, string?];
const calls = Number(callsText);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const setup = await setUpVariant(variant, sinkUrl);
const startupMs = performance.now() - began;
const client = new setup.openai.OpenAI({
  baseURL: `${mockUrl}/v1`,
  apiKey: 'bench',
  maxRetries: 0,
  ...(replies === 'canned' ? { fetch: await cannedFetch(mockUrl) } : {}),
});

async function nonStreaming(): Promise<void> {
  await client.chat.completions.create(chatRequest());
}

async function streaming(): Promise<void> {
  const stream = await client.chat.completions.create(streamingChatRequest());
  for await (const _chunk of stream);
}

/**
 * Median wall time per call (steadier than the mean when other work shares the machine) and mean
 * main-thread CPU per call, in microseconds. The CPU includes flushing the spans of these calls.
 */
async function timed(call: () => Promise<void>, count: number): Promise<{ median: number; cpu: number }> {
  const durations = new Float64Array(count);
  const cpuStart = process.threadCpuUsage();
  for (let index = 0; index < count; index += 1) {
    const start = performance.now();
    await call();
    durations[index] = performance.now() - start;
    // Canned replies settle in microtasks only: let timers (batch exports) run, as real I/O would.
    if (replies === 'canned' && index % 64 === 63) await new Promise(setImmediate);
  }
  await setup.flush();
  const cpu = process.threadCpuUsage(cpuStart);
  durations.sort();
  const middle = Math.floor(count / 2);
  const median = count % 2 === 1 ? durations[middle]! : (durations[middle - 1]! + durations[middle]!) / 2;
  return { median: median * 1000, cpu: (cpu.user + cpu.system) / count };
}

const warmUp = Math.min(200, calls);
await timed(nonStreaming, warmUp);
await timed(streaming, warmUp);
gc();
const heapAfterWarmUp = process.memoryUsage().heapUsed;

const nonStreamingTimes = await timed(nonStreaming, calls);
const streamingTimes = await timed(streaming, calls);
gc();
const memory = process.memoryUsage();

// After the figures above (and the memory reading): calls in blocks alternating with and without the patch.
const completions = (
  setup.openai.OpenAI as unknown as { Chat: { Completions: { prototype: Record<string, unknown> } } }
).Chat.Completions.prototype;
let pausedAfter = 0;
const pairing = {
  blocks: Number(pairsText),
  perBlock: Number(blockText),
  // Canned replies settle in microtasks only: let timers run every 64 calls, as in timed().
  pause: () => {
    pausedAfter += 1;
    return replies === 'canned' && pausedAfter % 64 === 0
      ? new Promise<void>((resolve) => setImmediate(resolve))
      : undefined;
  },
};
const paired = async (call: () => Promise<void>) =>
  variant === 'uninstrumented' ? 0 : ((await pairedAddedMicros(completions, 'create', call, pairing)) ?? null);
const pairedNonStreaming = await paired(nonStreaming);
const pairedStreaming = await paired(streaming);
// Export what the paired calls left waiting, so that the sink counts every traced call's span.
await setup.flush();

const figures: ChildFigures = {
  variant,
  startupMs,
  nonStreamingMicros: nonStreamingTimes.median,
  streamingMicros: streamingTimes.median,
  nonStreamingCpuMicros: nonStreamingTimes.cpu,
  streamingCpuMicros: streamingTimes.cpu,
  rssBytes: memory.rss,
  heapBytes: memory.heapUsed,
  heapGrowthBytes: memory.heapUsed - heapAfterWarmUp,
  pairedNonStreamingMicros: pairedNonStreaming,
  pairedStreamingMicros: pairedStreaming,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
// Exporters and keep-alive sockets may hold the loop open; the figures are out.
process.exit(0);
