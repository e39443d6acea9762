import type { QueryParamValue } from './sql-executor.ts';
import { textSearchCondition } from './text-search-condition.ts';
import { TRACE_DURATION_MS_SQL, traceIndexHaving } from './trace-index-having.ts';
import { type UsageDimension, usageSource, usageTraceIdsSql } from './ui-usage-query.ts';
import type { TraceSearchQuery, TraceSortKey } from './ui-view-types.ts';

/** Spans (and log records) of a trace may start up to this long after its root. */
export const TRACE_TAIL_US = 3_600_000_000;

/** trace_index aggregate each non-time sort orders by; unpriced traces sort below any priced one. */
export const SORT_EXPRESSIONS: Record<Exclude<TraceSortKey, 'startTime'>, string> = {
  durationMs: TRACE_DURATION_MS_SQL,
  costUsd: 'if(sum(priced_count) > 0, toFloat64(sum(cost_usd)), -1)',
  totalTokens: 'toFloat64(sum(input_tokens) + sum(output_tokens))',
};

export interface TraceConditions {
  conditions: string[];
  /**
   * True when the conditions only depend on the window parameters ({fromUs}, {toUs}, {tailToUs}),
   * so a page can be searched slice by slice of the window, newest first, stopping once it is full.
   */
  sliceable: boolean;
}

/**
 * Conditions on trace_id for filters over the whole trace: user and session from view_usage (the
 * trace ids of spans carrying the id, from the window's start to an hour after its end), the rest
 * on trace_index (for the roots in the window), spans, log records and scores.
 */
export function traceConditions(
  query: TraceSearchQuery,
  params: Record<string, QueryParamValue>,
  rootConditions: readonly string[],
): TraceConditions {
  const { filters } = query;
  const conditions: string[] = [];
  const usageRange = {
    projectId: query.projectId,
    from: query.from,
    to: new Date(query.to.getTime() + TRACE_TAIL_US / 1000),
  };
  const owners: [UsageDimension, string | undefined, string][] = [
    ['user', filters.userId, 'userId'],
    ['session', filters.sessionId, 'sessionId'],
  ];
  for (const [dimension, value, name] of owners) {
    if (value === undefined) continue;
    params[name] = value;
    const source = usageSource(usageRange, dimension, params, [`key = {${name}:String}`]);
    conditions.push(`trace_id IN (${usageTraceIdsSql(source)})`);
  }
  const having = traceIndexHaving(filters, params);
  if (having.length > 0) {
    conditions.push(`trace_id IN (
      SELECT trace_id FROM trace_index
      WHERE project_id = {projectId:String}
        AND trace_id IN (SELECT trace_id FROM trace_roots WHERE ${[...rootConditions, ...conditions].join(' AND ')})
      GROUP BY trace_id
      HAVING ${having.join(' AND ')})`);
  }
  const tailWindow = (column: string) =>
    `${column} >= fromUnixTimestamp64Micro({fromUs:Int64}) AND ${column} < fromUnixTimestamp64Micro({tailToUs:Int64})`;
  if (filters.feature !== undefined) {
    params.feature = filters.feature;
    conditions.push(`trace_id IN (
      SELECT trace_id FROM spans
      WHERE project_id = {projectId:String} AND ${tailWindow('start_time')} AND feature = {feature:String})`);
  }
  if (filters.search !== undefined && filters.search !== '') {
    conditions.push(textSearchCondition(filters.search, params, tailWindow));
  }
  if (filters.scoreName !== undefined) {
    params.scoreName = filters.scoreName;
    const range: string[] = [];
    if (filters.minScore !== undefined) {
      params.minScore = filters.minScore;
      range.push('value >= {minScore:Float64}');
    }
    if (filters.maxScore !== undefined) {
      params.maxScore = filters.maxScore;
      range.push('value <= {maxScore:Float64}');
    }
    conditions.push(`trace_id IN (
      SELECT trace_id FROM scores
      WHERE project_id = {projectId:String} AND name = {scoreName:String} AND is_deleted = 0
        ${range.map((condition) => `AND ${condition}`).join(' ')})`);
  }
  const byOwner = filters.userId !== undefined || filters.sessionId !== undefined;
  return { conditions, sliceable: conditions.length > 0 && !byOwner };
}
