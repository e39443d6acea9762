// user.id and session.id are the general OTel attributes, spelled once in gen-ai.ts.
import { OTEL_SESSION_ID, OTEL_USER_ID } from './gen-ai.ts';
// Attributes Sightline's own instrumentation sets beyond the GenAI conventions.
export const SIGHTLINE_PROMPT_VERSION = 'sightline.prompt.version';
export const SIGHTLINE_USER_ID = OTEL_USER_ID;
export const SIGHTLINE_SESSION_ID = OTEL_SESSION_ID;
export const SIGHTLINE_FEATURE = 'sightline.feature';
export const SIGHTLINE_TAGS = 'sightline.tags';
export const SIGHTLINE_METADATA_PREFIX = 'sightline.metadata.';
export const SIGHTLINE_SPAN_TYPE = 'sightline.span.type';
export const SIGHTLINE_COST_USD = 'sightline.cost.usd';
export const SIGHTLINE_COST_SOURCE = 'sightline.cost.source';
export const SIGHTLINE_PRICE_VERSION = 'sightline.cost.price_version';
export const SIGHTLINE_USAGE_ESTIMATED = 'sightline.usage.estimated';
export const SIGHTLINE_CACHE_HIT = 'sightline.cache.hit';
export const SIGHTLINE_CACHE_KIND = 'sightline.cache.kind';
export const SIGHTLINE_RETRY_ATTEMPT = 'sightline.retry.attempt';
export const SIGHTLINE_FALLBACK_FROM = 'sightline.fallback.from';
export const SIGHTLINE_OUTPUT_VALID = 'sightline.output.valid';
export const SIGHTLINE_OUTPUT_ISSUES = 'sightline.output.issues';
/** Standard OTel resource attribute for the deployment environment. */
export const DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';
export const DEPLOYMENT_ENVIRONMENT = 'deployment.environment';
export const SERVICE_NAME = 'service.name';
/** Every attribute above that is Sightline's own starts with this. */
export const SIGHTLINE_PREFIX = 'sightline.';
/** Scope names of Sightline's instrumentation packages. */
export const SIGHTLINE_SCOPE_PREFIX = '@sightline/';

// Reliability and structured-output facts recorded by @sightline/instrumentation's helpers.
/** Span attributes of a withRetry span; the per-attempt event repeats SIGHTLINE_RETRY_ATTEMPT. */
export const SIGHTLINE_RETRY_MAX_ATTEMPTS = 'sightline.retry.max_attempts';
export const SIGHTLINE_RETRY_BACKOFF_MS = 'sightline.retry.backoff_ms';
export const SIGHTLINE_RETRY_WILL_RETRY = 'sightline.retry.will_retry';
export const SIGHTLINE_RETRY_EVENT = 'sightline.retry';
export const SIGHTLINE_FALLBACK_TO = 'sightline.fallback.to';
export const SIGHTLINE_FALLBACK_USED = 'sightline.fallback.used';
export const SIGHTLINE_FALLBACK_INDEX = 'sightline.fallback.index';
export const SIGHTLINE_FALLBACK_CANDIDATES = 'sightline.fallback.candidates';
export const SIGHTLINE_FALLBACK_EVENT = 'sightline.fallback';
export const SIGHTLINE_CACHE_KEY = 'sightline.cache.key';
export const SIGHTLINE_CACHE_SIMILARITY = 'sightline.cache.similarity';
export const SIGHTLINE_CACHE_EVENT = 'sightline.cache.lookup';
export const SIGHTLINE_GUARDRAIL_NAME = 'sightline.guardrail.name';
export const SIGHTLINE_GUARDRAIL_OUTCOME = 'sightline.guardrail.outcome';
export const SIGHTLINE_GUARDRAIL_REASON = 'sightline.guardrail.reason';
export const SIGHTLINE_GUARDRAIL_EVENT = 'sightline.guardrail';
export const SIGHTLINE_OUTPUT_SCHEMA = 'sightline.output.schema';
export const SIGHTLINE_OUTPUT_ISSUE_COUNT = 'sightline.output.issue_count';
/** Error message attribute on Sightline's own span events (error.type carries the class). */
export const SIGHTLINE_ERROR_MESSAGE = 'sightline.error.message';
/** True when captured prompt or completion content was cut to the instrumentation's size caps. */
export const SIGHTLINE_CONTENT_TRUNCATED = 'sightline.content.truncated';
