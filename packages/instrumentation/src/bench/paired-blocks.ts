// What a variant adds per call, measured inside its own process: small blocks of calls alternate
// between the SDK method as the variant patched it and the method it replaced (same process, same
// JIT state, same heap), and the figure is the difference between the two kinds' median calls.
// Unlike two processes' medians, this cancels what moves a whole process on a busy machine (which
// core, what else runs), so the variants can be told apart by a few µs.

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
  pause(): Promise<void> | undefined;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function timeBlock(call: () => Promise<void>, options: PairedOptions, into: number[]): Promise<void> {
  for (let index = 0; index < options.perBlock; index += 1) {
    const start = performance.now();
    await call();
    into.push(performance.now() - start);
    await options.pause();
  }
}

/**
 * Microseconds the patched `name` of `holder` adds to the median call of `call`, or undefined when
 * the method was not patched (or its original cannot be found). Blocks with and without the patch
 * alternate, small (10 calls by default) so that both sample the same moments of the machine; the
 * figure is the median of all patched calls minus the median of all plain ones. Work the patch
 * defers past a call (span export, batched span ends) lands on whichever calls run then, of either
 * kind, and moves few of them: the median leaves it out, and the CPU per call of the sequential
 * calls counts it. Leaves the patch in place.
 */
export async function pairedAddedMicros(
  holder: Record<string, unknown>,
  name: string,
  call: () => Promise<void>,
  options: PairedOptions,
): Promise<number | undefined> {
  const patched = holder[name];
  const original = replacedMethod(patched);
  if (!original) return undefined;
  const plainCalls: number[] = [];
  const patchedCalls: number[] = [];
  try {
    for (let block = 0; block < options.blocks; block += 1) {
      // Plain first in even pairs, patched first in odd ones: what a call leaves to the next one
      // (work deferred past its await) crosses from patched to plain blocks as often as back.
      const order = block % 2 === 0 ? [false, true] : [true, false];
      for (const withPatch of order) {
        holder[name] = withPatch ? patched : original;
        await timeBlock(call, options, withPatch ? patchedCalls : plainCalls);
      }
    }
  } finally {
    holder[name] = patched;
  }
  return (median(patchedCalls) - median(plainCalls)) * 1000;
}
