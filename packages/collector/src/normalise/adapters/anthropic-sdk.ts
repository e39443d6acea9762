// Spans that @anthropic-ai/sdk emits natively (scope com.anthropic.sdk.typescript, SDK 0.134+ / 1.x).
// They use OTel GenAI names, which the generic adapter reads; this adapter adds what only Anthropic
// says: the stop reason (the SDK sets no gen_ai.response.finish_reasons), the cache-write TTL split,
// compaction usage, thinking settings, tool results, and a type for the non-inference API-call spans.
//
// Cache tokens: the SDK sets gen_ai.usage.input_tokens to input + cache_read + cache_creation
// (lib/internal/tracing/response.ts `setUsageSumAttributes`), i.e. OTel semantics, so no fix-up.
import {
  ANTHROPIC_BETA,
  ANTHROPIC_CONTENT_TRUNCATED,
  ANTHROPIC_COUNT_TOKENS_INPUT_TOKENS,
  ANTHROPIC_MESSAGE_STOP_REASON,
  ANTHROPIC_REQUEST_SERVICE_TIER,
  ANTHROPIC_RESPONSE_SERVICE_TIER,
  ANTHROPIC_SDK_SCOPE_PREFIX,
  ANTHROPIC_SPAN_PREFIX,
  ANTHROPIC_THINKING_BUDGET_TOKENS,
  ANTHROPIC_THINKING_TYPE,
  ANTHROPIC_TOOL_RESULT_CONTENT,
  ANTHROPIC_TOOLSET_NAME,
  ANTHROPIC_USAGE_CACHE_CREATION_1H,
  ANTHROPIC_USAGE_CACHE_CREATION_5M,
  ANTHROPIC_USAGE_COMPACTION_INPUT_TOKENS,
  ANTHROPIC_USAGE_COMPACTION_OUTPUT_TOKENS,
  GEN_AI_OPERATION_NAME,
  GEN_AI_TOOL_CALL_ID,
} from '@sightline/core';
import type { OtlpSpan } from '../../otlp/types.ts';
import type { AttributeReader } from '../attribute-reader.ts';
import { toolResultMessage } from '../messages.ts';
import type { ConventionAdapter, SpanFields } from '../types.ts';
import { put } from './read-fields.ts';

const USAGE_DETAILS: ReadonlyArray<[string, string]> = [
  ['cache_write_5m', ANTHROPIC_USAGE_CACHE_CREATION_5M],
  ['cache_write_1h', ANTHROPIC_USAGE_CACHE_CREATION_1H],
  // Compactions' tokens are billed but are not in the message's usage.
  ['compaction_input', ANTHROPIC_USAGE_COMPACTION_INPUT_TOKENS],
  ['compaction_output', ANTHROPIC_USAGE_COMPACTION_OUTPUT_TOKENS],
  ['count_tokens_input', ANTHROPIC_COUNT_TOKENS_INPUT_TOKENS],
];

const REQUEST_PARAMETERS: ReadonlyArray<[string, string]> = [
  ['thinking_type', ANTHROPIC_THINKING_TYPE],
  ['thinking_budget_tokens', ANTHROPIC_THINKING_BUDGET_TOKENS],
  ['service_tier', ANTHROPIC_REQUEST_SERVICE_TIER],
  ['anthropic_beta', ANTHROPIC_BETA],
];

function detectAnthropicSdk(span: OtlpSpan): boolean {
  return span.scope.name.startsWith(ANTHROPIC_SDK_SCOPE_PREFIX);
}

function mapAnthropicSdk(span: OtlpSpan, reader: AttributeReader): SpanFields {
  const fields: SpanFields = {};
  // API-call spans other than inference (files.list, messages.count_tokens, ...) have no operation
  // name; without a type here a request model would make them look like LLM calls.
  if (!reader.has(GEN_AI_OPERATION_NAME) && span.name.startsWith(ANTHROPIC_SPAN_PREFIX)) {
    fields.spanType = 'other';
    fields.operation = span.name.slice(ANTHROPIC_SPAN_PREFIX.length);
  }
  const stopReason = reader.string(ANTHROPIC_MESSAGE_STOP_REASON, 'finishReasons');
  if (stopReason !== undefined) fields.finishReasons = [stopReason];

  const usageDetails: Record<string, number> = {};
  for (const [name, key] of USAGE_DETAILS) {
    const count = reader.number(key, `usageDetails.${name}`);
    if (count !== undefined) usageDetails[name] = count;
  }
  if (Object.keys(usageDetails).length > 0) fields.usageDetails = usageDetails;

  const requestParameters: Record<string, unknown> = {};
  for (const [name, key] of REQUEST_PARAMETERS) {
    const value = reader.value(key, `requestParameters.${name}`);
    if (value !== undefined) requestParameters[name] = value;
  }
  if (Object.keys(requestParameters).length > 0) fields.requestParameters = requestParameters;

  const toolResult = reader.value(ANTHROPIC_TOOL_RESULT_CONTENT, 'output');
  if (toolResult !== undefined) {
    const callId = reader.string(GEN_AI_TOOL_CALL_ID, 'output');
    fields.output = [toolResultMessage(callId, toolResult)];
  }

  const metadata: Record<string, string> = {};
  const responseTier = reader.string(ANTHROPIC_RESPONSE_SERVICE_TIER, 'metadata.service_tier');
  if (responseTier !== undefined) metadata.service_tier = responseTier;
  const toolset = reader.string(ANTHROPIC_TOOLSET_NAME, 'metadata.toolset');
  if (toolset !== undefined) metadata.toolset = toolset;
  if (reader.boolean(ANTHROPIC_CONTENT_TRUNCATED, 'metadata.content_truncated') === true)
    metadata.content_truncated = 'true';
  put(fields, 'metadata', Object.keys(metadata).length > 0 ? metadata : undefined);
  return fields;
}

export const anthropicSdkAdapter: ConventionAdapter = {
  name: 'anthropic_sdk',
  detect: detectAnthropicSdk,
  map: mapAnthropicSdk,
};
