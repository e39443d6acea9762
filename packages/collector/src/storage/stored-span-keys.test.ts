import { describe, expect, test } from 'vitest';
import { StoredSpanKeys } from './stored-span-keys.ts';

const MINUTE_US = 60_000_000;

describe('StoredSpanKeys', () => {
  test('a span after the start watermark and not remembered is certainly new; one at or before it is not', () => {
    const keys = new StoredSpanKeys(10, 100 * MINUTE_US);
    expect(keys.isCertainlyNew('a', 100 * MINUTE_US + 1)).toBe(true);
    expect(keys.isCertainlyNew('a', 100 * MINUTE_US)).toBe(false);
    expect(keys.isCertainlyNew('a', 5)).toBe(false);
  });

  test('a remembered span is never certainly new', () => {
    const keys = new StoredSpanKeys(10, 0);
    keys.add('a', 5 * MINUTE_US);
    expect(keys.has('a')).toBe(true);
    expect(keys.isCertainlyNew('a', 5 * MINUTE_US)).toBe(false);
    expect(keys.isCertainlyNew('b', 5 * MINUTE_US)).toBe(true);
  });

  test('without a watermark (other writers may exist) nothing is certainly new', () => {
    const keys = new StoredSpanKeys(10, null);
    expect(keys.isCertainlyNew('a', Date.now() * 1000)).toBe(false);
  });

  test('when full it forgets the oldest minute and raises the watermark past it, whatever the insertion order', () => {
    const keys = new StoredSpanKeys(3, 0);
    keys.add('new-1', 9 * MINUTE_US + 1);
    keys.add('old-1', 2 * MINUTE_US + 5);
    keys.add('old-2', 2 * MINUTE_US + 7);
    keys.add('mid-1', 5 * MINUTE_US);
    expect(keys.size).toBe(2);
    expect(keys.has('old-1')).toBe(false);
    expect(keys.has('old-2')).toBe(false);
    expect(keys.has('new-1')).toBe(true);
    expect(keys.watermarkUs).toBe(3 * MINUTE_US - 1);
    // A forgotten span must go to the existence query again.
    expect(keys.isCertainlyNew('old-1', 2 * MINUTE_US + 5)).toBe(false);
    // Spans of later minutes are still known exactly.
    expect(keys.isCertainlyNew('other', 5 * MINUTE_US)).toBe(true);
    expect(keys.isCertainlyNew('mid-1', 5 * MINUTE_US)).toBe(false);
  });

  test('the watermark never moves back', () => {
    const keys = new StoredSpanKeys(1, 50 * MINUTE_US);
    keys.add('a', 1 * MINUTE_US);
    keys.add('b', 2 * MINUTE_US);
    expect(keys.watermarkUs).toBe(50 * MINUTE_US);
  });
});

test('a failed insert raises the watermark so a retry of its spans is checked', () => {
  const keys = new StoredSpanKeys(10, 0);
  expect(keys.isCertainlyNew('a', 7 * MINUTE_US)).toBe(true);
  keys.raiseWatermark(7 * MINUTE_US);
  expect(keys.isCertainlyNew('a', 7 * MINUTE_US)).toBe(false);
  expect(keys.isCertainlyNew('b', 7 * MINUTE_US + 1)).toBe(true);
});
