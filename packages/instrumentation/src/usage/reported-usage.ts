import type { Attributes } from '@opentelemetry/api';
import {
  GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  type TokenUsage,
} from '@sightline/core';

/**
 * Usage as a provider reported it, in OTel semantics: input includes cache reads and writes,
 * output includes reasoning. Buckets the provider did not report are left out.
 */
export interface ReportedUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens?: number | undefined;
  cacheWriteTokens?: number | undefined;
  reasoningTokens?: number | undefined;
}

/** A finite, non-negative count, or undefined. */
export function tokenCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/** gen_ai.usage.* for `usage`, added to `attributes` (a new object by default). */
export function usageAttributes(usage: ReportedUsage, attributes: Attributes = {}): Attributes {
  attributes[GEN_AI_USAGE_INPUT_TOKENS] = usage.inputTokens;
  attributes[GEN_AI_USAGE_OUTPUT_TOKENS] = usage.outputTokens;
  if (usage.cacheReadTokens !== undefined) attributes[GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS] = usage.cacheReadTokens;
  if (usage.cacheWriteTokens !== undefined)
    attributes[GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS] = usage.cacheWriteTokens;
  if (usage.reasoningTokens !== undefined) attributes[GEN_AI_USAGE_REASONING_OUTPUT_TOKENS] = usage.reasoningTokens;
  return attributes;
}

export function canonicalUsage(usage: ReportedUsage): TokenUsage {
  return {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    cacheReadTokens: usage.cacheReadTokens ?? 0,
    cacheWriteTokens: usage.cacheWriteTokens ?? 0,
    reasoningTokens: usage.reasoningTokens ?? 0,
  };
}
