import { z } from 'zod';
import { IntegerColumn, microsFromDate } from './read-values.ts';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';
import { buildTraceSummary, readTraceIndex } from './trace-index-query.ts';
import { decodeSearchCursor, encodeSearchCursor, type SearchCursor } from './ui-search-cursor.ts';
import { readScoreSummaries } from './ui-trace-scores.ts';
import { SORT_EXPRESSIONS, TRACE_TAIL_US, traceConditions } from './ui-trace-search-filters.ts';
import type { TraceSearchPage, TraceSearchQuery } from './ui-view-types.ts';

const MAX_LIMIT = 200;
/** Widths of the window slices a filtered page is searched in, from the newest (or oldest) end. */
const FIRST_SLICE_US = 120_000_000;
const SLICE_GROWTH = 4;

const RootRow = z.object({
  trace_id: z.string(),
  start_us: IntegerColumn,
  end_us: IntegerColumn,
  name: z.string(),
  service_name: z.string(),
  environment: z.string(),
  arrived_ms: IntegerColumn,
});
type RootRow = z.infer<typeof RootRow>;
const SortedRow = z.object({ trace_id: z.string(), sort_value: z.number() });

const ROOT_COLUMNS = `trace_id, toUnixTimestamp64Micro(start_time) AS start_us, toUnixTimestamp64Micro(end_time) AS end_us,
  name, service_name, environment, toUnixTimestamp64Milli(ingested_at) AS arrived_ms`;
/** Live updates look for newly stored roots that started up to this long before the last poll. */
const ARRIVAL_LOOKBACK_US = 3_600_000_000;

/**
 * The traces table: the read API's trace list with more filters (feature, cost and latency ranges,
 * score ranges), sorting by start time, duration, cost or tokens, and each trace's score means.
 * Roots are read from trace_roots (ordered by project, start time and trace id) newest or oldest
 * first, stopping after the page. Trace-wide filters (trace_index, spans, scores) are evaluated
 * slice by slice of the window from that end (2 min, 8 min, 32 min, ...) until the page is full,
 * so a common filter reads a few minutes of traces, not the whole window; user and session
 * filters use view_usage's trace ids. With `arrivedAfter` only roots stored since then are read
 * (live updates).
 */
export async function searchTraces(executor: SqlExecutor, query: TraceSearchQuery): Promise<TraceSearchPage> {
  const limit = Math.min(Math.max(Math.floor(query.limit), 1), MAX_LIMIT);
  const params: Record<string, QueryParamValue> = {
    projectId: query.projectId,
    fromUs: microsFromDate(query.from),
    toUs: microsFromDate(query.to),
    tailToUs: microsFromDate(query.to) + TRACE_TAIL_US,
    limit: limit + 1,
  };
  const rootConditions = [
    'project_id = {projectId:String}',
    'start_time >= fromUnixTimestamp64Micro({fromUs:Int64})',
    'start_time < fromUnixTimestamp64Micro({toUs:Int64})',
  ];
  const { filters } = query;
  if (filters.service !== undefined) {
    params.service = filters.service;
    rootConditions.push('service_name = {service:String}');
  }
  if (filters.environment !== undefined) {
    params.environment = filters.environment;
    rootConditions.push('environment = {environment:String}');
  }
  if (query.arrivedAfter !== undefined) {
    params.arrivedAfterMs = query.arrivedAfter.getTime();
    params.arrivalFloorUs = microsFromDate(query.arrivedAfter) - ARRIVAL_LOOKBACK_US;
    rootConditions.push(
      'ingested_at >= fromUnixTimestamp64Milli({arrivedAfterMs:Int64})',
      'start_time >= fromUnixTimestamp64Micro({arrivalFloorUs:Int64})',
    );
  }
  const traceWide = traceConditions(query, params, rootConditions);
  const conditions = [...rootConditions, ...traceWide.conditions];
  const cursor = query.cursor === undefined ? undefined : decodeSearchCursor(query.cursor, query.sort, query.order);

  let page: RootRow[];
  let more: boolean;
  let lastValue: (root: RootRow) => number;
  if (query.sort === 'startTime') {
    const roots = await rootsByTime(executor, query, conditions, params, cursor, traceWide.sliceable, limit);
    more = roots.length > limit;
    page = roots.slice(0, limit);
    lastValue = (root) => root.start_us;
  } else {
    const descending = query.order === 'desc';
    const direction = descending ? 'DESC' : 'ASC';
    const having: string[] = [];
    if (cursor !== undefined) {
      params.cursorValue = cursor.value;
      params.cursorTraceId = cursor.traceId;
      having.push(`(sort_value, trace_id) ${descending ? '<' : '>'} ({cursorValue:Float64}, {cursorTraceId:String})`);
    }
    const sorted = await executor.query(
      `SELECT trace_id, toFloat64(${SORT_EXPRESSIONS[query.sort]}) AS sort_value
       FROM trace_index
       WHERE project_id = {projectId:String}
         AND trace_id IN (SELECT trace_id FROM trace_roots WHERE ${conditions.join(' AND ')})
       GROUP BY trace_id
       ${having.length > 0 ? `HAVING ${having.join(' AND ')}` : ''}
       ORDER BY sort_value ${direction}, trace_id ${direction}
       LIMIT {limit:UInt32}`,
      params,
      SortedRow,
    );
    more = sorted.length > limit;
    const pageRows = sorted.slice(0, limit);
    const roots = await executor.query(
      `SELECT ${ROOT_COLUMNS} FROM trace_roots
       WHERE ${rootConditions.join(' AND ')} AND trace_id IN {pageIds:Array(String)}
       LIMIT 1 BY trace_id`,
      { ...params, pageIds: pageRows.map((row) => row.trace_id) },
      RootRow,
    );
    const rootById = new Map(roots.map((root) => [root.trace_id, root]));
    page = pageRows.flatMap((row) => rootById.get(row.trace_id) ?? []);
    const valueById = new Map(pageRows.map((row) => [row.trace_id, row.sort_value]));
    lastValue = (root) => valueById.get(root.trace_id) ?? 0;
  }

  const traceIds = page.map((root) => root.trace_id);
  const [index, scores] = await Promise.all([
    readTraceIndex(executor, query.projectId, traceIds),
    readScoreSummaries(executor, query.projectId, traceIds),
  ]);
  const last = page.at(-1);
  const newestArrival = page.length === 0 ? null : Math.max(...page.map((root) => root.arrived_ms));
  return {
    traces: page.map((root) => ({
      ...buildTraceSummary(
        {
          traceId: root.trace_id,
          name: root.name,
          startTimeUnixUs: root.start_us,
          endTimeUnixUs: root.end_us,
          serviceName: root.service_name,
          environment: root.environment,
        },
        index.get(root.trace_id),
      ),
      scores: scores.get(root.trace_id) ?? [],
    })),
    nextCursor:
      more && last !== undefined
        ? encodeSearchCursor({ sort: query.sort, order: query.order, value: lastValue(last), traceId: last.trace_id })
        : null,
    newestArrival: newestArrival === null ? null : new Date(newestArrival).toISOString(),
  };
}

/**
 * Up to limit + 1 roots in start-time order after the cursor: in one read of trace_roots in key
 * order, or, with sliceable trace-wide filters, slice by slice from the window's end the order
 * starts at (each slice's conditions bound by its own {fromUs}/{toUs}).
 */
async function rootsByTime(
  executor: SqlExecutor,
  query: TraceSearchQuery,
  conditions: readonly string[],
  params: Record<string, QueryParamValue>,
  cursor: SearchCursor | undefined,
  sliceable: boolean,
  limit: number,
): Promise<RootRow[]> {
  const descending = query.order === 'desc';
  const direction = descending ? 'DESC' : 'ASC';
  const beyond = descending ? '<' : '>';
  const where = [...conditions];
  let fromUs = microsFromDate(query.from);
  let toUs = microsFromDate(query.to);
  if (cursor !== undefined) {
    params.cursorUs = cursor.value;
    params.cursorTraceId = cursor.traceId;
    where.push(`(start_time, trace_id) ${beyond} (fromUnixTimestamp64Micro({cursorUs:Int64}), {cursorTraceId:String})`);
    if (descending) toUs = Math.min(toUs, cursor.value + 1);
    else fromUs = Math.max(fromUs, cursor.value);
  }
  const sql = `SELECT ${ROOT_COLUMNS} FROM trace_roots
     WHERE ${where.join('\n       AND ')}
     ORDER BY start_time ${direction}, trace_id ${direction}
     LIMIT {limit:UInt32}`;
  const roots: RootRow[] = [];
  const seen = new Set<string>();
  for (const slice of sliceable ? windowSlices(fromUs, toUs, descending) : [{ fromUs, toUs }]) {
    const rows = await executor.query(
      sql,
      {
        ...params,
        fromUs: slice.fromUs,
        toUs: slice.toUs,
        tailToUs: slice.toUs + TRACE_TAIL_US,
        limit: limit + 1 - roots.length,
      },
      RootRow,
    );
    // A root stored twice (before ReplacingMergeTree merged it) is listed once.
    for (const row of rows) {
      if (seen.has(row.trace_id)) continue;
      seen.add(row.trace_id);
      roots.push(row);
    }
    if (roots.length > limit) break;
  }
  return roots;
}

/** [fromUs, toUs) cut into slices growing from the end the listing starts at, in listing order. */
export function windowSlices(fromUs: number, toUs: number, descending: boolean): { fromUs: number; toUs: number }[] {
  const slices: { fromUs: number; toUs: number }[] = [];
  let width = FIRST_SLICE_US;
  let edge = descending ? toUs : fromUs;
  while (descending ? edge > fromUs : edge < toUs) {
    const next = descending ? Math.max(fromUs, edge - width) : Math.min(toUs, edge + width);
    slices.push(descending ? { fromUs: next, toUs: edge } : { fromUs: edge, toUs: next });
    edge = next;
    width *= SLICE_GROWTH;
  }
  return slices.length > 0 ? slices : [{ fromUs, toUs }];
}
