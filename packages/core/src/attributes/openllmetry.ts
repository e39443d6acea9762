// OpenLLMetry (Traceloop) attribute names: opentelemetry-semantic-conventions-ai 0.4.x (Python) and
// @traceloop/ai-semantic-conventions (JS). v0.5 moved most names to OTel GenAI; the traceloop.* ones stayed.
export const TRACELOOP_SPAN_KIND = 'traceloop.span.kind';
export const TRACELOOP_WORKFLOW_NAME = 'traceloop.workflow.name';
export const TRACELOOP_ENTITY_NAME = 'traceloop.entity.name';
export const TRACELOOP_ENTITY_PATH = 'traceloop.entity.path';
export const TRACELOOP_ENTITY_VERSION = 'traceloop.entity.version';
export const TRACELOOP_ENTITY_INPUT = 'traceloop.entity.input';
export const TRACELOOP_ENTITY_OUTPUT = 'traceloop.entity.output';
export const TRACELOOP_ASSOCIATION_PROPERTIES_PREFIX = 'traceloop.association.properties.';
export const TRACELOOP_PROMPT_KEY = 'traceloop.prompt.key';
export const TRACELOOP_PROMPT_VERSION = 'traceloop.prompt.version';
export const TRACELOOP_PROMPT_VERSION_NAME = 'traceloop.prompt.version_name';
export const TRACELOOP_PREFIX = 'traceloop.';
/** Scope names of the JS instrumentations (`@traceloop/instrumentation-openai`, ...). */
export const TRACELOOP_JS_SCOPE_PREFIX = '@traceloop/';

export const OPENLLMETRY_REQUEST_TYPE = 'llm.request.type';
export const OPENLLMETRY_USAGE_TOTAL_TOKENS = 'llm.usage.total_tokens';
/** v0.5 name of the total. */
export const OPENLLMETRY_GEN_AI_USAGE_TOTAL_TOKENS = 'gen_ai.usage.total_tokens';
/** v0.4 spellings; v0.5 uses the dotted OTel names. */
export const OPENLLMETRY_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read_input_tokens';
export const OPENLLMETRY_USAGE_CACHE_CREATION_INPUT_TOKENS = 'gen_ai.usage.cache_creation_input_tokens';
export const OPENLLMETRY_USAGE_REASONING_TOKENS = 'gen_ai.usage.reasoning_tokens';
export const OPENLLMETRY_LLM_USAGE_REASONING_TOKENS = 'llm.usage.reasoning_tokens';
/** Flattened messages: `gen_ai.prompt.N.{role,content,tool_call_id,tool_calls.K.*}`, `gen_ai.completion.N.{...,finish_reason}`. */
export const OPENLLMETRY_PROMPT_PREFIX = 'gen_ai.prompt.';
export const OPENLLMETRY_COMPLETION_PREFIX = 'gen_ai.completion.';
/** `llm.request.functions.N.{name,description,parameters,input_schema}`. */
export const OPENLLMETRY_REQUEST_FUNCTIONS_PREFIX = 'llm.request.functions.';
export const OPENLLMETRY_TOP_K = 'llm.top_k';
export const OPENLLMETRY_FREQUENCY_PENALTY = 'llm.frequency_penalty';
export const OPENLLMETRY_PRESENCE_PENALTY = 'llm.presence_penalty';
export const OPENLLMETRY_CHAT_STOP_SEQUENCES = 'llm.chat.stop_sequences';
export const OPENLLMETRY_IS_STREAMING = 'llm.is_streaming';
export const OPENLLMETRY_USER = 'llm.user';
export const OPENLLMETRY_RESPONSE_FINISH_REASON = 'llm.response.finish_reason';
export const OPENLLMETRY_RESPONSE_STOP_REASON = 'llm.response.stop_reason';

/** Names of the first JS releases (before v0.8, April 2024). */
export const OPENLLMETRY_LEGACY_VENDOR = 'llm.vendor';
export const OPENLLMETRY_LEGACY_REQUEST_MODEL = 'llm.request.model';
export const OPENLLMETRY_LEGACY_RESPONSE_MODEL = 'llm.response.model';
export const OPENLLMETRY_LEGACY_REQUEST_MAX_TOKENS = 'llm.request.max_tokens';
export const OPENLLMETRY_LEGACY_USAGE_PROMPT_TOKENS = 'llm.usage.prompt_tokens';
export const OPENLLMETRY_LEGACY_USAGE_COMPLETION_TOKENS = 'llm.usage.completion_tokens';
export const OPENLLMETRY_LEGACY_TEMPERATURE = 'llm.temperature';
export const OPENLLMETRY_LEGACY_TOP_P = 'llm.top_p';
export const OPENLLMETRY_LEGACY_PROMPTS_PREFIX = 'llm.prompts.';
export const OPENLLMETRY_LEGACY_COMPLETIONS_PREFIX = 'llm.completions.';

/** llm.request.type values. */
export const OpenLlmetryRequestType = {
  chat: 'chat',
  completion: 'completion',
  embedding: 'embedding',
  rerank: 'rerank',
} as const;

/** traceloop.span.kind values. */
export const TraceloopSpanKind = {
  workflow: 'workflow',
  task: 'task',
  agent: 'agent',
  tool: 'tool',
} as const;
