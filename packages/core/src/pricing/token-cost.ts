import type { TokenUsage } from '../canonical.ts';

/** The rates that apply to one call, in USD per million tokens (tiers already resolved). */
export interface TokenRates {
  inputMtok: number;
  outputMtok: number;
  /** Absent: cache reads are charged as ordinary input. */
  cacheReadMtok?: number | undefined;
  /** Absent: cache writes are charged as ordinary input. */
  cacheWriteMtok?: number | undefined;
  /** Absent: reasoning tokens are charged as ordinary output (they are part of output). */
  reasoningMtok?: number | undefined;
  /** Flat fee per call in USD (a few providers charge per request). */
  requestUsd?: number | undefined;
}

export interface TokenCost {
  costUsd: number;
  costDetails: Record<string, number>;
}

function count(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Usage with OTel semantics enforced, the same way the collector's normaliser does: when the cache
 * alone exceeds the input, the input cannot have included it; likewise reasoning and output.
 */
export function sanitiseUsage(usage: TokenUsage): TokenUsage {
  const cacheReadTokens = count(usage.cacheReadTokens);
  const cacheWriteTokens = count(usage.cacheWriteTokens);
  const reasoningTokens = count(usage.reasoningTokens);
  let inputTokens = count(usage.inputTokens);
  let outputTokens = count(usage.outputTokens);
  if (cacheReadTokens + cacheWriteTokens > inputTokens) inputTokens += cacheReadTokens + cacheWriteTokens;
  if (reasoningTokens > outputTokens) outputTokens += reasoningTokens;
  return { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens };
}

const PER_MILLION = 1_000_000;

/** Rounds to 1e-12 USD (far below any real per-call price) to drop float noise such as 0.0045000000000000005. */
function roundUsd(value: number): number {
  return Math.round(value * 1e12) / 1e12;
}

/**
 * Splits OTel-style usage (input includes cache, output includes reasoning) into priced buckets.
 * A token kind without its own rate stays in its parent bucket, so nothing is charged twice.
 * The buckets sum to costUsd (up to the rounding in roundUsd).
 */
export function tokenCost(usage: TokenUsage, rates: TokenRates): TokenCost {
  const cacheRead = rates.cacheReadMtok === undefined ? 0 : usage.cacheReadTokens;
  const cacheWrite = rates.cacheWriteMtok === undefined ? 0 : usage.cacheWriteTokens;
  const reasoning = rates.reasoningMtok === undefined ? 0 : usage.reasoningTokens;
  const costDetails: Record<string, number> = {
    input: ((usage.inputTokens - cacheRead - cacheWrite) * rates.inputMtok) / PER_MILLION,
    cache_read: (cacheRead * (rates.cacheReadMtok ?? 0)) / PER_MILLION,
    cache_write: (cacheWrite * (rates.cacheWriteMtok ?? 0)) / PER_MILLION,
    output: ((usage.outputTokens - reasoning) * rates.outputMtok) / PER_MILLION,
  };
  if (rates.reasoningMtok !== undefined) costDetails.reasoning = (reasoning * rates.reasoningMtok) / PER_MILLION;
  if (rates.requestUsd !== undefined) costDetails.request = rates.requestUsd;
  let costUsd = 0;
  for (const [bucket, value] of Object.entries(costDetails)) {
    costDetails[bucket] = roundUsd(value);
    costUsd += value;
  }
  return { costUsd: roundUsd(costUsd), costDetails };
}
