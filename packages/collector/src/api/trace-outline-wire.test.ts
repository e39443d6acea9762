import { describe, expect, it } from 'vitest';
import type { TraceSummary } from '../storage/api-types.ts';
import type { OutlineSpan, TraceOutline } from '../storage/ui-view-types.ts';
import { toOutlineWire } from './trace-outline-wire.ts';

function span(spanId: string, parentSpanId: string, startUs: number, extra: Partial<OutlineSpan> = {}): OutlineSpan {
  return {
    spanId,
    parentSpanId,
    name: `name ${spanId}`,
    startTimeUnixUs: startUs,
    endTimeUnixUs: startUs + 500,
    status: 'UNSET',
    spanType: 'llm',
    countsInTotals: true,
    unpriced: false,
    errorType: '',
    ...extra,
  };
}

function outline(spans: OutlineSpan[]): TraceOutline {
  return { trace: { traceId: 't' } as TraceSummary, spans, countedCalls: 1, unpricedCalls: 0 };
}

describe('outline wire form', () => {
  it('points parents at column indexes and shares repeated strings', () => {
    const wire = toOutlineWire(
      outline([
        span('a', '', 1_000, { name: 'agent', spanType: 'agent' }),
        span('b', 'a', 1_200, { name: 'chat' }),
        span('c', 'a', 1_300, { name: 'chat', status: 'ERROR', errorType: 'RateLimitError' }),
        span('d', 'c', 1_350, { name: 'chat', endTimeUnixUs: 1_000 }),
      ]),
    );
    expect(wire.spans.spanId).toEqual(['a', 'b', 'c', 'd']);
    expect(wire.spans.parent).toEqual([-1, 0, 0, 2]);
    expect(wire.baseStartUs).toBe(1_000);
    expect(wire.spans.startUs).toEqual([0, 200, 300, 350]);
    // An end before the start (clock skew) draws as an instant, not a negative bar.
    expect(wire.spans.durationUs).toEqual([500, 500, 500, 0]);
    expect(wire.strings.filter((value) => value === 'chat')).toHaveLength(1);
    expect(wire.spans.name.map((index) => wire.strings[index])).toEqual(['agent', 'chat', 'chat', 'chat']);
    expect(wire.spans.spanType.map((index) => wire.strings[index])).toEqual(['agent', 'llm', 'llm', 'llm']);
    expect(wire.spans.status.map((index) => wire.statusCodes[index])).toEqual(['UNSET', 'UNSET', 'ERROR', 'UNSET']);
    expect(wire.spans.errorType.map((index) => wire.strings[index])).toEqual(['', '', 'RateLimitError', '']);
    expect(wire).toMatchObject({ countedCalls: 1, unpricedCalls: 0, trace: { traceId: 't' } });
  });

  it('makes spans with a missing or self parent roots', () => {
    const wire = toOutlineWire(outline([span('a', 'gone', 5), span('b', 'b', 6), span('c', 'b', 7)]));
    expect(wire.spans.parent).toEqual([-1, -1, 1]);
  });

  it('encodes an empty outline', () => {
    const wire = toOutlineWire(outline([]));
    expect(wire.baseStartUs).toBe(0);
    expect(wire.spans.spanId).toEqual([]);
    expect(wire.strings).toEqual(['']);
  });
});
