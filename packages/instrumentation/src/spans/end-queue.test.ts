import { afterEach, describe, expect, it } from 'vitest';
import { endAfterCall, endPendingSpans, spansWaitingToEnd } from './end-queue.ts';

afterEach(() => endPendingSpans());

describe('end queue', () => {
  it('ends a burst of 256 spans at once, without waiting for the timer', () => {
    const ended: number[] = [];
    for (let index = 0; index < 255; index += 1) endAfterCall({ endNow: () => ended.push(index) });
    expect(ended).toEqual([]);
    expect(spansWaitingToEnd()).toBe(true);
    endAfterCall({ endNow: () => ended.push(255) });
    expect(ended).toHaveLength(256);
    expect(ended.at(-1)).toBe(255);
    expect(spansWaitingToEnd()).toBe(false);
  });

  it('ends the others when one fails to end, and throws nothing', () => {
    const ended: string[] = [];
    endAfterCall({ endNow: () => ended.push('first') });
    endAfterCall({
      endNow: () => {
        throw new Error('exporter state gone');
      },
    });
    endAfterCall({ endNow: () => ended.push('third') });
    expect(() => endPendingSpans()).not.toThrow();
    expect(ended).toEqual(['first', 'third']);
  });

  it('ends waiting spans from its timer', async () => {
    const ended: string[] = [];
    endAfterCall({ endNow: () => ended.push('span') });
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(ended).toEqual(['span']);
  });
});
