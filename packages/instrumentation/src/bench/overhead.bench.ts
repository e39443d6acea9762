// Added latency, CPU, memory and start-up per LLM call: uninstrumented vs Sightline vs OpenLLMetry vs
// OpenInference, each in its own child process, calling a local mock OpenAI server sequentially
// (non-streaming and streaming) and exporting to a local no-op OTLP sink. Printed figures, not a test.
// Run: node packages/instrumentation/src/bench/overhead.bench.ts [--calls 2000] [--rounds 5]
//   [--pairs N] [--block M] (the in-process figure alternates N pairs of M-call blocks with and
//   without the patch, default 200 pairs of 10: more pairs, a steadier median)
//   [--replies http|canned] (canned: the mock's replies replayed in the child, no HTTP: the
//   instrumentation's own cost stands out from the HTTP stack's, which a busy machine makes noisy)
//   [--variants uninstrumented,sightline] [--cpu-prof <dir>] (a CPU profile of every child)
//   [--compile-cache] (every child with one warm NODE_COMPILE_CACHE, as a deployed app may run:
//   start-up without compiling, or type-stripping Sightline's TypeScript sources, on every start)
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { startMockLlmServer } from '@sightline/mock-llm';
import { ensureBuilt } from '../build/build-freshness.ts';
import { type NoopSink, startNoopSink } from './otlp-sink.ts';
import type { ChildFigures } from './overhead-child.ts';
import { printSummary, printTargets, type Round } from './overhead-report.ts';
import { VARIANTS, type Variant } from './overhead-variants.ts';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./overhead-child.ts', import.meta.url));
const MB = 1024 * 1024;
/** Calls per mode the child makes before the measured ones (see overhead-child.ts). */
const WARM_UP_CALLS = 200;

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '2000' },
    rounds: { type: 'string', default: '5' },
    variants: { type: 'string', default: VARIANTS.join(',') },
    replies: { type: 'string', default: 'http' },
    pairs: { type: 'string', default: '200' },
    block: { type: 'string', default: '10' },
    'cpu-prof': { type: 'string' },
    'compile-cache': { type: 'boolean', default: false },
  },
});
const calls = Number(values.calls);
const rounds = Number(values.rounds);
const pairs = Number(values.pairs);
const block = Number(values.block);
for (const [option, value, given] of [
  ['--pairs', pairs, values.pairs],
  ['--block', block, values.block],
] as const) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${option} must be a positive integer, got ${given}`);
}
const selected = VARIANTS.filter((variant) => values.variants.split(',').includes(variant));
const profileFlags = values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : [];
const compileCache = values['compile-cache'] ? mkdtempSync(join(tmpdir(), 'overhead-bench-cache-')) : undefined;
const childEnv = compileCache ? { ...process.env, NODE_COMPILE_CACHE: compileCache } : process.env;

async function measure(variant: Variant, mockUrl: string, sink: NoopSink) {
  sink.take();
  const { stdout } = await run(
    process.execPath,
    [
      '--expose-gc',
      ...profileFlags,
      CHILD,
      variant,
      mockUrl,
      sink.url,
      String(calls),
      values.replies,
      String(pairs),
      String(block),
    ],
    { maxBuffer: 16 * MB, env: childEnv },
  );
  const line = stdout.trim().split('\n').at(-1) ?? '';
  const figures = JSON.parse(line) as ChildFigures;
  const exported = sink.take();
  if (variant !== 'uninstrumented' && exported.bytes === 0) {
    throw new Error(`${variant} exported nothing: its instrumentation did not trace the calls`);
  }
  // Traced calls: warm-up, measured, and the patched half of the paired blocks (overhead-child.ts).
  const tracedCalls = 2 * (Math.min(WARM_UP_CALLS, calls) + calls + pairs * block);
  return { ...figures, exportedBytesPerCall: exported.bytes / tracedCalls };
}

// The sightline variant loads the built package (dist/), as an installed app does.
ensureBuilt();
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
const mock = await startMockLlmServer();
const sink = await startNoopSink();
const measured: Round[] = [];
try {
  console.log(
    `overhead bench: ${calls} sequential calls per mode, ${rounds} rounds, ${pairs} pairs of ${block}-call blocks, ${values.replies} replies, ` +
      `${compileCache ? 'warm compile cache, ' : ''}` +
      `node ${process.version}, load ${load()}; every variant captures message content`,
  );
  // A first, unreported run of each variant fills the compile cache.
  if (compileCache) for (const variant of selected) await measure(variant, mock.url, sink);
  for (let round = 1; round <= rounds; round += 1) {
    const figuresOf: Round = new Map();
    // Interleaved, so drift on the machine touches every variant alike, and each round starts with
    // the next variant, so no variant always runs first or right after another.
    const shift = (round - 1) % selected.length;
    for (const variant of [...selected.slice(shift), ...selected.slice(0, shift)]) {
      const figures = await measure(variant, mock.url, sink);
      figuresOf.set(variant, figures);
      console.log(
        `  round ${round} ${variant.padEnd(15)} ${figures.nonStreamingMicros.toFixed(0)} µs / ${figures.streamingMicros.toFixed(0)} µs per call, ` +
          `CPU ${figures.nonStreamingCpuMicros.toFixed(0)} / ${figures.streamingCpuMicros.toFixed(0)} µs, ` +
          `start-up ${figures.startupMs.toFixed(0)} ms, rss ${(figures.rssBytes / MB).toFixed(0)} MB`,
      );
    }
    measured.push(figuresOf);
  }
} finally {
  await sink.close();
  await mock.close();
  if (compileCache) rmSync(compileCache, { recursive: true, force: true });
}
console.log(`load at the end ${load()}`);
printSummary(measured, selected);
printTargets(measured, selected);
