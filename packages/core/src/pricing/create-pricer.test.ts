import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '../canonical.ts';
import { createPricer } from './create-pricer.ts';
import { type PriceOverride, PriceOverridesError, parsePriceOverrides } from './price-overrides.ts';

function usage(counts: Partial<TokenUsage>): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, ...counts };
}

const AUGUST_2026 = new Date('2026-08-01T12:00:00Z');
const MILLION_IN_MILLION_OUT = usage({ inputTokens: 1_000_000, outputTokens: 1_000_000 });

const OVERRIDES = parsePriceOverrides(
  `
# A fine-tune priced by exact id.
- match: ft:gpt-4o-mini:acme::abc123
  prices: { input_mtok: 0.3, output_mtok: 1.2, cache_read_mtok: 0.15 }
# A negotiated rate for gpt-4o on Azure only, changing in June 2026.
- match: /^gpt-4o(-\\d{4}-\\d{2}-\\d{2})?$/
  provider: azure.ai.openai
  valid_from: 2026-01-01
  prices: { input_mtok: 2, output_mtok: 8 }
- match: /^gpt-4o(-\\d{4}-\\d{2}-\\d{2})?$/
  provider: azure.ai.openai
  valid_from: 2026-06-01
  prices: { input_mtok: 1.5, output_mtok: 6 }
# Two patterns for the same in-house model, no dates: the first in file order wins.
- match: /^acme-(large|xl)$/
  prices: { input_mtok: 1, output_mtok: 1 }
- match: acme-large
  prices: { input_mtok: 9, output_mtok: 9 }
# A long-context tier and a separate reasoning rate.
- match: acme-reasoner
  prices:
    input_mtok: 1
    output_mtok: 4
    reasoning_mtok: 2
    cache_write_mtok: 1.25
    tiers:
      - { above_input_tokens: 100000, input_mtok: 2, output_mtok: 8, reasoning_mtok: 4, cache_write_mtok: 2.5 }
`,
  'prices.yaml',
);

describe('createPricer', () => {
  const pricer = createPricer({ overrides: OVERRIDES });
  const price = (provider: string, model: string, tokens: TokenUsage, at = AUGUST_2026) =>
    pricer.price({ provider, model, usage: tokens, at });

  it('prices from the bundled table when no override matches', () => {
    expect(price('openai', 'gpt-4o', MILLION_IN_MILLION_OUT)).toMatchObject({
      costUsd: 12.5,
      costSource: 'calculated',
    });
  });

  it('lets an exact-id override win, with its cache rate', () => {
    const cost = price(
      'openai',
      'FT:gpt-4o-mini:acme::abc123',
      usage({ inputTokens: 1_000_000, cacheReadTokens: 400_000 }),
    );
    // 600,000 × 0.3 + 400,000 × 0.15.
    expect(cost.costDetails).toEqual({ input: 0.18, cache_read: 0.06, cache_write: 0, output: 0 });
    expect(cost.costUsd).toBe(0.24);
  });

  it('picks the latest valid_from not after the call, and falls back to the table before any', () => {
    expect(price('azure.ai.openai', 'gpt-4o-2024-08-06', MILLION_IN_MILLION_OUT).costUsd).toBe(7.5);
    expect(price('azure.ai.openai', 'gpt-4o', MILLION_IN_MILLION_OUT, new Date('2026-03-01T00:00:00Z')).costUsd).toBe(
      10,
    );
    // The June entry starts at midnight UTC.
    expect(price('azure.ai.openai', 'gpt-4o', MILLION_IN_MILLION_OUT, new Date('2026-05-31T23:59:59Z')).costUsd).toBe(
      10,
    );
    expect(price('azure.ai.openai', 'gpt-4o', MILLION_IN_MILLION_OUT, new Date('2026-06-01T00:00:00Z')).costUsd).toBe(
      7.5,
    );
    // Before both entries, and for other providers, the table price (2.5 in, 10 out) applies.
    expect(price('azure.ai.openai', 'gpt-4o', MILLION_IN_MILLION_OUT, new Date('2025-12-31T00:00:00Z')).costUsd).toBe(
      12.5,
    );
    expect(price('openai', 'gpt-4o', MILLION_IN_MILLION_OUT).costUsd).toBe(12.5);
  });

  it('takes the first matching entry in file order when dates do not decide', () => {
    expect(price('', 'acme-large', MILLION_IN_MILLION_OUT).costUsd).toBe(2);
  });

  it('applies override tiers to the whole call and prices reasoning at its own rate', () => {
    const small = price(
      '',
      'acme-reasoner',
      usage({ inputTokens: 100_000, outputTokens: 10_000, reasoningTokens: 4_000 }),
    );
    // 100,000 × 1 + 6,000 × 4 + 4,000 × 2: at exactly 100,000 the tier does not apply yet.
    expect(small.costDetails).toEqual({ input: 0.1, cache_read: 0, cache_write: 0, output: 0.024, reasoning: 0.008 });
    expect(small.costUsd).toBe(0.132);
    const large = price(
      '',
      'acme-reasoner',
      usage({ inputTokens: 150_000, cacheWriteTokens: 50_000, outputTokens: 10_000, reasoningTokens: 4_000 }),
    );
    // 100,000 × 2 + 50,000 × 2.5 + 6,000 × 8 + 4,000 × 4.
    expect(large.costDetails).toEqual({
      input: 0.2,
      cache_read: 0,
      cache_write: 0.125,
      output: 0.048,
      reasoning: 0.016,
    });
    expect(large.costUsd).toBe(0.389);
  });

  it('answers none for models neither source knows', () => {
    expect(price('', 'mystery-model', MILLION_IN_MILLION_OUT)).toEqual({
      costUsd: null,
      costSource: 'none',
      costDetails: {},
      priceVersion: pricer.version,
    });
  });

  it('versions prices by table and override content', () => {
    expect(createPricer().version).toBe('genai-prices@0.1.8');
    expect(pricer.version).toMatch(/^genai-prices@0\.1\.8\+overrides\.[0-9a-f]{8}$/);
    expect(createPricer({ overrides: OVERRIDES }).version).toBe(pricer.version);
    const changed: PriceOverride[] = [{ ...OVERRIDES[0]!, prices: { inputMtok: 0.31, outputMtok: 1.2, tiers: [] } }];
    expect(createPricer({ overrides: changed }).version).not.toBe(pricer.version);
    expect(price('openai', 'gpt-4o', MILLION_IN_MILLION_OUT).priceVersion).toBe(pricer.version);
  });

  it('gives the same answers from its memo as on first lookup', () => {
    const first = price('openai', 'gpt-4o', usage({ inputTokens: 10, outputTokens: 1 }));
    const again = price('openai', 'gpt-4o', usage({ inputTokens: 10, outputTokens: 1 }));
    const different = price('openai', 'gpt-4o', usage({ inputTokens: 20, outputTokens: 2 }));
    expect(again).toEqual(first);
    expect(different.costUsd).toBe(2 * (first.costUsd ?? 0));
  });

  it('rejects programmatic overrides with an invalid pattern', () => {
    const invalid: PriceOverride[] = [{ match: '/(/', prices: { inputMtok: 1, outputMtok: 1, tiers: [] } }];
    expect(() => createPricer({ overrides: invalid })).toThrowError(PriceOverridesError);
  });
});
