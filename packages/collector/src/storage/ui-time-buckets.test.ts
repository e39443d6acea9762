import { describe, expect, it } from 'vitest';
import { bucketsFor, densify } from './ui-time-buckets.ts';

describe('bucketsFor', () => {
  it('uses minutes for an hour and aligns buckets to the width', () => {
    const from = new Date('2026-03-01T10:00:30Z');
    const to = new Date('2026-03-01T11:00:00Z');
    const { bucketSeconds, buckets } = bucketsFor(from, to);
    expect(bucketSeconds).toBe(60);
    expect(buckets[0]).toBe(Date.parse('2026-03-01T10:00:00Z') / 1000);
    expect(buckets).toHaveLength(60);
  });

  it('widens buckets so a month stays under 240 points', () => {
    const { bucketSeconds, buckets } = bucketsFor(new Date('2026-03-01T00:00:00Z'), new Date('2026-03-31T00:00:00Z'));
    expect(bucketSeconds).toBe(10_800);
    expect(buckets.length).toBeLessThanOrEqual(240);
  });
});

describe('densify', () => {
  it('fills missing buckets with the empty value', () => {
    const rows = [{ bucket: 120, value: 5 }];
    expect(densify([60, 120, 180], rows, (index) => rows[index]!.value, 0)).toEqual([0, 5, 0]);
  });
});
