import { describe, expect, it } from 'vitest';
import type { TraceRow } from '../api/types.ts';
import { arrivedAfterOf, laterArrival, mergeArrivals } from './live-traces.ts';

const row = (traceId: string, startTime: string, spanCount = 1): TraceRow =>
  ({ traceId, startTime, spanCount, scores: [] }) as unknown as TraceRow;

describe('mergeArrivals', () => {
  it('puts arrivals in start-time order, including one that started before rows already shown', () => {
    const shown = [row('b', '2026-03-01T10:05:00.000000Z'), row('a', '2026-03-01T10:00:00.000000Z')];
    const arrived = [row('c', '2026-03-01T10:06:00.000000Z'), row('late', '2026-03-01T10:03:00.000000Z')];
    expect(mergeArrivals(shown, arrived).map((trace) => trace.traceId)).toEqual(['c', 'b', 'late', 'a']);
  });

  it('keeps each trace once, with its newest row, and at most `max` rows', () => {
    const shown = [row('a', '2026-03-01T10:00:00.000000Z', 3)];
    const merged = mergeArrivals(shown, [row('a', '2026-03-01T10:00:00.000000Z', 5)]);
    expect(merged).toHaveLength(1);
    expect(merged[0]!.spanCount).toBe(5);
    expect(mergeArrivals([row('x', '2026-03-01T10:00:00Z'), row('y', '2026-03-01T09:00:00Z')], [], 1)).toHaveLength(1);
  });
});

describe('arrival watermark', () => {
  it('asks a little before the newest arrival, and only moves forward', () => {
    expect(arrivedAfterOf('2026-03-01T10:00:02.000Z')).toBe(Date.parse('2026-03-01T10:00:00.000Z'));
    expect(arrivedAfterOf(null)).toBeUndefined();
    expect(laterArrival('2026-03-01T10:00:02.000Z', '2026-03-01T10:00:01.000Z')).toBe('2026-03-01T10:00:02.000Z');
    expect(laterArrival(null, '2026-03-01T10:00:01.000Z')).toBe('2026-03-01T10:00:01.000Z');
    expect(laterArrival('2026-03-01T10:00:01.000Z', null)).toBe('2026-03-01T10:00:01.000Z');
  });
});
