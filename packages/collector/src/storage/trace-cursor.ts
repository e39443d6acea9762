import { z } from 'zod';

/** The list position after the last trace of a page: traces sort by (root start time, trace id), newest first. */
export interface TraceCursor {
  startTimeUnixUs: number;
  traceId: string;
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

const CursorSchema = z.tuple([z.number().int().nonnegative(), z.string().max(128)]);

export function encodeCursor(cursor: TraceCursor): string {
  return Buffer.from(JSON.stringify([cursor.startTimeUnixUs, cursor.traceId])).toString('base64url');
}

/** Throws InvalidCursorError (a client error: HTTP 400) for anything encodeCursor did not produce. */
export function decodeCursor(text: string): TraceCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('the cursor is not one this API returned');
  }
  const parsed = CursorSchema.safeParse(value);
  if (!parsed.success) throw new InvalidCursorError('the cursor is not one this API returned');
  return { startTimeUnixUs: parsed.data[0], traceId: parsed.data[1] };
}
