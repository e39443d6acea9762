import type { TraceRow } from '../api/types.ts';

/** At most this many rows stay on the traces page in live mode (the newest). */
export const MAX_LIVE_ROWS = 500;
/** Live polls ask again for roots stored a little before the last one seen: a concurrent insert may commit late. */
export const ARRIVAL_OVERLAP_MS = 2_000;

/**
 * Rows that arrived since the page was read, merged into it: newest start first, each trace once
 * (a trace read again replaces its older row: more of its spans may have arrived).
 */
export function mergeArrivals(
  shown: readonly TraceRow[],
  arrived: readonly TraceRow[],
  max = MAX_LIVE_ROWS,
): TraceRow[] {
  const byId = new Map<string, TraceRow>();
  for (const row of shown) byId.set(row.traceId, row);
  for (const row of arrived) byId.set(row.traceId, row);
  return [...byId.values()]
    .sort((a, b) => (a.startTime < b.startTime ? 1 : a.startTime > b.startTime ? -1 : a.traceId < b.traceId ? 1 : -1))
    .slice(0, max);
}

/** The next live poll's `arrivedAfter` (epoch ms), from the newest arrival seen so far. */
export function arrivedAfterOf(newestArrival: string | null): number | undefined {
  return newestArrival === null ? undefined : Date.parse(newestArrival) - ARRIVAL_OVERLAP_MS;
}

/** The later of two arrival times (ISO strings of one format compare as text). */
export function laterArrival(current: string | null, next: string | null): string | null {
  if (current === null) return next;
  if (next === null) return current;
  return next > current ? next : current;
}
