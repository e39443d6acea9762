export * from './attributes/index.ts';
export * from './canonical.ts';
export { type CreatePricerOptions, createPricer } from './pricing/create-pricer.ts';
export { createGenaiPricesPricer, genaiPricesVersion } from './pricing/genai-prices-pricer.ts';
export {
  loadPriceOverrides,
  type OverrideRates,
  type OverrideTier,
  type PriceOverride,
  PriceOverridesError,
  parsePriceOverrides,
} from './pricing/price-overrides.ts';
export type { PriceRequest, Pricer } from './pricing/types.ts';
