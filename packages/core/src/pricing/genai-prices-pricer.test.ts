// Expected numbers are computed by hand from the price data bundled in @pydantic/genai-prices 0.1.8
// (rates quoted in USD per million tokens next to each case). Bumping the package may change them.
import { calcPrice, waitForUpdate } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '../canonical.ts';
import { createGenaiPricesPricer, genaiPricesVersion, lookupTableModel } from './genai-prices-pricer.ts';
import { priceSheetAt, ratesFromSheet } from './genai-prices-rates.ts';
import { tokenCost } from './token-cost.ts';

function usage(counts: Partial<TokenUsage>): TokenUsage {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, ...counts };
}

const AUGUST_2026 = new Date('2026-08-01T12:00:00Z');
const pricer = createGenaiPricesPricer();

function price(provider: string, model: string, counts: Partial<TokenUsage>, at = AUGUST_2026) {
  return pricer.price({ provider, model, usage: usage(counts), at });
}

describe('genai-prices pricer', () => {
  it('prices OpenAI cached input at the cache-read rate (gpt-4o: 2.5 in, 1.25 cached, 10 out)', () => {
    const cost = price('openai', 'gpt-4o', { inputTokens: 10_000, cacheReadTokens: 4_000, outputTokens: 500 });
    // 6,000 uncached × 2.5 + 4,000 cached × 1.25 + 500 × 10, per million.
    expect(cost).toEqual({
      costUsd: 0.025,
      costSource: 'calculated',
      costDetails: { input: 0.015, cache_read: 0.005, cache_write: 0, output: 0.005 },
      priceVersion: pricer.version,
    });
  });

  it('prices gpt-4.1-mini (0.4 in, 0.1 cached, 1.6 out)', () => {
    const cost = price('openai', 'gpt-4.1-mini', { inputTokens: 50_000, cacheReadTokens: 30_000, outputTokens: 2_000 });
    // 20,000 × 0.4 + 30,000 × 0.1 + 2,000 × 1.6 = 0.008 + 0.003 + 0.0032.
    expect(cost.costUsd).toBe(0.0142);
    expect(cost.costDetails).toEqual({ input: 0.008, cache_read: 0.003, cache_write: 0, output: 0.0032 });
  });

  it('prices Anthropic cache reads and writes separately (claude sonnet 4: 3 in, 0.3 read, 3.75 write, 15 out)', () => {
    const cost = price('anthropic', 'claude-sonnet-4-20250514', {
      inputTokens: 5_000,
      cacheReadTokens: 2_000,
      cacheWriteTokens: 1_000,
      outputTokens: 300,
    });
    // 2,000 uncached × 3 + 2,000 × 0.3 + 1,000 × 3.75 + 300 × 15.
    expect(cost.costDetails).toEqual({ input: 0.006, cache_read: 0.0006, cache_write: 0.00375, output: 0.0045 });
    expect(cost.costUsd).toBe(0.01485);
  });

  it('charges reasoning tokens once, as part of output (o3 since 2025-06-10: 2 in, 0.5 cached, 8 out)', () => {
    const cost = price('openai', 'o3', {
      inputTokens: 2_000,
      cacheReadTokens: 500,
      outputTokens: 6_000,
      reasoningTokens: 5_000,
    });
    // 1,500 × 2 + 500 × 0.5 + 6,000 × 8; adding the 5,000 reasoning tokens again would give 0.09125.
    expect(cost.costDetails).toEqual({ input: 0.003, cache_read: 0.00025, cache_write: 0, output: 0.048 });
    expect(cost.costUsd).toBe(0.05125);
  });

  it('uses the price in force at the time of the call (o3 before 2025-06-10: 10 in, 40 out)', () => {
    const cost = price(
      'openai',
      'o3',
      { inputTokens: 2_000, cacheReadTokens: 500, outputTokens: 6_000, reasoningTokens: 5_000 },
      new Date('2025-05-01T00:00:00Z'),
    );
    // 1,500 × 10 + 500 × 0.5 + 6,000 × 40.
    expect(cost.costUsd).toBe(0.25525);
  });

  it('applies the Gemini long-context tier above 200k input tokens to the whole call (gemini-2.5-pro)', () => {
    // Above the tier: 2.5 in, 0.25 cached, 15 out. 200,000 × 2.5 + 50,000 × 0.25 + 2,000 × 15.
    const long = price('gcp.gemini', 'gemini-2.5-pro', {
      inputTokens: 250_000,
      cacheReadTokens: 50_000,
      outputTokens: 2_000,
    });
    expect(long.costDetails).toEqual({ input: 0.5, cache_read: 0.0125, cache_write: 0, output: 0.03 });
    expect(long.costUsd).toBe(0.5425);
    // Base: 1.25 in, 0.125 cached, 10 out. 80,000 × 1.25 + 20,000 × 0.125 + 1,000 × 10.
    const short = price('gcp.gemini', 'gemini-2.5-pro', {
      inputTokens: 100_000,
      cacheReadTokens: 20_000,
      outputTokens: 1_000,
    });
    expect(short.costUsd).toBe(0.1125);
    // The tier starts strictly above 200,000.
    expect(price('gcp.gemini', 'gemini-2.5-pro', { inputTokens: 200_000 }).costUsd).toBe(0.25);
    expect(price('gcp.gemini', 'gemini-2.5-pro', { inputTokens: 200_001 }).costUsd).toBe(0.5000025);
  });

  it('applies time-of-day prices (deepseek-chat: 0.27 in from 00:30 to 16:30 UTC, 0.135 off-peak)', () => {
    const peak = price('deepseek', 'deepseek-chat', { inputTokens: 1_000_000 }, new Date('2026-08-01T03:00:00Z'));
    const offPeak = price('deepseek', 'deepseek-chat', { inputTokens: 1_000_000 }, new Date('2026-08-01T20:00:00Z'));
    expect(peak.costUsd).toBe(0.27);
    expect(offPeak.costUsd).toBe(0.135);
  });

  it('resolves date suffixes and provider prefixes to the base model', () => {
    const base = price('openai', 'gpt-4o', { inputTokens: 1_000, outputTokens: 100 });
    expect(base.costUsd).toBe(0.0035);
    for (const [provider, model] of [
      ['openai', 'gpt-4o-2024-08-06'],
      ['openai', 'openai/gpt-4o'],
      ['', 'openai/gpt-4o'],
      ['openrouter', 'openai/gpt-4o'],
    ] as const) {
      expect(price(provider, model, { inputTokens: 1_000, outputTokens: 100 }), `${provider} ${model}`).toEqual(base);
    }
    // claude-3-5-sonnet-20241022: 3 in, 15 out.
    expect(price('anthropic', 'claude-3-5-sonnet-20241022', { inputTokens: 1_000, outputTokens: 100 }).costUsd).toBe(
      0.0045,
    );
    // A dated snapshot with its own price is not folded into the base model (gpt-4o-2024-05-13: 5 in, 15 out).
    expect(price('openai', 'gpt-4o-2024-05-13', { inputTokens: 1_000, outputTokens: 100 }).costUsd).toBe(0.0065);
  });

  it('matches by model name when the provider is empty or unknown', () => {
    expect(lookupTableModel('', 'gemini-2.5-pro')?.model.id).toBe('gemini-2.5-pro');
    expect(lookupTableModel('', 'claude-3-5-sonnet-20241022')?.providerId).toBe('anthropic');
    expect(lookupTableModel('_OTHER', 'gpt-4o')?.providerId).toBe('openai');
    expect(lookupTableModel('some.gateway', 'gpt-4o')?.providerId).toBe('openai');
    expect(
      price('', 'gemini-2.5-pro', { inputTokens: 100_000, cacheReadTokens: 20_000, outputTokens: 1_000 }).costUsd,
    ).toBe(0.1125);
  });

  it('maps OTel provider names to genai-prices providers', () => {
    const cases: Array<[provider: string, model: string, providerId: string, modelId: string]> = [
      [
        'aws.bedrock',
        'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
        'aws',
        'regional.anthropic.claude-3-5-sonnet-20241022-v2:0',
      ],
      ['azure.ai.openai', 'gpt-4o', 'azure', 'gpt-4o'],
      ['azure.ai.inference', 'gpt-4o-mini', 'azure', 'gpt-4o-mini'],
      ['gcp.vertex_ai', 'claude-sonnet-4@20250514', 'google', 'claude-4-sonnet'],
      ['gcp.gemini', 'models/gemini-2.5-pro', 'google', 'gemini-2.5-pro'],
      ['mistral_ai', 'mistral-large-latest', 'mistral', 'mistral-large'],
      ['x_ai', 'grok-4', 'x-ai', 'grok-4-0709'],
      ['groq', 'llama-3.3-70b-versatile', 'groq', 'llama-3.3-70b-versatile'],
      ['deepseek', 'deepseek-chat', 'deepseek', 'deepseek-chat'],
      ['cohere', 'command-r-plus', 'cohere', 'command-r-plus'],
      ['perplexity', 'sonar-pro', 'perplexity', 'sonar-pro'],
      ['openai.chat', 'gpt-4o-mini', 'openai', 'gpt-4o-mini'],
      // An OpenAI-compatible client pointed at another vendor still reports provider openai.
      ['openai', 'deepseek-chat', 'deepseek', 'deepseek-chat'],
    ];
    for (const [provider, model, providerId, modelId] of cases) {
      const match = lookupTableModel(provider, model);
      expect([match?.providerId, match?.model.id], `${provider} ${model}`).toEqual([providerId, modelId]);
    }
  });

  it('answers none, never a silent $0, for unknown or unpriceable models', () => {
    const none = { costUsd: null, costSource: 'none', costDetails: {}, priceVersion: pricer.version };
    expect(price('openai', 'no-such-model-xyz', { inputTokens: 1_000, outputTokens: 100 })).toEqual(none);
    expect(price('', '', { inputTokens: 1_000 })).toEqual(none);
    // Self-hosted runtimes are not priced from a cloud table, whatever the model is called.
    expect(price('ollama', 'gpt-oss-20b', { inputTokens: 1_000 })).toEqual(none);
    // whisper-1 is priced per audio minute: token usage cannot price it.
    expect(price('openai', 'whisper-1', { inputTokens: 1_000 })).toEqual(none);
  });

  it('prices a known model with zero tokens as a real zero', () => {
    expect(price('openai', 'gpt-4o', {})).toEqual({
      costUsd: 0,
      costSource: 'calculated',
      costDetails: { input: 0, cache_read: 0, cache_write: 0, output: 0 },
      priceVersion: pricer.version,
    });
  });

  it('adds per-request fees as their own bucket (sonar-pro: 3 in, 15 out, 14 per thousand requests)', () => {
    const cost = price('perplexity', 'sonar-pro', { inputTokens: 1_000, outputTokens: 100 });
    expect(cost.costDetails).toEqual({ input: 0.003, cache_read: 0, cache_write: 0, output: 0.0015, request: 0.014 });
    expect(cost.costUsd).toBe(0.0185);
  });

  it('never throws on malformed usage or time', () => {
    const cost = pricer.price({
      provider: 'openai',
      model: 'gpt-4o',
      usage: usage({ inputTokens: Number.NaN, outputTokens: -5, cacheReadTokens: 1_000 }),
      at: new Date('not a date'),
    });
    // Cache beyond the reported input means the input excluded it: 1,000 cached × 1.25.
    expect(cost.costUsd).toBe(0.00125);
  });

  it('reports the installed genai-prices version', () => {
    expect(pricer.version).toBe('genai-prices@0.1.8');
    expect(genaiPricesVersion()).toBe(pricer.version);
  });

  it('agrees with genai-prices calcPrice for every bundled model', async () => {
    const providers = (await waitForUpdate()) ?? [];
    const counts = { inputTokens: 300_000, outputTokens: 20_000, cacheReadTokens: 40_000, cacheWriteTokens: 10_000 };
    const ours = usage({ ...counts, reasoningTokens: 5_000 });
    const theirs = {
      input_tokens: counts.inputTokens,
      cache_read_tokens: counts.cacheReadTokens,
      cache_write_tokens: counts.cacheWriteTokens,
      output_tokens: counts.outputTokens,
      output_reasoning_tokens: 5_000,
    };
    let compared = 0;
    for (const at of [new Date('2025-01-01T20:00:00Z'), new Date('2026-08-01T03:00:00Z')]) {
      for (const provider of providers) {
        for (const model of provider.models) {
          const rates = ratesFromSheet(priceSheetAt(model, at), ours.inputTokens);
          if (!rates) continue;
          const single = { ...provider, models: [{ ...model, match: { equals: 'model-under-test' } }] };
          const expected = calcPrice(theirs, 'model-under-test', { provider: single, timestamp: at });
          expect(tokenCost(ours, rates).costUsd, `${provider.id}/${model.id}`).toBeCloseTo(
            expected?.total_price ?? -1,
            9,
          );
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(2_000);
  });
});
