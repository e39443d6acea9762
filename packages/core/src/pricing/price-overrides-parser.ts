// Parses and validates prices.yaml with yaml and zod. Loaded by price-overrides.ts on the first parse,
// not at import: yaml and zod are ~170 modules that every importer of @sightline/core (the
// instrumentation at app start-up included) would otherwise load without ever reading a price file.
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { compileModelMatcher } from './model-matcher.ts';
import type { OverrideRates, PriceOverride } from './price-override-types.ts';

const usdPerMillion = z
  .number({
    error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number (USD per million tokens)'),
  })
  .nonnegative({ error: 'must be 0 or more (USD per million tokens)' });

const optionalRates = {
  cache_read_mtok: usdPerMillion.optional(),
  cache_write_mtok: usdPerMillion.optional(),
  reasoning_mtok: usdPerMillion.optional(),
};
const OPTIONAL_RATE_KEYS = ['cache_read_mtok', 'cache_write_mtok', 'reasoning_mtok'] as const;

const tierSchema = z.strictObject({
  above_input_tokens: z
    .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a whole number of tokens') })
    .int({ error: 'must be a whole number of tokens' })
    .nonnegative({ error: 'must be 0 or more' }),
  input_mtok: usdPerMillion,
  output_mtok: usdPerMillion,
  ...optionalRates,
});

const pricesSchema = z
  .strictObject({
    input_mtok: usdPerMillion,
    output_mtok: usdPerMillion,
    ...optionalRates,
    tiers: z.array(tierSchema, { error: 'must be a list of tiers' }).optional(),
  })
  .superRefine((prices, context) => {
    const thresholds = new Set<number>();
    for (const [index, tier] of (prices.tiers ?? []).entries()) {
      if (thresholds.has(tier.above_input_tokens)) {
        context.addIssue({
          code: 'custom',
          path: ['tiers', index, 'above_input_tokens'],
          message: `duplicate threshold ${tier.above_input_tokens}`,
        });
      }
      thresholds.add(tier.above_input_tokens);
      for (const key of OPTIONAL_RATE_KEYS) {
        if (prices[key] !== undefined && tier[key] === undefined) {
          context.addIssue({
            code: 'custom',
            path: ['tiers', index, key],
            message: `is required because the base prices set ${key} (a tier replaces every rate)`,
          });
        }
      }
    }
  });

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const entrySchema = z.strictObject({
  match: z
    .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
    .trim()
    .min(1, { error: 'must not be empty' })
    .superRefine((match, context) => {
      const matcher = compileModelMatcher(match);
      if (typeof matcher === 'string') context.addIssue({ code: 'custom', message: matcher });
    }),
  provider: z.string({ error: 'must be a string' }).trim().min(1, { error: 'must not be empty' }).optional(),
  valid_from: z
    .string({ error: 'must be a date such as 2026-01-31 or 2026-01-31T12:00:00Z' })
    .refine((text) => ISO_DATE.test(text) && !Number.isNaN(toDate(text).getTime()), {
      error: 'must be a date such as 2026-01-31 or 2026-01-31T12:00:00Z',
    })
    .optional(),
  prices: pricesSchema,
});

type OverrideEntry = z.infer<typeof entrySchema>;

/** Dates without a zone are UTC (a bare date is midnight UTC). */
function toDate(text: string): Date {
  const normalised = text.replace(' ', 'T');
  return new Date(/T\d{2}:\d{2}(?::[\d.]+)?$/.test(normalised) ? `${normalised}Z` : normalised);
}

function toRates(entry: {
  input_mtok: number;
  output_mtok: number;
  cache_read_mtok?: number | undefined;
  cache_write_mtok?: number | undefined;
  reasoning_mtok?: number | undefined;
}): OverrideRates {
  const rates: OverrideRates = { inputMtok: entry.input_mtok, outputMtok: entry.output_mtok };
  if (entry.cache_read_mtok !== undefined) rates.cacheReadMtok = entry.cache_read_mtok;
  if (entry.cache_write_mtok !== undefined) rates.cacheWriteMtok = entry.cache_write_mtok;
  if (entry.reasoning_mtok !== undefined) rates.reasoningMtok = entry.reasoning_mtok;
  return rates;
}

function toOverride(entry: OverrideEntry): PriceOverride {
  const tiers = (entry.prices.tiers ?? [])
    .map((tier) => ({ aboveInputTokens: tier.above_input_tokens, ...toRates(tier) }))
    .sort((left, right) => left.aboveInputTokens - right.aboveInputTokens);
  const override: PriceOverride = { match: entry.match, prices: { ...toRates(entry.prices), tiers } };
  if (entry.provider !== undefined) override.provider = entry.provider;
  if (entry.valid_from !== undefined) override.validFrom = toDate(entry.valid_from);
  return override;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${JSON.stringify(value)}`;
}

function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`;
  }
  return text;
}

/** The overrides in a price override file, or why it is invalid (one issue per problem). */
export type ParsedOverrides = { overrides: PriceOverride[] } | { message: string; issues: string[] };

/**
 * Parses the text of a price override file. `sourceName` (usually the path) names the file in the
 * problems; an empty file means no overrides.
 */
export function parseOverridesText(text: string, sourceName: string): ParsedOverrides {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter });
  if (document.errors.length > 0) {
    const issues = document.errors.map((error) => {
      const line = error.linePos?.[0]?.line;
      const summary = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
      return `${sourceName}${line === undefined ? '' : `:${line}`}: YAML syntax error: ${summary}`;
    });
    return { message: `invalid YAML in price overrides file ${sourceName}:\n  ${issues.join('\n  ')}`, issues };
  }
  const data: unknown = document.toJS();
  if (data === null || data === undefined) return { overrides: [] };
  if (!Array.isArray(data)) {
    const issue = `${sourceName}: expected a list of price override entries at the top level, got ${describeValue(data)}`;
    return { message: issue, issues: [issue] };
  }
  const parsed = z.array(entrySchema).safeParse(data);
  if (parsed.success) return { overrides: parsed.data.map(toOverride) };

  const issues = parsed.error.issues.map((issue) => {
    const [index, ...field] = issue.path;
    // Point at the deepest node that exists (a missing field points at its parent mapping).
    let line: number | undefined;
    for (let depth = issue.path.length; depth >= 0 && line === undefined; depth--) {
      const node = document.getIn(issue.path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) line = lineCounter.linePos(node.range[0]).line;
    }
    const location = `${sourceName}${line === undefined ? '' : `:${line}`}`;
    if (typeof index !== 'number') return `${location}: ${issue.message}`;
    const entry: unknown = data[index];
    const match =
      typeof entry === 'object' && entry !== null && 'match' in entry && typeof entry.match === 'string'
        ? ` (match ${JSON.stringify(entry.match)})`
        : '';
    const subject = `entry ${index + 1} of ${data.length}${match}`;
    return field.length > 0
      ? `${location}: ${subject}, field ${fieldPath(field)}: ${issue.message}`
      : `${location}: ${subject}: ${issue.message}`;
  });
  return { message: `invalid price overrides in ${sourceName}:\n  ${issues.join('\n  ')}`, issues };
}
