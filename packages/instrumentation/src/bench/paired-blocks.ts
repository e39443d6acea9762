// What a variant adds per call, measured inside its own process: blocks of calls alternate between
// the SDK method as the variant patched it and the method it replaced (same process, same JIT
// state, same heap), and the figure is the median over block pairs of the difference between
// their median calls. Unlike two processes' medians, this cancels what moves a whole process on a
// busy machine (which core, what else runs), so the variants can be told apart by a few µs.

// biome-ignore lint/suspicious/noExplicitAny: SDK methods of any signature.
type Method = (this: any, ...args: any[]) => any;

const SIGHTLINE_ORIGINAL = Symbol.for('sightline.instrumentation.original');

/** The method a patch replaced: Sightline's wrappers and shimmer's (OpenTelemetry instrumentations) keep it. */
export function replacedMethod(patched: unknown): Method | undefined {
  if (typeof patched !== 'function') return undefined;
  const original =
    (patched as unknown as Record<symbol, unknown>)[SIGHTLINE_ORIGINAL] ??
    (patched as unknown as { __original?: unknown }).__original;
  return typeof original === 'function' ? (original as Method) : undefined;
}

export interface PairedOptions {
  /** Block pairs. */
  blocks: number;
  /** Calls per block. */
  perBlock: number;
  /** Runs between calls now and then (lets timers run when calls settle in microtasks only). */
  pause(index: number): Promise<void> | undefined;
}

function median(values: Float64Array | number[]): number {
  const sorted = Array.from(values).sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

interface BlockTimes {
  /** The block's median call, in ms. */
  median: number;
  /** The block's wall time per call, in ms: with the pauses, the timers and the deferred work that ran in them. */
  mean: number;
}

async function timeBlock(call: () => Promise<void>, options: PairedOptions): Promise<BlockTimes> {
  const durations = new Float64Array(options.perBlock);
  const blockStart = performance.now();
  for (let index = 0; index < options.perBlock; index += 1) {
    const start = performance.now();
    await call();
    durations[index] = performance.now() - start;
    await options.pause(index);
  }
  return { median: median(durations), mean: (performance.now() - blockStart) / options.perBlock };
}

export interface PairedAdded {
  /** Added to the median call: the latency the app sees on a typical call. */
  median: number;
  /**
   * Added to the block's wall time per call: also what runs between calls (span export, spans
   * ended after the app's await, garbage collection), which the median call leaves out.
   */
  mean: number;
}

/**
 * Microseconds the patched `name` of `holder` adds per call of `call` (median over block pairs),
 * or undefined when the method was not patched (or its original cannot be found). Leaves the
 * patch in place.
 */
export async function pairedAddedMicros(
  holder: Record<string, unknown>,
  name: string,
  call: () => Promise<void>,
  options: PairedOptions,
): Promise<PairedAdded | undefined> {
  const patched = holder[name];
  const original = replacedMethod(patched);
  if (!original) return undefined;
  const medians: number[] = [];
  const means: number[] = [];
  try {
    for (let block = 0; block < options.blocks; block += 1) {
      holder[name] = original;
      const plain = await timeBlock(call, options);
      holder[name] = patched;
      const traced = await timeBlock(call, options);
      medians.push((traced.median - plain.median) * 1000);
      means.push((traced.mean - plain.mean) * 1000);
    }
  } finally {
    holder[name] = patched;
  }
  return { median: median(medians), mean: median(means) };
}
