import { z } from 'zod';
import { IntegerColumn, jsonEscapedSearchText, microsFromDate } from './read-values.ts';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';
import { buildTraceSummary, readTraceIndex } from './trace-index-query.ts';
import { decodeSearchCursor, encodeSearchCursor } from './ui-search-cursor.ts';
import type {
  ScoreSummary,
  TraceSearchFilters,
  TraceSearchPage,
  TraceSearchQuery,
  TraceSortKey,
} from './ui-view-types.ts';

const MAX_LIMIT = 200;
/** Spans (and log records) of a trace may start up to this long after its root. */
const TRACE_TAIL_US = 3_600_000_000;

const RootRow = z.object({
  trace_id: z.string(),
  start_us: IntegerColumn,
  end_us: IntegerColumn,
  name: z.string(),
  service_name: z.string(),
  environment: z.string(),
});
const SortedRow = z.object({ trace_id: z.string(), sort_value: z.number() });
const ScoreRow = z.object({ trace_id: z.string(), name: z.string(), mean: z.number(), n: IntegerColumn });

/** trace_index aggregate each non-time sort orders by; unpriced traces sort below any priced one. */
const SORT_EXPRESSIONS: Record<Exclude<TraceSortKey, 'startTime'>, string> = {
  durationMs: '(toUnixTimestamp64Micro(max(end_time)) - toUnixTimestamp64Micro(min(start_time))) / 1000',
  costUsd: 'if(sum(priced_count) > 0, toFloat64(sum(cost_usd)), -1)',
  totalTokens: 'toFloat64(sum(input_tokens) + sum(output_tokens))',
};

/**
 * The traces table: the read API's trace list with more filters (feature, cost and latency ranges,
 * score ranges), sorting by start time, duration, cost or tokens, and each trace's score means.
 * Roots are read by project and time range with key pruning; trace-wide filters run on trace_index.
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
    "parent_span_id = ''",
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
  const conditions = [...rootConditions, ...traceConditions(filters, params, rootConditions)];
  const cursor = query.cursor === undefined ? undefined : decodeSearchCursor(query.cursor, query.sort, query.order);
  const descending = query.order === 'desc';
  const direction = descending ? 'DESC' : 'ASC';
  const beyond = descending ? '<' : '>';

  let page: z.infer<typeof RootRow>[];
  let more: boolean;
  let lastValue: (root: z.infer<typeof RootRow>) => number;
  if (query.sort === 'startTime') {
    if (cursor !== undefined) {
      params.cursorUs = cursor.value;
      params.cursorTraceId = cursor.traceId;
      conditions.push(
        `start_time ${beyond}= fromUnixTimestamp64Micro({cursorUs:Int64})`,
        `(start_time, trace_id) ${beyond} (fromUnixTimestamp64Micro({cursorUs:Int64}), {cursorTraceId:String})`,
      );
    }
    const roots = await executor.query(
      `SELECT trace_id, toUnixTimestamp64Micro(start_time) AS start_us, toUnixTimestamp64Micro(end_time) AS end_us,
              name, service_name, environment
       FROM spans
       WHERE ${conditions.join('\n         AND ')}
       ORDER BY toStartOfMinute(start_time) ${direction}, start_time ${direction}, trace_id ${direction}
       LIMIT {limit:UInt32}`,
      params,
      RootRow,
    );
    more = roots.length > limit;
    page = uniqueByTrace(roots).slice(0, limit);
    lastValue = (root) => root.start_us;
  } else {
    const having: string[] = [];
    if (cursor !== undefined) {
      params.cursorValue = cursor.value;
      params.cursorTraceId = cursor.traceId;
      having.push(`(sort_value, trace_id) ${beyond} ({cursorValue:Float64}, {cursorTraceId:String})`);
    }
    const sorted = await executor.query(
      `SELECT trace_id, toFloat64(${SORT_EXPRESSIONS[query.sort]}) AS sort_value
       FROM trace_index
       WHERE project_id = {projectId:String}
         AND trace_id IN (SELECT trace_id FROM spans WHERE ${conditions.join(' AND ')})
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
      `SELECT trace_id, toUnixTimestamp64Micro(start_time) AS start_us, toUnixTimestamp64Micro(end_time) AS end_us,
              name, service_name, environment
       FROM spans
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
  };
}

/** Conditions on trace_id for filters over the whole trace (trace_index, spans, log records, scores). */
function traceConditions(
  filters: TraceSearchFilters,
  params: Record<string, QueryParamValue>,
  rootConditions: readonly string[],
): string[] {
  const conditions: string[] = [];
  const having = traceIndexHaving(filters, params);
  if (having.length > 0) {
    conditions.push(`trace_id IN (
      SELECT trace_id FROM trace_index
      WHERE project_id = {projectId:String}
        AND trace_id IN (SELECT trace_id FROM spans WHERE ${rootConditions.join(' AND ')})
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
    params.search = jsonEscapedSearchText(filters.search);
    conditions.push(`(trace_id IN (
        SELECT trace_id FROM spans
        WHERE project_id = {projectId:String} AND ${tailWindow('start_time')}
          AND (positionCaseInsensitiveUTF8(input, {search:String}) > 0 OR positionCaseInsensitiveUTF8(output, {search:String}) > 0))
      OR trace_id IN (
        SELECT trace_id FROM span_log_events
        WHERE project_id = {projectId:String} AND ${tailWindow('time')}
          AND positionCaseInsensitiveUTF8(body, {search:String}) > 0))`);
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
  return conditions;
}

function traceIndexHaving(filters: TraceSearchFilters, params: Record<string, QueryParamValue>): string[] {
  const having: string[] = [];
  const contains = (key: 'model' | 'provider' | 'userId' | 'sessionId', column: string) => {
    const value = filters[key];
    if (value === undefined) return;
    params[key] = value;
    having.push(`has(groupUniqArrayArray(${column}), {${key}:String})`);
  };
  contains('model', 'models');
  contains('provider', 'providers');
  contains('userId', 'user_ids');
  contains('sessionId', 'session_ids');
  if (filters.promptName !== undefined || filters.promptVersion !== undefined) {
    const parts: string[] = [];
    if (filters.promptName !== undefined) {
      params.promptName = filters.promptName;
      parts.push('tupleElement(prompt, 1) = {promptName:String}');
    }
    if (filters.promptVersion !== undefined) {
      params.promptVersion = filters.promptVersion;
      parts.push('tupleElement(prompt, 2) = {promptVersion:String}');
    }
    having.push(`arrayExists(prompt -> ${parts.join(' AND ')}, groupUniqArrayArray(prompts))`);
  }
  if (filters.status === 'error') having.push('sum(error_count) > 0');
  if (filters.status === 'ok') having.push('sum(error_count) = 0');
  const cost = 'toFloat64(sum(cost_usd))';
  if (filters.minCostUsd !== undefined) {
    params.minCostUsd = filters.minCostUsd;
    having.push(`sum(priced_count) > 0 AND ${cost} >= {minCostUsd:Float64}`);
  }
  if (filters.maxCostUsd !== undefined) {
    params.maxCostUsd = filters.maxCostUsd;
    having.push(`sum(priced_count) > 0 AND ${cost} <= {maxCostUsd:Float64}`);
  }
  const duration = SORT_EXPRESSIONS.durationMs;
  if (filters.minDurationMs !== undefined) {
    params.minDurationMs = filters.minDurationMs;
    having.push(`${duration} >= {minDurationMs:Float64}`);
  }
  if (filters.maxDurationMs !== undefined) {
    params.maxDurationMs = filters.maxDurationMs;
    having.push(`${duration} <= {maxDurationMs:Float64}`);
  }
  return having;
}

/** Mean numeric score per trace and score name (latest version of each score). */
export async function readScoreSummaries(
  executor: SqlExecutor,
  projectId: string,
  traceIds: readonly string[],
): Promise<Map<string, ScoreSummary[]>> {
  if (traceIds.length === 0) return new Map();
  const rows = await executor.query(
    `SELECT trace_id, toString(name) AS name, avg(assumeNotNull(value)) AS mean, count() AS n
     FROM (
       SELECT trace_id, name, value, is_deleted FROM scores
       WHERE project_id = {projectId:String} AND trace_id IN {traceIds:Array(String)}
       ORDER BY updated_at DESC LIMIT 1 BY id)
     WHERE is_deleted = 0 AND value IS NOT NULL
     GROUP BY trace_id, name ORDER BY name`,
    { projectId, traceIds },
    ScoreRow,
  );
  const byTrace = new Map<string, ScoreSummary[]>();
  for (const row of rows) {
    const list = byTrace.get(row.trace_id) ?? [];
    list.push({ name: row.name, mean: row.mean, count: row.n });
    byTrace.set(row.trace_id, list);
  }
  return byTrace;
}

function uniqueByTrace<T extends { trace_id: string }>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => !seen.has(row.trace_id) && seen.add(row.trace_id) !== undefined);
}
