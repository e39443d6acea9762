import { describe, expect, it } from 'vitest';
import { BoundedMemo } from './bounded-memo.ts';

describe('BoundedMemo', () => {
  it('computes once per key and drops the oldest entry when full', () => {
    const memo = new BoundedMemo<number>(2);
    let computed = 0;
    const compute = (value: number) => () => {
      computed++;
      return value;
    };
    expect(memo.get('a', compute(1))).toBe(1);
    expect(memo.get('a', compute(99))).toBe(1);
    expect(memo.get('b', compute(2))).toBe(2);
    expect(memo.get('c', compute(3))).toBe(3);
    expect(memo.size).toBe(2);
    expect(memo.get('a', compute(4))).toBe(4);
    expect(computed).toBe(4);
  });
});
