// Attributes of the spans that @anthropic-ai/sdk (>= 0.134, 1.x) emits natively
// (src/internal/tracing.ts, src/lib/internal/tracing/*). Its gen_ai.* names follow OTel GenAI, and its
// gen_ai.usage.input_tokens already adds cache read and cache creation to the API's input_tokens.
/** Scope name; platform packages append `.<platform>`. */
export const ANTHROPIC_SDK_SCOPE_PREFIX = 'com.anthropic.sdk';
export const ANTHROPIC_SPAN_MESSAGES_CREATE = 'anthropic.messages.create';
export const ANTHROPIC_SPAN_PREFIX = 'anthropic.';
export const ANTHROPIC_MESSAGE_STOP_REASON = 'anthropic.message.stop_reason';
export const ANTHROPIC_USAGE_CACHE_CREATION_5M = 'anthropic.usage.cache_creation.ephemeral_5m_input_tokens';
export const ANTHROPIC_USAGE_CACHE_CREATION_1H = 'anthropic.usage.cache_creation.ephemeral_1h_input_tokens';
export const ANTHROPIC_USAGE_COMPACTION_INPUT_TOKENS = 'anthropic.usage.compaction.input_tokens';
export const ANTHROPIC_USAGE_COMPACTION_OUTPUT_TOKENS = 'anthropic.usage.compaction.output_tokens';
export const ANTHROPIC_COUNT_TOKENS_INPUT_TOKENS = 'anthropic.message.count_tokens.input_tokens';
export const ANTHROPIC_REQUEST_SERVICE_TIER = 'anthropic.request.service_tier';
export const ANTHROPIC_RESPONSE_SERVICE_TIER = 'anthropic.response.service_tier';
export const ANTHROPIC_THINKING_TYPE = 'anthropic.thinking.type';
export const ANTHROPIC_THINKING_BUDGET_TOKENS = 'anthropic.thinking.budget_tokens';
export const ANTHROPIC_BETA = 'anthropic.beta';
export const ANTHROPIC_CONTENT_TRUNCATED = 'anthropic.content.truncated';
export const ANTHROPIC_TOOL_RESULT_CONTENT = 'anthropic.tool_result.content';
export const ANTHROPIC_TOOLSET_NAME = 'anthropic.toolset.name';
export const ANTHROPIC_REQUEST_ID = 'anthropic.request.id';
