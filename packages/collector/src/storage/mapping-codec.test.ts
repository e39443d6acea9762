import { describe, expect, it } from 'vitest';
import { decodeMapping, encodeMapping } from './mapping-codec.ts';

describe('mapping report storage format', () => {
  it('round-trips, deriving the raw list from the stored attributes', () => {
    const report = {
      conventions: ['openllmetry', 'otel_genai'],
      mapped: [
        { attribute: 'gen_ai.request.model', field: 'requestModel', adapter: 'otel_genai' },
        { attribute: 'traceloop.entity.name', field: 'agentName', adapter: 'openllmetry' },
      ],
      raw: ['http.url'],
      errors: ['openlit: boom'],
    };
    const text = encodeMapping(report);
    expect(text.length).toBeLessThan(JSON.stringify(report).length);
    expect(decodeMapping(text, ['gen_ai.request.model', 'traceloop.entity.name', 'http.url'])).toEqual(report);
  });

  it('reads unreadable text as an empty report that says so, with every attribute raw', () => {
    expect(decodeMapping('{oops', ['a', 'b'])).toEqual({
      conventions: [],
      mapped: [],
      raw: ['a', 'b'],
      errors: ['stored mapping report is unreadable'],
    });
  });

  it('encodes a report that differs from the previous one of the same size afresh', () => {
    const report = (field: string, errors: string[] = []) => ({
      conventions: ['otel_genai'],
      mapped: [
        { attribute: 'gen_ai.request.model', field, adapter: 'otel_genai' },
        { attribute: '__proto__', field: 'tags', adapter: 'otel_genai' },
        { attribute: '7', field: 'feature', adapter: 'otel_genai' },
      ],
      raw: [],
      errors,
    });
    const plain = (value: ReturnType<typeof report>) => {
      const mapped: Record<string, string> = {};
      for (const entry of value.mapped) mapped[entry.attribute] = `${entry.adapter}/${entry.field}`;
      return JSON.stringify({ c: value.conventions, m: mapped, e: value.errors });
    };
    const first = report('requestModel');
    expect(encodeMapping(first)).toBe(plain(first));
    expect(encodeMapping(report('requestModel'))).toBe(plain(first));
    expect(encodeMapping(report('responseModel'))).toBe(plain(report('responseModel')));
    expect(encodeMapping(report('responseModel', ['openlit: boom']))).toBe(
      plain(report('responseModel', ['openlit: boom'])),
    );
    // A report changed in place after it was encoded is encoded again.
    const changed = report('responseModel');
    encodeMapping(changed);
    (changed.mapped[0] as { field: string }).field = 'operation';
    expect(encodeMapping(changed)).toBe(plain(changed));
  });
});
