import { describe, expect, it } from 'vitest';
import { tieredWindowCondition, tierSegments, USAGE_ROLLUP } from './ui-rollup-tiers.ts';

const HOUR = 3600;
const at = (hours: number, minutes = 0, seconds = 0) =>
  1_800_000_000 - (1_800_000_000 % HOUR) + hours * HOUR + minutes * 60 + seconds;

describe('tierSegments', () => {
  it('reads whole hours hourly and the edges at the finest fitting resolution, covering the window once', () => {
    const segments = tierSegments(at(0, 7, 30), at(3, 13, 5), [3600, 600, 60]);
    expect(segments).toEqual([
      { resolution: 60, from: at(0, 7), to: at(0, 10) },
      { resolution: 600, from: at(0, 10), to: at(1) },
      { resolution: 3600, from: at(1), to: at(3) },
      { resolution: 600, from: at(3), to: at(3, 10) },
      { resolution: 60, from: at(3, 10), to: at(3, 14) },
    ]);
    for (const [index, segment] of segments.entries()) {
      if (index > 0) expect(segment.from).toBe(segments[index - 1]!.to);
    }
  });

  it('keeps only resolutions that divide a chart bucket, so every row falls in one bucket', () => {
    const segments = tierSegments(at(0, 7), at(5), [3600, 600, 60], 1200);
    expect(segments.map((segment) => segment.resolution)).toEqual([60, 600]);
    expect(segments.every((segment) => 1200 % segment.resolution === 0)).toBe(true);
  });

  it('reads a window shorter than a period at the finest resolution, and an empty window as nothing', () => {
    expect(tierSegments(at(2, 1), at(2, 4), [3600, 600, 60])).toEqual([
      { resolution: 60, from: at(2, 1), to: at(2, 4) },
    ]);
    expect(tierSegments(at(2), at(2), [3600, 60])).toEqual([]);
  });
});

describe('tieredWindowCondition', () => {
  it('binds each range as parameters, numbered after ranges already bound', () => {
    const params: Record<string, number | string> = { segmentFrom0: 1, segmentTo0: 2 };
    const condition = tieredWindowCondition(USAGE_ROLLUP, at(0, 30), at(2), params);
    expect(condition).toBe(
      '((resolution = 60 AND period >= toDateTime({segmentFrom1:UInt32}) AND period < toDateTime({segmentTo1:UInt32})) OR ' +
        '(resolution = 3600 AND period >= toDateTime({segmentFrom2:UInt32}) AND period < toDateTime({segmentTo2:UInt32})))',
    );
    expect(params).toMatchObject({
      segmentFrom1: at(0, 30),
      segmentTo1: at(1),
      segmentFrom2: at(1),
      segmentTo2: at(2),
    });
    expect(tieredWindowCondition(USAGE_ROLLUP, at(1), at(1), {})).toBe('0');
  });
});
