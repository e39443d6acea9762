import { z } from 'zod';
import { readStorageSetting } from './migrate.ts';
import type { SqlExecutor } from './sql-executor.ts';
import type { RecentRange } from './trace-index-query.ts';

/**
 * When a list page reads its traces' totals from trace_index_recent (migration 0003): rows keyed by
 * when their spans ended, read as one range from the page's oldest root onwards, instead of one
 * trace_index granule per trace. The range also holds every newer trace's rows, so it is used
 * only where it is small: pages near now, at traffic where the range stays a few granules.
 */
export interface RecentTraceIndex {
  /** Rows of spans stored before this time (µs since the epoch) may be missing from the table. */
  sinceUs: number;
  /** Microseconds since the epoch, now. */
  nowUs(): number;
}

/**
 * A page counts a trace's spans stored without its root only if they ended at most this long before
 * the page's oldest root started (clock skew between services); such spans still show in the trace.
 */
export const RECENT_MARGIN_US = 300_000_000;
/** The table keeps 2 days (its TTL); pages read from it reach back one day at most. */
export const RECENT_REACH_US = 86_400_000_000;
/**
 * Above this many traces in the range, point reads by trace id are cheaper: a range of 8,192 rows
 * (a trace has a partial row per insert that carried its spans, often 1–2) read in 8 ms, 50 traces
 * by id in 13 ms, at 1 M spans.
 */
export const RECENT_MAX_TRACES = 4096;
/** And the engine refuses to read more rows than this from the range (the estimate can be wrong). */
export const RECENT_MAX_ROWS = 8192;

const SinceUs = z.coerce.number();

/** Reads when the table's rows start to be complete (written by migration 0003). */
export async function readRecentTraceIndex(executor: SqlExecutor, nowUs: () => number): Promise<RecentTraceIndex> {
  const since = await readStorageSetting(executor, 'trace_index_recent_since');
  // No record: a database migrated by a version without the table's setting; never read the table.
  return { sinceUs: since === undefined ? Number.POSITIVE_INFINITY : SinceUs.parse(since), nowUs };
}

/**
 * Where a page of traces (root start times, as the list read them, unfiltered) reads its totals
 * from trace_index_recent: rows that ended from its oldest root's start minus the margin on;
 * undefined to read trace_index by id. The estimate assumes the page's traffic continues until now
 * and counts roots only (traces whose root is not stored, or arrives in many inserts, add rows it
 * does not see): the row limit is the guard.
 */
export function recentRange(recent: RecentTraceIndex, rootStartsUs: readonly number[]): RecentRange | undefined {
  if (rootStartsUs.length < 2) return undefined;
  const newest = Math.max(...rootStartsUs);
  const oldest = Math.min(...rootStartsUs);
  const fromUs = oldest - RECENT_MARGIN_US;
  const nowUs = recent.nowUs();
  if (fromUs < recent.sinceUs || fromUs < nowUs - RECENT_REACH_US) return undefined;
  const tracesPerUs = rootStartsUs.length / Math.max(newest - oldest, 1);
  const estimatedTraces = tracesPerUs * (Math.max(nowUs, newest) - fromUs);
  return estimatedTraces <= RECENT_MAX_TRACES ? { fromUs, maxRows: RECENT_MAX_ROWS } : undefined;
}
