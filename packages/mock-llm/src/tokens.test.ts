import { describe, expect, it } from 'vitest';
import { countTokens, firstWords, splitIntoChunks } from './tokens.ts';

describe('countTokens', () => {
  it('counts whitespace-separated words', () => {
    expect(countTokens('What is the  weather\nin Paris?')).toBe(6);
    expect(countTokens('')).toBe(0);
    expect(countTokens('   ')).toBe(0);
  });
});

describe('splitIntoChunks', () => {
  it('gives one chunk per word that join back to the text', () => {
    const chunks = splitIntoChunks('Mock reply to: hi');
    expect(chunks).toEqual(['Mock', ' reply', ' to:', ' hi']);
    expect(chunks.join('')).toBe('Mock reply to: hi');
  });
});

describe('firstWords', () => {
  it('keeps at most the given number of words', () => {
    expect(firstWords('a b c d', 2)).toBe('a b');
    expect(firstWords('a b', 5)).toBe('a b');
  });
});
