import { describe, expect, it } from 'vitest';
import type { TrafficSplit } from './prompt-config.ts';
import { fnv1a, selectVersion, stickyKey, stickyPoint, versionAt } from './traffic-split.ts';

const split = (weights: Record<string, number>, sticky: TrafficSplit['sticky'] = 'user'): TrafficSplit => ({
  weights,
  sticky,
});

describe('versionAt', () => {
  it('maps points onto cumulative weights in config order, skipping zero weights', () => {
    const traffic = split({ v1: 25, v2: 0, v3: 75 });
    expect(versionAt(traffic, 0)).toBe('v1');
    expect(versionAt(traffic, 0.2499)).toBe('v1');
    expect(versionAt(traffic, 0.25)).toBe('v3');
    expect(versionAt(traffic, 0.999_999)).toBe('v3');
  });
});

describe('sticky selection', () => {
  it('is a stable hash (FNV-1a test vectors)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('gives a user the same version every time, independent of randomness', () => {
    const traffic = split({ v1: 50, v2: 50 });
    const first = selectVersion('support', traffic, { userId: 'user-7' }, () => 0);
    for (let call = 0; call < 20; call += 1) {
      expect(selectVersion('support', traffic, { userId: 'user-7' }, () => call / 20)).toBe(first);
    }
  });

  it('spreads many users close to the weights', () => {
    const traffic = split({ control: 80, candidate: 20 });
    const counts = { control: 0, candidate: 0 };
    for (let user = 0; user < 10_000; user += 1) {
      const version = selectVersion('support', traffic, { userId: `user-${user}` }, () => 0) as keyof typeof counts;
      counts[version] += 1;
    }
    expect(counts.control / 10_000).toBeCloseTo(0.8, 1);
    expect(counts.candidate / 10_000).toBeCloseTo(0.2, 1);
  });

  it('hashes the prompt name too, so splits of different prompts are independent', () => {
    expect(stickyPoint('a', 'user-1')).not.toBe(stickyPoint('b', 'user-1'));
  });

  it('picks the key by the sticky mode, an explicit key first', () => {
    const keys = { userId: 'u', sessionId: 's' };
    expect(stickyKey(split({ v1: 1 }, 'user'), keys)).toBe('u');
    expect(stickyKey(split({ v1: 1 }, 'session'), keys)).toBe('s');
    expect(stickyKey(split({ v1: 1 }, 'none'), keys)).toBeUndefined();
    expect(stickyKey(split({ v1: 1 }, 'user'), { sessionId: 's' })).toBe('s');
    expect(stickyKey(split({ v1: 1 }, 'none'), { ...keys, key: 'k' })).toBe('k');
  });

  it('draws from the random source when there is no key', () => {
    const traffic = split({ v1: 50, v2: 50 }, 'none');
    expect(selectVersion('p', traffic, { userId: 'u' }, () => 0.1)).toBe('v1');
    expect(selectVersion('p', traffic, { userId: 'u' }, () => 0.9)).toBe('v2');
  });
});
