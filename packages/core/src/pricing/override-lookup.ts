import { BoundedMemo } from './bounded-memo.ts';
import { compileModelMatcher, type PriceOverride, PriceOverridesError } from './price-overrides.ts';
import type { TokenRates } from './token-cost.ts';

interface CompiledOverride {
  override: PriceOverride;
  matches: (model: string) => boolean;
  /** Lower-cased, or undefined for any provider. */
  provider: string | undefined;
  /** -Infinity when the entry has no valid_from. */
  validFromMs: number;
}

function compile(overrides: readonly PriceOverride[]): CompiledOverride[] {
  return overrides.map((override, index) => {
    const matcher = compileModelMatcher(override.match);
    if (typeof matcher === 'string') {
      throw new PriceOverridesError(
        `price override ${index + 1} (match ${JSON.stringify(override.match)}): ${matcher}`,
      );
    }
    return {
      override,
      matches: matcher,
      provider: override.provider?.trim().toLowerCase(),
      validFromMs: override.validFrom?.getTime() ?? Number.NEGATIVE_INFINITY,
    };
  });
}

/**
 * Returns a function finding the override for a call: among entries matching the model (and provider,
 * when an entry names one), the one with the latest valid_from not after the call wins; entries
 * without valid_from count as oldest; ties go to the first in file order. Matching entries are
 * memoised per (provider, model), so only the time check runs per call.
 */
export function createOverrideLookup(
  overrides: readonly PriceOverride[],
): (provider: string, model: string, at: Date) => PriceOverride | undefined {
  const compiled = compile(overrides);
  if (compiled.length === 0) return () => undefined;
  const candidates = new BoundedMemo<CompiledOverride[]>();
  return (provider, model, at) => {
    const matching = candidates.get(`${provider}\u0000${model}`, () => {
      const providerName = provider.trim().toLowerCase();
      const modelId = model.trim();
      return compiled.filter(
        (entry) => (entry.provider === undefined || entry.provider === providerName) && entry.matches(modelId),
      );
    });
    if (matching.length === 0) return undefined;
    // An invalid date prices as of now rather than failing the call.
    const atMs = Number.isNaN(at.getTime()) ? Date.now() : at.getTime();
    let best: CompiledOverride | undefined;
    for (const entry of matching) {
      if (entry.validFromMs > atMs) continue;
      if (best === undefined || entry.validFromMs > best.validFromMs) best = entry;
    }
    return best?.override;
  };
}

/** The override's rates for a call with `inputTokens` input tokens: the highest tier it exceeds, else the base. */
export function overrideRates(override: PriceOverride, inputTokens: number): TokenRates {
  let rates: TokenRates = override.prices;
  for (const tier of override.prices.tiers) {
    if (inputTokens > tier.aboveInputTokens) rates = tier;
  }
  return {
    inputMtok: rates.inputMtok,
    outputMtok: rates.outputMtok,
    cacheReadMtok: rates.cacheReadMtok,
    cacheWriteMtok: rates.cacheWriteMtok,
    reasoningMtok: rates.reasoningMtok,
  };
}
