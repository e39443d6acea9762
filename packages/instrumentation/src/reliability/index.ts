export { errorType, isRetryableError, retryAfterMs } from './error-facts.ts';
export { type CacheKind, type CacheLookup, recordCacheHit, recordCacheMiss } from './record-cache.ts';
export { type GuardrailOutcome, type GuardrailResult, recordGuardrail } from './record-guardrail.ts';
export { type FallbackCandidate, type FallbackOptions, withFallback } from './with-fallback.ts';
export { type ExponentialBackoff, type RetryAttempt, type RetryOptions, withRetry } from './with-retry.ts';
