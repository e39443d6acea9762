import { STATUS_CODES, type StatusCode } from '../otlp/types.ts';
import type { TraceSummary } from '../storage/api-types.ts';
import type { TraceOutline } from '../storage/ui-view-types.ts';

/**
 * The outline as the detail page loads it: one array per column, span by span in start order, with
 * names, span types and error types as indexes into one string table (an agent trace repeats them
 * thousands of times). A 10,000-span trace is about a seventh of the per-span-object form, and the
 * browser builds the tree from parent indexes without looking spans up by id.
 */
export interface OutlineWire {
  trace: TraceSummary;
  countedCalls: number;
  unpricedCalls: number;
  /** Distinct names, span types and error types; index 0 is always the empty string. */
  strings: string[];
  /** `STATUS_CODES`, so `status` can be a small index. */
  statusCodes: readonly StatusCode[];
  /** Start of the earliest span (µs since the epoch): `startUs` values are offsets from it. */
  baseStartUs: number;
  spans: OutlineColumns;
}

export interface OutlineColumns {
  spanId: string[];
  /** Index of the parent span in these columns; -1 for a root or a parent not in the trace. */
  parent: number[];
  name: number[];
  startUs: number[];
  durationUs: number[];
  spanType: number[];
  status: number[];
  errorType: number[];
}

/** Columns for `outline`'s spans, in its order; only what the tree and waterfall draw. */
export function toOutlineWire(outline: TraceOutline): OutlineWire {
  const { spans } = outline;
  const strings = [''];
  const stringIndex = new Map<string, number>([['', 0]]);
  const intern = (value: string) => {
    let index = stringIndex.get(value);
    if (index === undefined) {
      index = strings.length;
      strings.push(value);
      stringIndex.set(value, index);
    }
    return index;
  };
  const positionById = new Map<string, number>();
  let baseStartUs = Number.POSITIVE_INFINITY;
  for (const [position, span] of spans.entries()) {
    positionById.set(span.spanId, position);
    baseStartUs = Math.min(baseStartUs, span.startTimeUnixUs);
  }
  if (!Number.isFinite(baseStartUs)) baseStartUs = 0;
  const columns: OutlineColumns = {
    spanId: [],
    parent: [],
    name: [],
    startUs: [],
    durationUs: [],
    spanType: [],
    status: [],
    errorType: [],
  };
  for (const span of spans) {
    const parent = span.parentSpanId === span.spanId ? undefined : positionById.get(span.parentSpanId);
    columns.spanId.push(span.spanId);
    columns.parent.push(parent ?? -1);
    columns.name.push(intern(span.name));
    columns.startUs.push(span.startTimeUnixUs - baseStartUs);
    columns.durationUs.push(Math.max(0, span.endTimeUnixUs - span.startTimeUnixUs));
    columns.spanType.push(intern(span.spanType));
    columns.status.push(Math.max(0, STATUS_CODES.indexOf(span.status)));
    columns.errorType.push(intern(span.errorType));
  }
  return {
    trace: outline.trace,
    countedCalls: outline.countedCalls,
    unpricedCalls: outline.unpricedCalls,
    strings,
    statusCodes: STATUS_CODES,
    baseStartUs,
    spans: columns,
  };
}
