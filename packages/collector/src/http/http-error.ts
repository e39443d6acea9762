import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one HTTP error type: a status, a message that says what was wrong and what to do, and an optional Retry-After. */
export class HttpError extends HTTPException {
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: ContentfulStatusCode,
    message: string,
    options: { retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(status, { message, cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const unauthorized = (message = 'missing or invalid API key: send Authorization: Bearer <project key>') =>
  new HttpError(401, message);
export const forbidden = (message: string) => new HttpError(403, message);
export const notFound = (message: string) => new HttpError(404, message);
