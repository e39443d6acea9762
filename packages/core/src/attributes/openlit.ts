// OpenLIT attribute names beyond OTel GenAI (sdk/python/src/openlit/semcov/__init__.py, sdk/typescript semcov).
export const OPENLIT_USAGE_COST = 'gen_ai.usage.cost';
export const OPENLIT_APPLICATION_NAME = 'gen_ai.application_name';
export const OPENLIT_ENVIRONMENT = 'gen_ai.environment';
export const OPENLIT_SDK_VERSION = 'gen_ai.sdk.version';
export const OPENLIT_ENDPOINT = 'gen_ai.endpoint';
export const OPENLIT_USAGE_REASONING_TOKENS = 'gen_ai.usage.reasoning_tokens';
export const OPENLIT_USAGE_TOTAL_TOKENS = 'gen_ai.usage.total_tokens';
/** The metric name, set as a span attribute holding input + output tokens. */
export const OPENLIT_CLIENT_TOKEN_USAGE = 'gen_ai.client.token.usage';
/** TypeScript SDK spellings of the cache and reasoning details. */
export const OPENLIT_PROMPT_TOKENS_DETAILS_CACHE_READ = 'gen_ai.usage.prompt_tokens_details.cache_read';
export const OPENLIT_PROMPT_TOKENS_DETAILS_CACHE_WRITE = 'gen_ai.usage.prompt_tokens_details.cache_write';
export const OPENLIT_COMPLETION_TOKENS_DETAILS_REASONING = 'gen_ai.usage.completion_tokens_details.reasoning';
export const OPENLIT_SERVER_TIME_PER_OUTPUT_TOKEN = 'gen_ai.server.time_per_output_token';
export const OPENLIT_REQUEST_IS_STREAM = 'gen_ai.request.is_stream';
export const OPENLIT_REQUEST_USER = 'gen_ai.request.user';
/** Comma-joined tool call arguments on chat spans (house style before gen_ai.tool.call.arguments). */
export const OPENLIT_TOOL_ARGS = 'gen_ai.tool.args';
export const OPENLIT_AGENT_VERSION_HASH = 'openlit.agent.version_hash';
/** OpenLIT stamps `telemetry.sdk.name=openlit` on its spans. */
export const OPENLIT_TELEMETRY_SDK_NAME = 'telemetry.sdk.name';
export const OPENLIT_SDK_NAME_VALUE = 'openlit';
/** Python tracer `openlit.otel.tracing`; TypeScript `openlit`. */
export const OPENLIT_SCOPE_PREFIX = 'openlit';

/** gen_ai.operation.name values OpenLIT uses besides the OTel ones. */
export const OpenLitOperation = {
  embedding: 'embedding',
  image: 'image',
  audio: 'audio',
  vectordb: 'vectordb',
  framework: 'framework',
  agent: 'agent',
  executeTask: 'execute_task',
  retrieve: 'retrieve',
} as const;
