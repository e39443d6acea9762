import { HttpError } from '../http/http-error.ts';
import type { Logger } from '../observability/logger.ts';

const DEFAULT_RETRY_AFTER_SECONDS = 5;

export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

/**
 * Storage trouble is never a 500: OTLP clients drop batches on 500 but retry 503 with Retry-After.
 * Overload (the group-commit queue is full) carries its own retry hint.
 */
export function toRetryableError(error: unknown, logger: Logger): HttpError {
  if (error instanceof HttpError) return error;
  const hint = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if (error instanceof Error && error.name === 'OverloadedError') {
    return new HttpError(503, 'collector is overloaded: storage queue is full; retry later', {
      retryAfterSeconds: typeof hint === 'number' ? Math.max(1, Math.ceil(hint)) : 1,
    });
  }
  logger.error({ err: error }, 'storage write failed');
  return new HttpError(503, 'storage is unavailable; the data was not stored, retry later', {
    retryAfterSeconds: DEFAULT_RETRY_AFTER_SECONDS,
    cause: error,
  });
}
