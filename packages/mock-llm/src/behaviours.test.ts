import { describe, expect, it } from 'vitest';
import { isReasoningModel, readBehaviours } from './behaviours.ts';

describe('readBehaviours', () => {
  it('reads a failure from the model name', () => {
    const behaviours = readBehaviours('fail-429', {});
    expect(behaviours.failStatus).toBe(429);
    expect(behaviours.failOnce).toBe(false);
    expect(behaviours.names).toEqual(['fail-429']);
  });

  it('reads a one-off failure and other behaviours from the header', () => {
    const behaviours = readBehaviours('gpt-4o-mini', { 'x-mock-behaviour': 'fail-503-once, no-tools,reasoning' });
    expect(behaviours.failStatus).toBe(503);
    expect(behaviours.failOnce).toBe(true);
    expect(behaviours.noTools).toBe(true);
    expect(behaviours.reasoning).toBe(true);
    expect(behaviours.streamError).toBe(false);
  });

  it('accepts the American spelling of the header and a forced cache outcome', () => {
    const behaviours = readBehaviours('x', { 'x-mock-behavior': 'stream-error', 'x-mock-cache': 'READ' });
    expect(behaviours.streamError).toBe(true);
    expect(behaviours.cache).toBe('read');
  });

  it('has no behaviours for an ordinary model', () => {
    const behaviours = readBehaviours('gpt-4o-mini', {});
    expect(behaviours).toMatchObject({ failStatus: undefined, noTools: false, reasoning: false, cache: undefined });
    expect(behaviours.names).toEqual([]);
  });

  it('falls back to one second for an unusable retry-after', () => {
    expect(readBehaviours('fail-429', { 'x-mock-retry-after': 'soon' }).retryAfterSeconds).toBe(1);
    expect(readBehaviours('fail-429', { 'x-mock-retry-after': '0.001' }).retryAfterSeconds).toBe(0.001);
  });
});

describe('isReasoningModel', () => {
  it('recognises the o-series and gpt-5 families', () => {
    expect(isReasoningModel('o4-mini')).toBe(true);
    expect(isReasoningModel('gpt-5-mini')).toBe(true);
    expect(isReasoningModel('gpt-4o-mini')).toBe(false);
    expect(isReasoningModel('claude-sonnet-4-6')).toBe(false);
  });
});
