import { describe, expect, it } from 'vitest';
import { errorMessage, errorStatus, errorType, isRetryableError, retryAfterMs } from './error-facts.ts';

class RateLimitError extends Error {
  status = 429;
  headers = new Headers({ 'retry-after': '2' });
}

describe('error facts', () => {
  it('types errors by HTTP status, then class name', () => {
    expect(errorType(new RateLimitError('slow down'))).toBe('429');
    expect(errorType(Object.assign(new Error('x'), { status: 503 }))).toBe('503');
    expect(errorType(new TypeError('x'))).toBe('TypeError');
    expect(errorType('text')).toBe('_OTHER');
    expect(errorMessage('text')).toBe('text');
    expect(errorStatus({ status: '500' })).toBeUndefined();
  });

  it('reads retry-after-ms, retry-after seconds and dates from Headers or plain objects', () => {
    expect(retryAfterMs(new RateLimitError('x'))).toBe(2000);
    expect(retryAfterMs({ headers: { 'retry-after-ms': '150', 'retry-after': '1' } })).toBe(150);
    expect(retryAfterMs({ headers: { 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' } }, Date.UTC(2026, 0, 1))).toBe(
      10_000,
    );
    expect(retryAfterMs({ headers: { 'retry-after': 'soon' } })).toBeUndefined();
    expect(retryAfterMs(new Error('x'))).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  it('retries rate limits, server errors and connection failures only', () => {
    for (const status of [408, 409, 429, 500, 503, 529]) expect(isRetryableError({ status })).toBe(true);
    for (const status of [400, 401, 403, 404, 422]) expect(isRetryableError({ status })).toBe(false);
    expect(isRetryableError(new Error('socket hang up'))).toBe(true);
    expect(isRetryableError(new TypeError('x is not a function'))).toBe(false);
    expect(isRetryableError(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(false);
  });
});
