import type { Cost, TokenUsage } from '../canonical.ts';

export interface PriceRequest {
  /** Canonical provider name (gen_ai.provider.name values: openai, anthropic, gcp.gemini, ...), '' when unknown. */
  provider: string;
  /** Response model when known, else the request model. */
  model: string;
  usage: TokenUsage;
  /** When the call happened: prices are looked up as of this time. */
  at: Date;
}

/** Prices an LLM call. Implementations never throw for unknown models: they answer costSource 'none'. */
export interface Pricer {
  price(request: PriceRequest): Cost;
  /** Version string of the price data (table version plus override file hash). */
  readonly version: string;
}
