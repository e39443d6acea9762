// withRetry: runs an async call up to N times inside one `retry` span. Each failed attempt is a
// `sightline.retry` event (attempt number, error, backoff); LLM spans made by an attempt carry the
// attempt number through the Sightline context (metadata retry_attempt).
import { setTimeout as sleepFor } from 'node:timers/promises';
import { type Attributes, type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  ERROR_TYPE,
  SIGHTLINE_ERROR_MESSAGE,
  SIGHTLINE_RETRY_ATTEMPT,
  SIGHTLINE_RETRY_BACKOFF_MS,
  SIGHTLINE_RETRY_EVENT,
  SIGHTLINE_RETRY_MAX_ATTEMPTS,
  SIGHTLINE_RETRY_WILL_RETRY,
} from '@sightline/core';
import { withContext } from '../context/sightline-context.ts';
import { safely } from '../diagnostics/safely.ts';
import { sightlineTracer } from '../runtime/tracer.ts';
import { errorMessage, errorType, isRetryableError, retryAfterMs } from './error-facts.ts';

/** Exponential backoff: initialMs × multiplier^(attempt−1), capped at maxMs, with optional full jitter. */
export interface ExponentialBackoff {
  initialMs?: number;
  multiplier?: number;
  maxMs?: number;
  /** Draw the wait uniformly from [0, computed] (AWS "full jitter"); default true. */
  jitter?: boolean;
}

export interface RetryOptions {
  /** Attempts in all, the first included (default 3). */
  attempts?: number;
  /** Milliseconds to wait after a failed attempt: a function of the attempt number, or exponential settings. */
  backoff?: ExponentialBackoff | ((attempt: number, error: unknown) => number);
  /** Whether a failure is worth another attempt (default: isRetryableError). */
  retryOn?: (error: unknown, attempt: number) => boolean;
  /** Wait at least as long as the provider's retry-after header asks (default true). */
  respectRetryAfter?: boolean;
  /** Names the span `retry <name>`. */
  name?: string;
  signal?: AbortSignal;
  /** Injected for tests; defaults to timers/promises setTimeout and Math.random. */
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

export interface RetryAttempt {
  /** 1 for the first call. */
  attempt: number;
  /** The retry span, for attributes of the app's own. */
  span: Span;
}

const DEFAULT_BACKOFF: Required<ExponentialBackoff> = { initialMs: 250, multiplier: 2, maxMs: 8_000, jitter: true };

function backoffFor(options: RetryOptions, attempt: number, error: unknown, random: () => number): number {
  let wait: number;
  if (typeof options.backoff === 'function') {
    wait = options.backoff(attempt, error);
  } else {
    const settings = { ...DEFAULT_BACKOFF, ...options.backoff };
    const computed = Math.min(settings.maxMs, settings.initialMs * settings.multiplier ** (attempt - 1));
    wait = settings.jitter ? random() * computed : computed;
  }
  if (options.respectRetryAfter !== false) wait = Math.max(wait, retryAfterMs(error) ?? 0);
  return Math.max(0, Math.round(wait));
}

const defaultSleep = (milliseconds: number, signal?: AbortSignal) =>
  sleepFor(milliseconds, undefined, signal ? { signal } : {});

/** Runs fn until it succeeds, a failure is not retryable, or the attempts run out (then the last error is thrown). */
export async function withRetry<T>(fn: (attempt: RetryAttempt) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const requested = Math.floor(options.attempts ?? 3);
  const attempts = Number.isFinite(requested) ? Math.max(1, requested) : 3;
  const retryOn = options.retryOn ?? isRetryableError;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const attributes: Attributes = { [SIGHTLINE_RETRY_MAX_ATTEMPTS]: attempts };
  const spanName = options.name ? `retry ${options.name}` : 'retry';

  return sightlineTracer().startActiveSpan(spanName, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
    try {
      for (let attempt = 1; ; attempt += 1) {
        safely('recording a retry attempt', () => span.setAttribute(SIGHTLINE_RETRY_ATTEMPT, attempt));
        try {
          const result = await withContext({ metadata: { retry_attempt: String(attempt) } }, () =>
            fn({ attempt, span }),
          );
          return result;
        } catch (error) {
          options.signal?.throwIfAborted();
          const willRetry = attempt < attempts && retryOn(error, attempt);
          const wait = willRetry ? backoffFor(options, attempt, error, random) : undefined;
          safely('recording a retry event', () => {
            const event: Attributes = {
              [SIGHTLINE_RETRY_ATTEMPT]: attempt,
              [ERROR_TYPE]: errorType(error),
              [SIGHTLINE_ERROR_MESSAGE]: errorMessage(error),
              [SIGHTLINE_RETRY_WILL_RETRY]: willRetry,
            };
            if (wait !== undefined) event[SIGHTLINE_RETRY_BACKOFF_MS] = wait;
            span.addEvent(SIGHTLINE_RETRY_EVENT, event);
          });
          if (wait === undefined) {
            safely('recording a retry failure', () => {
              span.setAttribute(ERROR_TYPE, errorType(error));
              span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
            });
            throw error;
          }
          await sleep(wait, options.signal);
        }
      }
    } finally {
      span.end();
    }
  });
}
