// Vercel AI SDK telemetry (`ai.*`, vercel/ai: packages/ai/core/telemetry and src/generate-text/*), as
// emitted by ai v3–v6 and by the v7 "legacy" OpenTelemetry integration. Names are prefixed VERCEL_AI_.
export const VERCEL_AI_OPERATION_ID = 'ai.operationId';
/** `{operationId} {functionId}`, also set by the SDK. */
export const VERCEL_AI_OPERATION_NAME = 'operation.name';
/** The functionId again (some APM vendors key on it). */
export const VERCEL_AI_RESOURCE_NAME = 'resource.name';

export const VERCEL_AI_MODEL_PROVIDER = 'ai.model.provider';
export const VERCEL_AI_MODEL_ID = 'ai.model.id';

export const VERCEL_AI_PROMPT = 'ai.prompt';
export const VERCEL_AI_PROMPT_MESSAGES = 'ai.prompt.messages';
export const VERCEL_AI_PROMPT_TOOLS = 'ai.prompt.tools';
export const VERCEL_AI_PROMPT_TOOL_CHOICE = 'ai.prompt.toolChoice';
export const VERCEL_AI_PROMPT_FORMAT = 'ai.prompt.format';

export const VERCEL_AI_RESPONSE_TEXT = 'ai.response.text';
export const VERCEL_AI_RESPONSE_REASONING = 'ai.response.reasoning';
export const VERCEL_AI_RESPONSE_TOOL_CALLS = 'ai.response.toolCalls';
export const VERCEL_AI_RESPONSE_OBJECT = 'ai.response.object';
export const VERCEL_AI_RESPONSE_FINISH_REASON = 'ai.response.finishReason';
export const VERCEL_AI_RESPONSE_ID = 'ai.response.id';
export const VERCEL_AI_RESPONSE_MODEL = 'ai.response.model';
export const VERCEL_AI_RESPONSE_PROVIDER_METADATA = 'ai.response.providerMetadata';
export const VERCEL_AI_RESPONSE_MS_TO_FIRST_CHUNK = 'ai.response.msToFirstChunk';
/** ai v3 spelling of the time to first chunk. */
export const VERCEL_AI_STREAM_MS_TO_FIRST_CHUNK = 'ai.stream.msToFirstChunk';
export const VERCEL_AI_EVENT_STREAM_FIRST_CHUNK = 'ai.stream.firstChunk';

/** Before ai v4 the response attributes were `ai.result.*` and `ai.finishReason`. */
export const VERCEL_AI_RESULT_TEXT = 'ai.result.text';
export const VERCEL_AI_RESULT_TOOL_CALLS = 'ai.result.toolCalls';
export const VERCEL_AI_RESULT_OBJECT = 'ai.result.object';
export const VERCEL_AI_FINISH_REASON = 'ai.finishReason';

export const VERCEL_AI_USAGE_PREFIX = 'ai.usage.';
/** ≤ v4. */
export const VERCEL_AI_USAGE_PROMPT_TOKENS = 'ai.usage.promptTokens';
export const VERCEL_AI_USAGE_COMPLETION_TOKENS = 'ai.usage.completionTokens';
/** v5+; cache-inclusive from v6 (which also emits the token details). */
export const VERCEL_AI_USAGE_INPUT_TOKENS = 'ai.usage.inputTokens';
export const VERCEL_AI_USAGE_OUTPUT_TOKENS = 'ai.usage.outputTokens';
export const VERCEL_AI_USAGE_TOTAL_TOKENS = 'ai.usage.totalTokens';
export const VERCEL_AI_USAGE_CACHED_INPUT_TOKENS = 'ai.usage.cachedInputTokens';
export const VERCEL_AI_USAGE_REASONING_TOKENS = 'ai.usage.reasoningTokens';
/** Embedding spans. */
export const VERCEL_AI_USAGE_TOKENS = 'ai.usage.tokens';
export const VERCEL_AI_USAGE_INPUT_TOKEN_DETAILS_PREFIX = 'ai.usage.inputTokenDetails.';
export const VERCEL_AI_USAGE_OUTPUT_TOKEN_DETAILS_PREFIX = 'ai.usage.outputTokenDetails.';
export const VERCEL_AI_USAGE_CACHE_READ_TOKENS = 'ai.usage.inputTokenDetails.cacheReadTokens';
export const VERCEL_AI_USAGE_CACHE_WRITE_TOKENS = 'ai.usage.inputTokenDetails.cacheWriteTokens';
export const VERCEL_AI_USAGE_NO_CACHE_TOKENS = 'ai.usage.inputTokenDetails.noCacheTokens';
export const VERCEL_AI_USAGE_OUTPUT_REASONING_TOKENS = 'ai.usage.outputTokenDetails.reasoningTokens';
export const VERCEL_AI_USAGE_OUTPUT_TEXT_TOKENS = 'ai.usage.outputTokenDetails.textTokens';

export const VERCEL_AI_SETTINGS_PREFIX = 'ai.settings.';
export const VERCEL_AI_TELEMETRY_FUNCTION_ID = 'ai.telemetry.functionId';
export const VERCEL_AI_TELEMETRY_METADATA_PREFIX = 'ai.telemetry.metadata.';

export const VERCEL_AI_TOOL_CALL_NAME = 'ai.toolCall.name';
export const VERCEL_AI_TOOL_CALL_ID = 'ai.toolCall.id';
export const VERCEL_AI_TOOL_CALL_ARGS = 'ai.toolCall.args';
export const VERCEL_AI_TOOL_CALL_RESULT = 'ai.toolCall.result';

/** Embedding input: one JSON value (ai.embed) or a list of them (ai.embedMany). */
export const VERCEL_AI_VALUE = 'ai.value';
export const VERCEL_AI_VALUES = 'ai.values';

/** Instrumentation scope names: `ai` (ai v3–v7 legacy and `@ai-sdk/otel`), `gen_ai` (`@ai-sdk/otel` GenAI integration). */
export const VERCEL_AI_SCOPE_NAMES: readonly string[] = ['ai', 'gen_ai', '@ai-sdk/otel'];

/** `ai.operationId` values. */
export const VercelAiOperation = {
  generateText: 'ai.generateText',
  generateTextDoGenerate: 'ai.generateText.doGenerate',
  streamText: 'ai.streamText',
  streamTextDoStream: 'ai.streamText.doStream',
  generateObject: 'ai.generateObject',
  generateObjectDoGenerate: 'ai.generateObject.doGenerate',
  streamObject: 'ai.streamObject',
  streamObjectDoStream: 'ai.streamObject.doStream',
  embed: 'ai.embed',
  embedDoEmbed: 'ai.embed.doEmbed',
  embedMany: 'ai.embedMany',
  embedManyDoEmbed: 'ai.embedMany.doEmbed',
  toolCall: 'ai.toolCall',
} as const;
