// user.id and session.id are the general OTel attributes, spelled once in gen-ai.ts.
import { OTEL_SESSION_ID, OTEL_USER_ID } from './gen-ai.ts';
// Langfuse OTel span attributes (langfuse/langfuse: packages/shared/src/server/otel/attributes.ts; written by the
// Langfuse JS/Python SDKs). `user.id` and `session.id` are shared with OpenInference (see openinference.ts).
export const LANGFUSE_PREFIX = 'langfuse.';
/** Instrumentation scope of the Langfuse SDKs. */
export const LANGFUSE_SDK_SCOPE_NAME = 'langfuse-sdk';

export const LANGFUSE_TRACE_NAME = 'langfuse.trace.name';
export const LANGFUSE_TRACE_TAGS = 'langfuse.trace.tags';
export const LANGFUSE_TRACE_PUBLIC = 'langfuse.trace.public';
/** A JSON object, or flattened as `langfuse.trace.metadata.<key>`. */
export const LANGFUSE_TRACE_METADATA = 'langfuse.trace.metadata';
export const LANGFUSE_TRACE_INPUT = 'langfuse.trace.input';
export const LANGFUSE_TRACE_OUTPUT = 'langfuse.trace.output';

export const LANGFUSE_OBSERVATION_TYPE = 'langfuse.observation.type';
/** A JSON object, or flattened as `langfuse.observation.metadata.<key>`. */
export const LANGFUSE_OBSERVATION_METADATA = 'langfuse.observation.metadata';
export const LANGFUSE_OBSERVATION_LEVEL = 'langfuse.observation.level';
export const LANGFUSE_OBSERVATION_STATUS_MESSAGE = 'langfuse.observation.status_message';
export const LANGFUSE_OBSERVATION_INPUT = 'langfuse.observation.input';
export const LANGFUSE_OBSERVATION_OUTPUT = 'langfuse.observation.output';
/** ISO timestamp; the JS SDK JSON-serialises it, so it may arrive double-quoted. */
export const LANGFUSE_OBSERVATION_COMPLETION_START_TIME = 'langfuse.observation.completion_start_time';
export const LANGFUSE_OBSERVATION_MODEL = 'langfuse.observation.model.name';
export const LANGFUSE_OBSERVATION_MODEL_PARAMETERS = 'langfuse.observation.model.parameters';
/** JSON object of cache-exclusive usage buckets (`input`, `input_cached_tokens`, `output`, ...). */
export const LANGFUSE_OBSERVATION_USAGE_DETAILS = 'langfuse.observation.usage_details';
/** JSON object of per-bucket USD costs plus an optional `total`. */
export const LANGFUSE_OBSERVATION_COST_DETAILS = 'langfuse.observation.cost_details';
export const LANGFUSE_OBSERVATION_PROMPT_NAME = 'langfuse.observation.prompt.name';
export const LANGFUSE_OBSERVATION_PROMPT_VERSION = 'langfuse.observation.prompt.version';
/** Older SDK spellings of the prompt link. */
export const LANGFUSE_PROMPT_NAME = 'langfuse.prompt.name';
export const LANGFUSE_PROMPT_VERSION = 'langfuse.prompt.version';

export const LANGFUSE_ENVIRONMENT = 'langfuse.environment';
export const LANGFUSE_RELEASE = 'langfuse.release';
export const LANGFUSE_VERSION = 'langfuse.version';

/** Documented before `user.id` / `session.id` took over; still accepted. */
export const LANGFUSE_USER_ID = 'langfuse.user.id';
export const LANGFUSE_SESSION_ID = 'langfuse.session.id';
export const LANGFUSE_TRACE_USER_ID = OTEL_USER_ID;
export const LANGFUSE_TRACE_SESSION_ID = OTEL_SESSION_ID;

/** `langfuse.observation.type` values. */
export const LangfuseObservationType = {
  generation: 'generation',
  span: 'span',
  event: 'event',
  agent: 'agent',
  tool: 'tool',
  chain: 'chain',
  retriever: 'retriever',
  evaluator: 'evaluator',
  embedding: 'embedding',
  guardrail: 'guardrail',
} as const;
