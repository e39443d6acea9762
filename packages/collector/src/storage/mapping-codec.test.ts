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
});
