// Added latency, memory and start-up per LLM call: uninstrumented vs Sightline vs OpenLLMetry vs
// OpenInference, each in its own child process, calling a local mock OpenAI server sequentially
// (non-streaming and streaming) and exporting to a local no-op OTLP sink. Printed figures, not a test.
// Run: node packages/instrumentation/src/bench/overhead.bench.ts [--calls 2000] [--rounds 5]
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { startMockLlmServer } from '@sightline/mock-llm';
import { type NoopSink, startNoopSink } from './otlp-sink.ts';
import type { ChildFigures } from './overhead-child.ts';
import { VARIANTS, type Variant } from './overhead-variants.ts';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./overhead-child.ts', import.meta.url));
const MB = 1024 * 1024;
const PEERS: readonly Variant[] = ['openllmetry', 'openinference'];

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '5' } },
});
const calls = Number(values.calls);
const rounds = Number(values.rounds);

const median = (numbers: readonly number[]): number => {
  const sorted = [...numbers].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function measure(variant: Variant, mockUrl: string, sink: NoopSink): Promise<ChildFigures> {
  sink.take();
  const { stdout } = await run(process.execPath, ['--expose-gc', CHILD, variant, mockUrl, sink.url, String(calls)], {
    maxBuffer: 16 * MB,
  });
  const line = stdout.trim().split('\n').at(-1) ?? '';
  const figures = JSON.parse(line) as ChildFigures;
  const exported = sink.take();
  if (variant !== 'uninstrumented' && exported.bytes === 0) {
    throw new Error(`${variant} exported nothing: its instrumentation did not trace the calls`);
  }
  return figures;
}

const mock = await startMockLlmServer();
const sink = await startNoopSink();
const samples = new Map<Variant, ChildFigures[]>(VARIANTS.map((variant) => [variant, []]));
try {
  console.log(`overhead bench: ${calls} sequential calls per mode, ${rounds} rounds, node ${process.version}`);
  for (let round = 1; round <= rounds; round += 1) {
    // Interleaved, so drift on the machine touches every variant alike.
    for (const variant of VARIANTS) {
      const figures = await measure(variant, mock.url, sink);
      samples.get(variant)!.push(figures);
      console.log(
        `  round ${round} ${variant.padEnd(15)} ${figures.nonStreamingMicros.toFixed(0)} µs / ${figures.streamingMicros.toFixed(0)} µs per call, ` +
          `start-up ${figures.startupMs.toFixed(0)} ms, rss ${(figures.rssBytes / MB).toFixed(0)} MB`,
      );
    }
  }
} finally {
  await sink.close();
  await mock.close();
}

type Summary = Record<'nonStreaming' | 'streaming' | 'startup' | 'rss' | 'heap' | 'heapGrowth', number>;
const summary = new Map<Variant, Summary>();
for (const [variant, figures] of samples) {
  summary.set(variant, {
    nonStreaming: median(figures.map((figure) => figure.nonStreamingMicros)),
    streaming: median(figures.map((figure) => figure.streamingMicros)),
    startup: median(figures.map((figure) => figure.startupMs)),
    rss: median(figures.map((figure) => figure.rssBytes)) / MB,
    heap: median(figures.map((figure) => figure.heapBytes)) / MB,
    heapGrowth: median(figures.map((figure) => figure.heapGrowthBytes)) / MB,
  });
}
const base = summary.get('uninstrumented')!;
const added = (variant: Variant, key: keyof Summary) => summary.get(variant)![key] - base[key];

console.log('\nmedian of rounds; "+" is added over uninstrumented');
console.log(
  `${'variant'.padEnd(15)} ${'non-stream µs'.padStart(14)} ${'+µs'.padStart(7)} ${'stream µs'.padStart(10)} ${'+µs'.padStart(7)} ` +
    `${'start-up ms'.padStart(12)} ${'+ms'.padStart(7)} ${'RSS MB'.padStart(7)} ${'+MB'.padStart(6)} ${'heap MB'.padStart(8)} ${'+MB'.padStart(6)} ${'heap growth MB'.padStart(15)}`,
);
for (const variant of VARIANTS) {
  const figures = summary.get(variant)!;
  console.log(
    `${variant.padEnd(15)} ${figures.nonStreaming.toFixed(0).padStart(14)} ${added(variant, 'nonStreaming').toFixed(0).padStart(7)} ` +
      `${figures.streaming.toFixed(0).padStart(10)} ${added(variant, 'streaming').toFixed(0).padStart(7)} ` +
      `${figures.startup.toFixed(0).padStart(12)} ${added(variant, 'startup').toFixed(0).padStart(7)} ` +
      `${figures.rss.toFixed(0).padStart(7)} ${added(variant, 'rss').toFixed(0).padStart(6)} ` +
      `${figures.heap.toFixed(1).padStart(8)} ${added(variant, 'heap').toFixed(1).padStart(6)} ${figures.heapGrowth.toFixed(1).padStart(15)}`,
  );
}

const bestPeer = (key: keyof Summary) => Math.min(...PEERS.map((peer) => added(peer, key)));
const targets: Array<[string, number, number, string]> = [
  ['added time per non-streaming call', added('sightline', 'nonStreaming'), bestPeer('nonStreaming') / 2, 'µs'],
  ['added time per streaming call', added('sightline', 'streaming'), bestPeer('streaming') / 2, 'µs'],
  ['added memory (RSS)', added('sightline', 'rss'), 20, 'MB'],
  ['added memory (heap after GC)', added('sightline', 'heap'), 20, 'MB'],
  ['heap growth over the measured calls', summary.get('sightline')!.heapGrowth, 20, 'MB'],
  ['added start-up', added('sightline', 'startup'), 150, 'ms'],
];
console.log('\nSightline targets (time: at most half the best peer; memory < 20 MB; start-up < 150 ms)');
for (const [name, value, limit, unit] of targets) {
  console.log(
    `  ${value <= limit ? 'met ' : 'MISS'} ${name}: ${value.toFixed(1)} ${unit} (limit ${limit.toFixed(1)} ${unit})`,
  );
}
