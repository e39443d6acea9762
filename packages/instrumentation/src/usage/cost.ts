import type { Attributes } from '@opentelemetry/api';
import {
  createPricer,
  type PriceOverride,
  type Pricer,
  SIGHTLINE_COST_SOURCE,
  SIGHTLINE_COST_USD,
  SIGHTLINE_PRICE_VERSION,
} from '@sightline/core';
import { canonicalUsage, type ReportedUsage } from './reported-usage.ts';

let pricer: Pricer | undefined;

/** Replaces the pricer, e.g. with prices.yaml overrides (the same implementation the collector uses). */
export function usePriceOverrides(overrides: readonly PriceOverride[]): void {
  pricer = createPricer({ overrides });
}

function currentPricer(): Pricer {
  pricer ??= createPricer();
  return pricer;
}

/**
 * sightline.cost.* for one call, added to `attributes` (a new object by default). An unknown model
 * is source "none" with no amount: the collector then shows it as unpriced, never as a $0 call.
 */
export function costAttributes(
  provider: string,
  model: string,
  usage: ReportedUsage,
  at: Date,
  attributes: Attributes = {},
): Attributes {
  const cost = currentPricer().price({ provider, model, usage: canonicalUsage(usage), at });
  attributes[SIGHTLINE_COST_SOURCE] = cost.costUsd === null ? 'none' : cost.costSource;
  attributes[SIGHTLINE_PRICE_VERSION] = cost.priceVersion;
  if (cost.costUsd !== null) attributes[SIGHTLINE_COST_USD] = cost.costUsd;
  return attributes;
}
