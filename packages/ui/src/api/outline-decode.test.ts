import { describe, expect, it } from 'vitest';
import { decodeOutline } from './outline-decode.ts';
import type { OutlineWire, TraceSummary } from './types.ts';

function wire(spans: OutlineWire['spans'], strings: string[]): OutlineWire {
  return {
    trace: { traceId: 't' } as TraceSummary,
    countedCalls: 2,
    unpricedCalls: 1,
    scores: [],
    strings,
    statusCodes: ['UNSET', 'OK', 'ERROR'],
    baseStartUs: 1_000_000,
    spans,
  };
}

describe('decodeOutline', () => {
  it('turns columns back into spans with parent ids and absolute times', () => {
    const outline = decodeOutline(
      wire(
        {
          spanId: ['a', 'b', 'c'],
          parent: [-1, 0, 1],
          name: [1, 2, 2],
          startUs: [0, 100, 150],
          durationUs: [1_000, 400, 50],
          spanType: [3, 4, 5],
          status: [0, 1, 2],
          errorType: [0, 0, 6],
        },
        ['', 'agent run', 'chat <b>x</b>', 'agent', 'llm', 'tool', 'TimeoutError'],
      ),
    );
    expect(outline.spans).toEqual([
      {
        spanId: 'a',
        parentSpanId: '',
        name: 'agent run',
        startTimeUnixUs: 1_000_000,
        endTimeUnixUs: 1_001_000,
        status: 'UNSET',
        spanType: 'agent',
        errorType: '',
      },
      {
        spanId: 'b',
        parentSpanId: 'a',
        name: 'chat <b>x</b>',
        startTimeUnixUs: 1_000_100,
        endTimeUnixUs: 1_000_500,
        status: 'OK',
        spanType: 'llm',
        errorType: '',
      },
      {
        spanId: 'c',
        parentSpanId: 'b',
        name: 'chat <b>x</b>',
        startTimeUnixUs: 1_000_150,
        endTimeUnixUs: 1_000_200,
        status: 'ERROR',
        spanType: 'tool',
        errorType: 'TimeoutError',
      },
    ]);
    expect(outline).toMatchObject({ countedCalls: 2, unpricedCalls: 1, scores: [], trace: { traceId: 't' } });
  });

  it('reads out-of-range indexes as empty strings and UNSET instead of throwing', () => {
    const [span] = decodeOutline(
      wire(
        {
          spanId: ['a'],
          parent: [7],
          name: [9],
          startUs: [0],
          durationUs: [5],
          spanType: [9],
          status: [9],
          errorType: [9],
        },
        [''],
      ),
    ).spans;
    expect(span).toMatchObject({ parentSpanId: '', name: '', spanType: '', status: 'UNSET', errorType: '' });
  });
});
