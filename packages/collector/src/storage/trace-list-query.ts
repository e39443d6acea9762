import { z } from 'zod';
import type { ListTracesOptions, ListTracesResult, TraceFilters } from './api-types.ts';
import { CLASSIC_PLANNER_SETTING, POINT_READ_SETTINGS } from './point-read-settings.ts';
import { IntegerColumn, microsFromDate } from './read-values.ts';
import { type RecentTraceIndex, recentRange } from './recent-trace-index.ts';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';
import { textSearchCondition } from './text-search-condition.ts';
import { decodeCursor, encodeCursor } from './trace-cursor.ts';
import { traceIndexHaving } from './trace-index-having.ts';
import { buildTraceSummary, readTraceIndex } from './trace-index-query.ts';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;
/** Text search looks at spans (and log records) up to this long after the window ends: a trace's later spans. */
const SEARCH_SLACK_US = 3_600_000_000;

const RootRow = z.object({
  trace_id: z.string(),
  start_us: IntegerColumn,
  end_us: IntegerColumn,
  name: z.string(),
  service_name: z.string(),
  environment: z.string(),
});

/**
 * A page of traces, newest root span first. Root spans are read from trace_roots (root spans only,
 * keyed by project, start time and trace id) in reverse key order, so the engine reads the last few
 * granules and stops after the page; trace-wide filters (model, user, cost, ...) are evaluated on
 * trace_index for the roots in range; the page is then enriched with its traces' totals, from
 * trace_index by id or, for unfiltered pages near now, from one range of trace_index_recent
 * (recent-trace-index.ts). A trace appears once its root span is stored.
 */
export async function listTraces(
  executor: SqlExecutor,
  options: ListTracesOptions,
  recent?: RecentTraceIndex,
): Promise<ListTracesResult> {
  const limit = Math.min(Math.max(Math.floor(options.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
  const filters = options.filters ?? {};
  const params: Record<string, QueryParamValue> = {
    projectId: options.projectId,
    fromUs: microsFromDate(options.from),
    toUs: microsFromDate(options.to),
    limit: limit + 1,
  };
  const rootConditions = [
    'project_id = {projectId:String}',
    'start_time >= fromUnixTimestamp64Micro({fromUs:Int64})',
    'start_time < fromUnixTimestamp64Micro({toUs:Int64})',
  ];
  if (options.cursor !== undefined) {
    const cursor = decodeCursor(options.cursor);
    params.cursorUs = cursor.startTimeUnixUs;
    params.cursorTraceId = cursor.traceId;
    rootConditions.push(
      'start_time <= fromUnixTimestamp64Micro({cursorUs:Int64})',
      '(start_time, trace_id) < (fromUnixTimestamp64Micro({cursorUs:Int64}), {cursorTraceId:String})',
    );
  }
  if (filters.service !== undefined) {
    params.service = filters.service;
    rootConditions.push('service_name = {service:String}');
  }
  if (filters.environment !== undefined) {
    params.environment = filters.environment;
    rootConditions.push('environment = {environment:String}');
  }
  const conditions = [...rootConditions];
  const having = traceIndexConditions(filters, params);
  if (having.length > 0) {
    conditions.push(`trace_id IN (
      SELECT trace_id FROM trace_index
      WHERE project_id = {projectId:String}
        AND trace_id IN (SELECT trace_id FROM trace_roots WHERE ${rootConditions.join(' AND ')})
      GROUP BY trace_id
      HAVING ${having.join(' AND ')})`);
  }
  if (filters.search !== undefined && filters.search !== '') {
    params.searchToUs = microsFromDate(options.to) + SEARCH_SLACK_US;
    conditions.push(textSearchCondition(filters.search, params, searchWindow));
  }
  const roots = await executor.query(
    `SELECT trace_id, toUnixTimestamp64Micro(start_time) AS start_us, toUnixTimestamp64Micro(end_time) AS end_us,
            name, service_name, environment
     FROM trace_roots
     WHERE ${conditions.join('\n       AND ')}
     ORDER BY start_time DESC, trace_id DESC
     LIMIT {limit:UInt32}
     SETTINGS ${conditions.length === rootConditions.length ? POINT_READ_SETTINGS : CLASSIC_PLANNER_SETTING}`,
    params,
    RootRow,
  );
  const page = uniqueByTrace(roots).slice(0, limit);
  // Unfiltered pages only: the traffic estimate reads the page's roots as all the roots there are.
  const unfiltered = Object.values(filters).every((value) => value === undefined || value === '');
  const index = await readTraceIndex(
    executor,
    options.projectId,
    page.map((root) => root.trace_id),
    recent !== undefined && unfiltered
      ? recentRange(
          recent,
          page.map((root) => root.start_us),
        )
      : undefined,
  );
  const last = page.at(-1);
  return {
    traces: page.map((root) =>
      buildTraceSummary(
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
    ),
    nextCursor:
      roots.length > limit && last !== undefined
        ? encodeCursor({ startTimeUnixUs: last.start_us, traceId: last.trace_id })
        : null,
  };
}

/** A root stored twice (before ReplacingMergeTree merged it) is listed once. */
function uniqueByTrace<T extends { trace_id: string }>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.trace_id) && seen.add(row.trace_id) !== undefined);
}

function searchWindow(column: string): string {
  return `${column} >= fromUnixTimestamp64Micro({fromUs:Int64}) AND ${column} < fromUnixTimestamp64Micro({searchToUs:Int64})`;
}

/** HAVING conditions over a trace's merged trace_index rows: the shared ones plus user and session. */
function traceIndexConditions(filters: TraceFilters, params: Record<string, QueryParamValue>): string[] {
  const having = traceIndexHaving(filters, params);
  if (filters.userId !== undefined) {
    params.userId = filters.userId;
    having.push('has(groupUniqArrayArray(user_ids), {userId:String})');
  }
  if (filters.sessionId !== undefined) {
    params.sessionId = filters.sessionId;
    having.push('has(groupUniqArrayArray(session_ids), {sessionId:String})');
  }
  return having;
}
