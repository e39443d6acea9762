import type { Attributes } from '@opentelemetry/api';
import { GEN_AI_EMBEDDINGS_DIMENSION_COUNT, GEN_AI_REQUEST_ENCODING_FORMATS, GenAiOperation } from '@sightline/core';
import type { LlmCallResult, LlmCallStart } from '../spans/llm-call.ts';
import { estimateTokens } from '../usage/estimate-tokens.ts';
import { tokenCount } from '../usage/reported-usage.ts';
import { isRecord, text, textsOf } from './message-parts.ts';

// Embedding inputs are not captured as content: they are documents, often large, and no GenAI
// convention defines an attribute for them.
export function embeddingsCallStart(body: Record<string, unknown>, server: Attributes): LlmCallStart {
  const attributes: Attributes = {};
  if (typeof body.dimensions === 'number') attributes[GEN_AI_EMBEDDINGS_DIMENSION_COUNT] = body.dimensions;
  if (typeof body.encoding_format === 'string') attributes[GEN_AI_REQUEST_ENCODING_FORMATS] = [body.encoding_format];
  return {
    operation: GenAiOperation.embeddings,
    provider: 'openai',
    requestModel: text(body.model) ?? '',
    spanType: 'embedding',
    server,
    attributes,
  };
}

export function embeddingsResult(body: Record<string, unknown>, response: unknown): LlmCallResult {
  const record = isRecord(response) ? response : {};
  const usage = isRecord(record.usage) ? record.usage : {};
  const input = tokenCount(usage.prompt_tokens) ?? tokenCount(usage.total_tokens);
  return {
    responseModel: text(record.model),
    usage: input === undefined ? undefined : { inputTokens: input, outputTokens: 0 },
    // Token arrays are counted as they are; text is estimated with the tokenizer.
    estimateUsage: () => ({ inputTokens: estimateTokens(textsOf(body.input)), outputTokens: 0 }),
  };
}
