import type { Attributes } from '@opentelemetry/api';
import {
  createPricer,
  GEN_AI_OPERATION_NAME,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MODEL,
  SERVER_ADDRESS,
  SERVER_PORT,
  SIGHTLINE_COST_SOURCE,
  SIGHTLINE_COST_USD,
  SIGHTLINE_PRICE_VERSION,
  SIGHTLINE_SPAN_TYPE,
  type TokenUsage,
} from '@sightline/core';

const pricer = createPricer();

/** The attributes every LLM span starts with. */
export function startAttributes(options: {
  operation: string;
  provider: string;
  model: string;
  port: number;
  spanType?: 'llm' | 'embedding';
}): Attributes {
  return {
    [GEN_AI_OPERATION_NAME]: options.operation,
    [GEN_AI_PROVIDER_NAME]: options.provider,
    [GEN_AI_REQUEST_MODEL]: options.model,
    [SIGHTLINE_SPAN_TYPE]: options.spanType ?? 'llm',
    [SERVER_ADDRESS]: '127.0.0.1',
    [SERVER_PORT]: options.port,
  };
}

/** sightline.cost.* as the collector's pricer computes them for this usage. */
export function expectedCost(provider: string, model: string, usage: Partial<TokenUsage>): Attributes {
  const cost = pricer.price({
    provider,
    model,
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0, ...usage },
    at: new Date(),
  });
  if (cost.costUsd === null) throw new Error(`no price for ${provider}/${model}`);
  return {
    [SIGHTLINE_COST_SOURCE]: 'calculated',
    [SIGHTLINE_COST_USD]: cost.costUsd,
    [SIGHTLINE_PRICE_VERSION]: cost.priceVersion,
  };
}

export function messagesJson(messages: unknown[]): string {
  return JSON.stringify(messages);
}
