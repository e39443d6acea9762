import { describe, expect, it } from 'vitest';
import { isolatedPoints, timeRange } from './chart-points.ts';

describe('isolatedPoints', () => {
  it('finds values with no neighbour, at the edges and inside', () => {
    expect(isolatedPoints([5, null, null, 3, null, 1, 2, null])).toEqual([0, 3]);
    expect(isolatedPoints([null, null, 7])).toEqual([2]);
    expect(isolatedPoints([4])).toEqual([0]);
  });

  it('finds none in a continuous series or an empty one', () => {
    expect(isolatedPoints([1, 2, 3])).toEqual([]);
    expect(isolatedPoints([null, null])).toEqual([]);
    expect(isolatedPoints([])).toEqual([]);
  });
});

describe('timeRange', () => {
  it('widens a single bucket to its own width, centred', () => {
    expect(timeRange(3600, 3600, 600)).toEqual([3300, 3900]);
  });

  it('keeps a range of several buckets', () => {
    expect(timeRange(0, 1200, 600)).toEqual([0, 1200]);
  });
});
