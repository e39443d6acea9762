// Error bodies in each provider's shape.

export type ErrorFamily = 'openai' | 'anthropic';

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

const OPENAI_TYPES: Record<number, { type: string; code: string | null }> = {
  400: { type: 'invalid_request_error', code: null },
  401: { type: 'invalid_request_error', code: 'invalid_api_key' },
  404: { type: 'invalid_request_error', code: 'model_not_found' },
  429: { type: 'requests', code: 'rate_limit_exceeded' },
};

export function errorBody(family: ErrorFamily, status: number, message: string, requestId: string): unknown {
  if (family === 'anthropic') {
    const type = ANTHROPIC_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
    return { type: 'error', error: { type, message }, request_id: requestId };
  }
  const known = OPENAI_TYPES[status] ?? { type: status >= 500 ? 'server_error' : 'invalid_request_error', code: null };
  return { error: { message, type: known.type, param: null, code: known.code } };
}

export function scriptedFailureMessage(status: number): string {
  if (status === 429) return 'Rate limit reached (scripted by the mock LLM server).';
  if (status === 529) return 'Overloaded (scripted by the mock LLM server).';
  if (status >= 500) return 'The server had an error while processing your request (scripted by the mock LLM server).';
  return `Request failed with status ${status} (scripted by the mock LLM server).`;
}

/** Statuses for which providers send retry-after. */
export function carriesRetryAfter(status: number): boolean {
  return status === 429 || status === 503 || status === 529;
}

/** Thrown by request parsers: answered as a 400 in the protocol's error shape. */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
}
