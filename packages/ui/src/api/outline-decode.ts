import type { OutlineSpan, OutlineWire, TraceOutline } from './types.ts';

/** Spans as objects from the outline's columns; a missing string or status reads as empty/UNSET, never throws. */
export function decodeOutline(wire: OutlineWire): TraceOutline {
  const { spans: columns, strings, statusCodes, baseStartUs } = wire;
  const text = (index: number | undefined) => (index === undefined ? '' : (strings[index] ?? ''));
  const count = columns.spanId.length;
  const spans = new Array<OutlineSpan>(count);
  for (let index = 0; index < count; index += 1) {
    const parent = columns.parent[index] ?? -1;
    const startTimeUnixUs = baseStartUs + (columns.startUs[index] ?? 0);
    spans[index] = {
      spanId: columns.spanId[index]!,
      parentSpanId: parent >= 0 && parent !== index ? (columns.spanId[parent] ?? '') : '',
      name: text(columns.name[index]),
      startTimeUnixUs,
      endTimeUnixUs: startTimeUnixUs + (columns.durationUs[index] ?? 0),
      status: statusCodes[columns.status[index] ?? 0] ?? 'UNSET',
      spanType: text(columns.spanType[index]),
      errorType: text(columns.errorType[index]),
    };
  }
  return {
    trace: wire.trace,
    spans,
    countedCalls: wire.countedCalls,
    unpricedCalls: wire.unpricedCalls,
    scores: wire.scores,
  };
}
