import { z } from 'zod';
import { InvalidCursorError } from './trace-cursor.ts';
import { type SortOrder, TRACE_SORT_KEYS, type TraceSortKey } from './ui-view-types.ts';

/** The position after a page's last trace in a sorted trace search. */
export interface SearchCursor {
  sort: TraceSortKey;
  order: SortOrder;
  /** The sort value of the last trace (start time in microseconds for startTime). */
  value: number;
  traceId: string;
}

const CursorSchema = z.tuple([
  z.enum(TRACE_SORT_KEYS),
  z.enum(['asc', 'desc']),
  z.number().finite(),
  z.string().max(128),
]);

export function encodeSearchCursor(cursor: SearchCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.traceId])).toString('base64url');
}

/** Throws InvalidCursorError for text encodeSearchCursor did not produce, or one made for another sort. */
export function decodeSearchCursor(text: string, sort: TraceSortKey, order: SortOrder): SearchCursor {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('the cursor is not one this API returned');
  }
  const parsed = CursorSchema.safeParse(value);
  if (!parsed.success) throw new InvalidCursorError('the cursor is not one this API returned');
  const [cursorSort, cursorOrder, cursorValue, traceId] = parsed.data;
  if (cursorSort !== sort || cursorOrder !== order) {
    throw new InvalidCursorError(
      `the cursor belongs to a ${cursorSort} ${cursorOrder} listing; start again without it`,
    );
  }
  return { sort, order, value: cursorValue, traceId };
}
