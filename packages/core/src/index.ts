export * from './attributes/index.ts';
export * from './canonical.ts';
export type { PriceRequest, Pricer } from './pricing/types.ts';
