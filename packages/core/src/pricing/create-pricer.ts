import { createHash } from 'node:crypto';
import type { Cost } from '../canonical.ts';
import { createGenaiPricesPricer, unpriced } from './genai-prices-pricer.ts';
import { createOverrideLookup, overrideRates } from './override-lookup.ts';
import type { PriceOverride } from './price-overrides.ts';
import { sanitiseUsage, tokenCost } from './token-cost.ts';
import type { PriceRequest, Pricer } from './types.ts';

export interface CreatePricerOptions {
  /** Entries from prices.yaml (loadPriceOverrides); they win over the bundled table. */
  overrides?: readonly PriceOverride[] | undefined;
}

/** A short, stable fingerprint of the overrides, so that a changed prices.yaml changes the version. */
function overridesHash(overrides: readonly PriceOverride[]): string {
  return createHash('sha256').update(JSON.stringify(overrides)).digest('hex').slice(0, 8);
}

/**
 * The pricer Sightline uses everywhere: a prices.yaml override first, then the bundled genai-prices
 * table, else costSource 'none'. (A cost carried on the span wins over both; callers check that first.)
 * `version` is the table version, plus `+overrides.<hash>` when overrides are given. Throws
 * PriceOverridesError only for an override whose match is an invalid regular expression.
 */
export function createPricer(options: CreatePricerOptions = {}): Pricer {
  const table = createGenaiPricesPricer();
  const overrides = options.overrides ?? [];
  const version = overrides.length === 0 ? table.version : `${table.version}+overrides.${overridesHash(overrides)}`;
  const findOverride = createOverrideLookup(overrides);
  return {
    version,
    price(request: PriceRequest): Cost {
      try {
        const override = findOverride(request.provider, request.model, request.at);
        if (override) {
          const usage = sanitiseUsage(request.usage);
          const { costUsd, costDetails } = tokenCost(usage, overrideRates(override, usage.inputTokens));
          return { costUsd, costSource: 'calculated', costDetails, priceVersion: version };
        }
        const cost = table.price(request);
        return { ...cost, priceVersion: version };
      } catch {
        // Pricing never breaks ingestion: anything unexpected leaves the call unpriced.
        return unpriced(version);
      }
    },
  };
}
