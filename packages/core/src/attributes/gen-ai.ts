// OpenTelemetry GenAI semantic conventions (v1.41 plus pending genai-repo renames), and the
// older spellings still emitted by instrumentations pinned to earlier versions.
export const GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
/** Deprecated in 1.37 in favour of gen_ai.provider.name. */
export const GEN_AI_SYSTEM = 'gen_ai.system';
export const GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
export const GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
export const GEN_AI_RESPONSE_ID = 'gen_ai.response.id';
export const GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons';
export const GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = 'gen_ai.response.time_to_first_chunk';
export const GEN_AI_REQUEST_MAX_TOKENS = 'gen_ai.request.max_tokens';
export const GEN_AI_REQUEST_TEMPERATURE = 'gen_ai.request.temperature';
export const GEN_AI_REQUEST_TOP_P = 'gen_ai.request.top_p';
export const GEN_AI_REQUEST_TOP_K = 'gen_ai.request.top_k';
export const GEN_AI_REQUEST_SEED = 'gen_ai.request.seed';
export const GEN_AI_REQUEST_STREAM = 'gen_ai.request.stream';
export const GEN_AI_REQUEST_STOP_SEQUENCES = 'gen_ai.request.stop_sequences';
export const GEN_AI_REQUEST_FREQUENCY_PENALTY = 'gen_ai.request.frequency_penalty';
export const GEN_AI_REQUEST_PRESENCE_PENALTY = 'gen_ai.request.presence_penalty';
export const GEN_AI_REQUEST_CHOICE_COUNT = 'gen_ai.request.choice.count';
export const GEN_AI_OUTPUT_TYPE = 'gen_ai.output.type';
export const GEN_AI_CONVERSATION_ID = 'gen_ai.conversation.id';

export const GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
export const GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
/** Pre-1.27 spellings. */
export const GEN_AI_USAGE_PROMPT_TOKENS = 'gen_ai.usage.prompt_tokens';
export const GEN_AI_USAGE_COMPLETION_TOKENS = 'gen_ai.usage.completion_tokens';
export const GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = 'gen_ai.usage.cache_read.input_tokens';
export const GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS = 'gen_ai.usage.cache_creation.input_tokens';
/** Pending rename of cache_creation in the semantic-conventions-genai repo; some SDKs emit it already. */
export const GEN_AI_USAGE_CACHE_WRITE_INPUT_TOKENS = 'gen_ai.usage.cache_write.input_tokens';
export const GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = 'gen_ai.usage.reasoning.output_tokens';

export const GEN_AI_SYSTEM_INSTRUCTIONS = 'gen_ai.system_instructions';
export const GEN_AI_INPUT_MESSAGES = 'gen_ai.input.messages';
export const GEN_AI_OUTPUT_MESSAGES = 'gen_ai.output.messages';
export const GEN_AI_TOOL_DEFINITIONS = 'gen_ai.tool.definitions';
/** ≤1.27 content, carried as span event attributes or (OpenLLMetry v0.4) flattened span attributes. */
export const GEN_AI_PROMPT = 'gen_ai.prompt';
export const GEN_AI_COMPLETION = 'gen_ai.completion';

export const GEN_AI_TOOL_NAME = 'gen_ai.tool.name';
export const GEN_AI_TOOL_CALL_ID = 'gen_ai.tool.call.id';
export const GEN_AI_TOOL_TYPE = 'gen_ai.tool.type';
export const GEN_AI_TOOL_CALL_ARGUMENTS = 'gen_ai.tool.call.arguments';
export const GEN_AI_TOOL_CALL_RESULT = 'gen_ai.tool.call.result';
export const GEN_AI_AGENT_ID = 'gen_ai.agent.id';
export const GEN_AI_AGENT_NAME = 'gen_ai.agent.name';
export const GEN_AI_WORKFLOW_NAME = 'gen_ai.workflow.name';
export const GEN_AI_DATA_SOURCE_ID = 'gen_ai.data_source.id';
export const GEN_AI_RETRIEVAL_QUERY_TEXT = 'gen_ai.retrieval.query.text';
/** Pending in the genai repo; also what Sightline's instrumentation emits. */
export const GEN_AI_PROMPT_NAME = 'gen_ai.prompt.name';

export const ERROR_TYPE = 'error.type';
export const SERVER_ADDRESS = 'server.address';
export const SERVER_PORT = 'server.port';

// Events (span events or OTLP log records).
export const EVENT_CONTENT_PROMPT = 'gen_ai.content.prompt';
export const EVENT_CONTENT_COMPLETION = 'gen_ai.content.completion';
export const EVENT_SYSTEM_MESSAGE = 'gen_ai.system.message';
export const EVENT_USER_MESSAGE = 'gen_ai.user.message';
export const EVENT_ASSISTANT_MESSAGE = 'gen_ai.assistant.message';
export const EVENT_TOOL_MESSAGE = 'gen_ai.tool.message';
export const EVENT_CHOICE = 'gen_ai.choice';
export const EVENT_INFERENCE_OPERATION_DETAILS = 'gen_ai.client.inference.operation.details';
export const EVENT_EVALUATION_RESULT = 'gen_ai.evaluation.result';
export const EVENT_NAME = 'event.name';
export const GEN_AI_EVALUATION_NAME = 'gen_ai.evaluation.name';
export const GEN_AI_EVALUATION_SCORE_VALUE = 'gen_ai.evaluation.score.value';
export const GEN_AI_EVALUATION_SCORE_LABEL = 'gen_ai.evaluation.score.label';
export const GEN_AI_EVALUATION_EXPLANATION = 'gen_ai.evaluation.explanation';

/** Well-known gen_ai.operation.name values. */
export const GenAiOperation = {
  chat: 'chat',
  textCompletion: 'text_completion',
  generateContent: 'generate_content',
  embeddings: 'embeddings',
  retrieval: 'retrieval',
  executeTool: 'execute_tool',
  createAgent: 'create_agent',
  invokeAgent: 'invoke_agent',
  invokeWorkflow: 'invoke_workflow',
} as const;

// Appended for the convention adapters (collector/normalise/adapters).
/** Pydantic AI / Logfire agent-run spans repeat their children's usage under this prefix instead of gen_ai.usage.*. */
export const GEN_AI_AGGREGATED_USAGE_PREFIX = 'gen_ai.aggregated_usage.';
export const GEN_AI_USAGE_PREFIX = 'gen_ai.usage.';
export const GEN_AI_REQUEST_PREFIX = 'gen_ai.request.';
/** Pre-1.30 spelling of gen_ai.request.seed. */
export const GEN_AI_OPENAI_REQUEST_SEED = 'gen_ai.openai.request.seed';
/** Pending in the genai repo; the Anthropic SDK emits it for output_config.effort. */
export const GEN_AI_REQUEST_REASONING_LEVEL = 'gen_ai.request.reasoning.level';
export const GEN_AI_TOOL_DESCRIPTION = 'gen_ai.tool.description';
export const GEN_AI_RETRIEVAL_DOCUMENTS = 'gen_ai.retrieval.documents';
/** OTel metric name that OpenLIT (and others) also set as a span attribute, in seconds. */
export const GEN_AI_SERVER_TIME_TO_FIRST_TOKEN = 'gen_ai.server.time_to_first_token';
/** OTel general user attributes (user.* registry; enduser.* before it). */
export const OTEL_USER_ID = 'user.id';
/** OTel `session.id` (general semantic conventions), used by most instrumentations for conversations. */
export const OTEL_SESSION_ID = 'session.id';
export const OTEL_ENDUSER_ID = 'enduser.id';

/** Fields of a 1.28–1.36 message event body; they arrive as attributes when the event is a span event. */
export const GenAiEventBody = {
  content: 'content',
  role: 'role',
  toolCalls: 'tool_calls',
  id: 'id',
  index: 'index',
  finishReason: 'finish_reason',
  message: 'message',
} as const;
/** OpenLIT spells the tool message event in the plural. */
export const EVENT_TOOLS_MESSAGE_OPENLIT = 'gen_ai.tools.message';
/** Semantic Kernel's pre-1.27 usage and finish-reason tags (singular, comma-joined). */
export const GEN_AI_RESPONSE_PROMPT_TOKENS_SK = 'gen_ai.response.prompt_tokens';
export const GEN_AI_RESPONSE_COMPLETION_TOKENS_SK = 'gen_ai.response.completion_tokens';
export const GEN_AI_RESPONSE_FINISH_REASON_SINGULAR = 'gen_ai.response.finish_reason';
/** Semantic Kernel's early operation names. */
export const SemanticKernelOperation = {
  chatCompletions: 'chat.completions',
  textCompletions: 'text.completions',
} as const;
// Appended for @sightline/instrumentation.
export const GEN_AI_EMBEDDINGS_DIMENSION_COUNT = 'gen_ai.embeddings.dimension.count';
export const GEN_AI_REQUEST_ENCODING_FORMATS = 'gen_ai.request.encoding_formats';
