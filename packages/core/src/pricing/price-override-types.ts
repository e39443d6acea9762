// The shape of a parsed prices.yaml entry, shared by the parser and the pricer.

/** Rates in USD per million tokens. */
export interface OverrideRates {
  inputMtok: number;
  outputMtok: number;
  /** Absent: cache reads are charged as input. */
  cacheReadMtok?: number | undefined;
  /** Absent: cache writes are charged as input. */
  cacheWriteMtok?: number | undefined;
  /** Absent: reasoning tokens are charged as output. */
  reasoningMtok?: number | undefined;
}

/** Rates that replace the base rates for the whole call when its input tokens exceed `aboveInputTokens`. */
export interface OverrideTier extends OverrideRates {
  aboveInputTokens: number;
}

export interface PriceOverride {
  /** An exact model id (compared case-insensitively), or a JavaScript regular expression written `/pattern/flags`. */
  match: string;
  /** Only calls whose canonical provider name (gen_ai.provider.name) equals this, case-insensitively. */
  provider?: string | undefined;
  /** Applies to calls at or after this instant; absent means always. */
  validFrom?: Date | undefined;
  /** Base rates, plus tiers sorted by ascending threshold. */
  prices: OverrideRates & { tiers: OverrideTier[] };
}
