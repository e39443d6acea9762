import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from './trace-cursor.ts';
import { decodeSearchCursor, encodeSearchCursor } from './ui-search-cursor.ts';

describe('search cursor', () => {
  it('round-trips a sorted position', () => {
    const cursor = { sort: 'costUsd', order: 'desc', value: 0.0125, traceId: 'a'.repeat(32) } as const;
    expect(decodeSearchCursor(encodeSearchCursor(cursor), 'costUsd', 'desc')).toEqual(cursor);
  });

  it('refuses a cursor of another sort or foreign text', () => {
    const text = encodeSearchCursor({ sort: 'startTime', order: 'desc', value: 1, traceId: 'b' });
    expect(() => decodeSearchCursor(text, 'durationMs', 'desc')).toThrow(InvalidCursorError);
    expect(() => decodeSearchCursor('not-a-cursor', 'startTime', 'desc')).toThrow(InvalidCursorError);
  });
});
