import { describe, expect, test } from 'vitest';
import { dateTime64Text, messagesText, spanToJsonLine } from './span-rows.ts';
import { buildLlmSpan } from './test-support/span-builder.ts';

describe('span rows', () => {
  test('times are exact decimal seconds with six fraction digits', () => {
    expect(dateTime64Text(1_717_171_717_000_123)).toBe('1717171717.000123');
    expect(dateTime64Text(1_717_171_717_999_999)).toBe('1717171717.999999');
    expect(dateTime64Text(Number.NaN)).toBe('0.000000');
  });

  test('one span is one JSON line in the table’s column names', () => {
    const span = buildLlmSpan({ timeToFirstTokenMs: Number.POSITIVE_INFINITY, usageDetails: { bad: -1, good: 2.4 } });
    const line = spanToJsonLine(span);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toContain('\n');
    const row = JSON.parse(line);
    expect(row).toMatchObject({
      project_id: span.projectId,
      trace_id: span.traceId,
      input_tokens: 420,
      counts_in_totals: true,
      ttft_ms: null,
      usage_details: { good: 2 },
    });
    expect(JSON.parse(row.input)).toEqual(span.input);
  });

  test('bad numbers never fail a row: tokens are clamped to UInt32', () => {
    const span = buildLlmSpan({
      usage: {
        inputTokens: -5,
        outputTokens: 1e12,
        cacheReadTokens: Number.NaN,
        cacheWriteTokens: 1.6,
        reasoningTokens: 0,
      },
    });
    const row = JSON.parse(spanToJsonLine(span));
    expect([row.input_tokens, row.output_tokens, row.cache_read_tokens, row.cache_write_tokens]).toEqual([
      0, 4_294_967_295, 0, 2,
    ]);
  });

  test('oversized messages are cut part by part and stay valid JSON', () => {
    const long = 'x'.repeat(50_000);
    const text = messagesText(
      [
        { role: 'user', parts: [{ type: 'text', content: long }] },
        { role: 'assistant', parts: [{ type: 'tool_call', name: 'search', arguments: { q: long } }] },
      ],
      10_000,
    );
    expect(text.length).toBeLessThanOrEqual(10_000);
    const parsed = JSON.parse(text);
    expect(parsed[0].parts[0].content).toMatch(/truncated \d+ chars\]$/);
    expect(parsed[1].parts[0]).toEqual({ type: 'text', content: expect.stringContaining('truncated by Sightline') });
    expect(messagesText([], 10)).toBe('');
  });
});
