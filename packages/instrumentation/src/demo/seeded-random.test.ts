import { describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random.ts';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and stays in range', () => {
    const first = seededRandom(42);
    const second = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => first.next());
    expect(values).toEqual(Array.from({ length: 1000 }, () => second.next()));
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    expect(seededRandom(43).next()).not.toBe(values[0]);
  });

  it('draws integers in the closed range and picks items', () => {
    const random = seededRandom(7);
    const integers = new Set(Array.from({ length: 500 }, () => random.integer(1, 3)));
    expect(integers).toEqual(new Set([1, 2, 3]));
    expect(['a', 'b']).toContain(random.pick(['a', 'b']));
    expect(() => random.pick([])).toThrow(RangeError);
  });
});
