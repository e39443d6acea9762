// The user's price override file (prices.yaml): a YAML list of entries, each pricing the models it
// matches in USD per million tokens. Validated with zod (price-overrides-parser.ts); every problem is
// reported with the file, line, entry and field, so a typo fails at startup instead of silently mispricing.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PriceOverride } from './price-override-types.ts';
import type * as Parser from './price-overrides-parser.ts';

export { compileModelMatcher } from './model-matcher.ts';

export type { OverrideRates, OverrideTier, PriceOverride } from './price-override-types.ts';

export class PriceOverridesError extends Error {
  override name = 'PriceOverridesError';
  /** One line per problem, each naming the file, line, entry and field. */
  readonly issues: readonly string[];

  constructor(message: string, issues: readonly string[] = []) {
    super(message);
    this.issues = issues;
  }
}

let parser: typeof Parser | undefined;

/**
 * Parses the text of a price override file. `sourceName` (usually the path) names the file in errors.
 * Throws PriceOverridesError listing every problem; an empty file means no overrides.
 */
export function parsePriceOverrides(text: string, sourceName: string): PriceOverride[] {
  // Loaded on first use, synchronously (require of an ES module), so this function stays synchronous.
  parser ??= createRequire(import.meta.url)('./price-overrides-parser.ts') as typeof Parser;
  const parsed = parser.parseOverridesText(text, sourceName);
  if ('message' in parsed) throw new PriceOverridesError(parsed.message, parsed.issues);
  return parsed.overrides;
}

/** Reads and parses a price override file (see parsePriceOverrides). */
export async function loadPriceOverrides(path: string): Promise<PriceOverride[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PriceOverridesError(`cannot read price overrides file ${path}: ${reason}`, [reason]);
  }
  return parsePriceOverrides(text, path);
}
