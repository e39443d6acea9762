import { describe, expect, it } from 'vitest';
import { sanitiseUsage, tokenCost } from './token-cost.ts';

describe('tokenCost', () => {
  const usage = {
    inputTokens: 1_000,
    outputTokens: 500,
    cacheReadTokens: 300,
    cacheWriteTokens: 200,
    reasoningTokens: 100,
  };

  it('charges cache and reasoning tokens as their parents when they have no rate of their own', () => {
    // Every input token at 1, every output token at 2.
    expect(tokenCost(usage, { inputMtok: 1, outputMtok: 2 })).toEqual({
      costUsd: 0.002,
      costDetails: { input: 0.001, cache_read: 0, cache_write: 0, output: 0.001 },
    });
  });

  it('moves tokens with their own rate out of the parent bucket', () => {
    const cost = tokenCost(usage, {
      inputMtok: 1,
      outputMtok: 2,
      cacheReadMtok: 0.1,
      cacheWriteMtok: 1.25,
      reasoningMtok: 3,
    });
    // 500 × 1 + 300 × 0.1 + 200 × 1.25; 400 × 2 + 100 × 3.
    expect(cost.costDetails).toEqual({
      input: 0.0005,
      cache_read: 0.00003,
      cache_write: 0.00025,
      output: 0.0008,
      reasoning: 0.0003,
    });
    expect(cost.costUsd).toBe(0.00188);
  });
});

describe('sanitiseUsage', () => {
  it('keeps OTel-style usage as is', () => {
    const usage = {
      inputTokens: 1_000,
      outputTokens: 500,
      cacheReadTokens: 300,
      cacheWriteTokens: 200,
      reasoningTokens: 100,
    };
    expect(sanitiseUsage(usage)).toEqual(usage);
  });

  it('repairs cache-exclusive input, reasoning beyond output and invalid counts', () => {
    expect(
      sanitiseUsage({
        inputTokens: 100,
        outputTokens: 10,
        cacheReadTokens: 300,
        cacheWriteTokens: 0,
        reasoningTokens: 50,
      }),
    ).toEqual({ inputTokens: 400, outputTokens: 60, cacheReadTokens: 300, cacheWriteTokens: 0, reasoningTokens: 50 });
    expect(
      sanitiseUsage({
        inputTokens: -1,
        outputTokens: Number.NaN,
        cacheReadTokens: Infinity,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      }),
    ).toEqual({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 });
  });
});
