// What an error says about itself, read defensively: SDK errors (openai, @anthropic-ai/sdk) carry an
// HTTP status and headers; anything else is reduced to its class name and message.

interface ErrorLike {
  status?: unknown;
  headers?: unknown;
  name?: unknown;
  message?: unknown;
}

export function errorStatus(error: unknown): number | undefined {
  const status = (error as ErrorLike | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** error.type as on LLM spans: the HTTP status for API errors, else the class name, else "_OTHER". */
export function errorType(error: unknown): string {
  const status = errorStatus(error);
  if (status !== undefined) return String(status);
  if (error instanceof Error) return error.constructor.name || error.name;
  return '_OTHER';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : String(error);
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** The wait a 429/503 asks for (retry-after-ms, or retry-after in seconds or as an HTTP date). */
export function retryAfterMs(error: unknown, now: number = Date.now()): number | undefined {
  const headers = (error as ErrorLike | null)?.headers;
  const milliseconds = Number(header(headers, 'retry-after-ms'));
  if (Number.isFinite(milliseconds) && milliseconds >= 0 && header(headers, 'retry-after-ms') !== undefined) {
    return milliseconds;
  }
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter === undefined) return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const PROGRAMMING_ERRORS = [TypeError, ReferenceError, SyntaxError, RangeError];

/**
 * The default retry rule: timeouts, conflicts, rate limits and server errors (408, 409, 429, 5xx) and
 * errors without a status (connection failures, timeouts). Never other 4xx, which fail the same way
 * again, an abort, or a programming error (TypeError and the like).
 */
export function isRetryableError(error: unknown): boolean {
  const status = errorStatus(error);
  if (status !== undefined) return status === 408 || status === 409 || status === 429 || status >= 500;
  if (PROGRAMMING_ERRORS.some((type) => error instanceof type)) return false;
  return !(error instanceof Error && /abort/i.test(error.name + error.constructor.name));
}
