import { describe, expect, test } from 'vitest';
import { encodeMapping } from './mapping-codec.ts';
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

  test('the line is plain JSON.stringify output with the table’s column order, whatever the text holds', () => {
    const tricky = 'quote " backslash \\ newline \n tab \t nul \u0000 é 😀 \u2028 lone \ud800';
    const span = buildLlmSpan({
      name: tricky,
      input: [
        { role: 'system', parts: [{ type: 'text', content: tricky }] },
        { role: 'user', name: tricky, parts: [{ type: 'blob', modality: 'image', mime_type: 'image/png' }] },
      ],
      output: [
        {
          role: 'assistant',
          parts: [{ type: 'tool_call', id: 'call_1', name: 'search', arguments: { q: tricky, n: [1, 2.5, null] } }],
          finish_reason: 'tool_calls',
        },
      ],
      toolDefinitions: [{ type: 'function', name: 'search', parameters: { description: tricky } }],
      attributes: { [tricky]: tricky },
      events: [{ timeUnixUs: 1_717_171_717_000_001, name: 'exception', attributes: { message: tricky } }],
      links: [{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), attributes: {} }],
      mapping: {
        conventions: ['otel_genai'],
        mapped: [{ attribute: tricky, field: 'input', adapter: 'otel_genai' }],
        raw: [],
        errors: [tricky],
      },
    });
    for (const maxChars of [1_048_576, 300]) {
      const line = spanToJsonLine(span, maxChars);
      const row = JSON.parse(line);
      // Equal to JSON.stringify of its own content: byte for byte what one JSON.stringify of the row writes.
      expect(line).toBe(`${JSON.stringify(row)}\n`);
      expect(Object.keys(row)).toEqual(COLUMNS);
      expect(row.input).toBe(messagesText(span.input, maxChars));
      expect(row.output).toBe(messagesText(span.output, maxChars));
      expect(row.mapping).toBe(encodeMapping(span.mapping));
      expect(row.name).toBe(tricky);
      expect(JSON.parse(row.tool_definitions)).toEqual(span.toolDefinitions);
    }
  });
});

/** The `spans` table's columns in the order rows are written. */
const COLUMNS = [
  'project_id',
  'trace_id',
  'span_id',
  'parent_span_id',
  'start_time',
  'end_time',
  'name',
  'kind',
  'status_code',
  'status_message',
  'service_name',
  'environment',
  'scope_name',
  'scope_version',
  'source_convention',
  'span_type',
  'operation',
  'provider',
  'request_model',
  'response_model',
  'session_id',
  'user_id',
  'agent_name',
  'tool_name',
  'prompt_name',
  'prompt_version',
  'feature',
  'tags',
  'finish_reasons',
  'error_type',
  'input_tokens',
  'output_tokens',
  'cache_read_tokens',
  'cache_write_tokens',
  'reasoning_tokens',
  'usage_details',
  'counts_in_totals',
  'cost_usd',
  'cost_source',
  'cost_details',
  'price_version',
  'ttft_ms',
  'input',
  'output',
  'request_parameters',
  'metadata',
  'attributes',
  'resource_attributes',
  'events',
  'links',
  'tool_definitions',
  'mapping',
];
