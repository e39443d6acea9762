import { describe, expect, it } from 'vitest';
import { costExplanation, displayValue, formatCost, formatDuration, formatScore } from './format.ts';

describe('formatting', () => {
  it('never shows an unknown cost as $0', () => {
    expect(formatCost(null)).toBe('n/a');
    expect(formatCost(0.000123)).toBe('$0.000123');
    expect(formatCost(0.0456)).toBe('$0.0456');
    expect(formatCost(12.5)).toBe('$12.50');
    expect(costExplanation('none', undefined, 'in-house-7')).toMatch(/No price known for model "in-house-7"/);
    expect(costExplanation('calculated', 'genai-prices 0.1.8')).toMatch(/genai-prices 0.1.8/);
  });

  it('formats durations and scores', () => {
    expect(formatDuration(0.5)).toBe('500 µs');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(2500)).toBe('2.50 s');
    expect(formatDuration(null)).toBe('n/a');
    expect(formatScore(0.9)).toBe('0.9');
    expect(formatScore(1)).toBe('1');
  });

  it('renders structures as JSON text', () => {
    expect(displayValue({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(displayValue('<b>')).toBe('<b>');
  });
});
