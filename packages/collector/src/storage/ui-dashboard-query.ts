import { z } from 'zod';
import { IntegerColumn } from './read-values.ts';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';
import { keyedMetricsSql, selectMetrics } from './ui-metrics-selection.ts';
import {
  BUCKET_EXPRESSION,
  LATENCY_METRIC_COLUMNS,
  LATENCY_STATE_COLUMNS,
  METRIC_COLUMNS,
  METRIC_STATE_COLUMNS,
  MetricRow,
  minuteWindowConditions,
  percentilesOf,
  totalsFromRow,
} from './ui-rollup-sql.ts';
import { bucketsFor, densify } from './ui-time-buckets.ts';
import type { DashboardQuery, DashboardResult, MetricSeries, ScoreSeries } from './ui-view-types.ts';

/** Groups of a breakdown drawn as their own series; the rest still count in the overall series. */
const MAX_GROUPS = 8;
const MAX_GROUP_ROWS = 50;

const BucketRow = MetricRow.extend({ bucket: IntegerColumn });
/** A row of the summary query: one per bucket (`per_bucket`) and the total. */
const SummaryRow = BucketRow.extend({ per_bucket: IntegerColumn });
const GroupRow = SummaryRow.extend({ key: z.string() });
const ScoreBucketRow = z.object({ bucket: IntegerColumn, name: z.string(), n: IntegerColumn, value_sum: z.number() });

/**
 * Everything the dashboard draws, from the metrics rollups (whole hours at resolution 3600, edges
 * finer; see ui-rollup-tiers.ts and ui-metrics-selection.ts) and score_metrics_1m: never from raw
 * spans. Merging TDigest states is the main cost, so each query merges as few as it can: the total
 * and overall series in one pass over the fewest rows that answer them (states merged once per
 * bucket, then the buckets' states for the total); a breakdown's groups and their series in a
 * second. Cost per user is the users API's (GET /api/users), a panel of its own.
 */
export async function readDashboard(executor: SqlExecutor, query: DashboardQuery): Promise<DashboardResult> {
  const { bucketSeconds, buckets } = bucketsFor(query.from, query.to);
  const { projectId, from, to, filters, breakdown } = query;
  const params: Record<string, QueryParamValue> = { bucketSeconds };
  const overall = selectMetrics(projectId, from, to, filters, 'none', params, bucketSeconds);
  const summaryRows = await executor.query(
    `SELECT bucket, 1 - grouping(bucket) AS per_bucket, ${METRIC_COLUMNS}
     FROM (
       SELECT ${BUCKET_EXPRESSION} AS bucket, ${METRIC_STATE_COLUMNS}
       FROM ${overall.table} WHERE ${overall.where}
       GROUP BY bucket)
     GROUP BY GROUPING SETS ((bucket), ())`,
    params,
    SummaryRow,
  );
  const scoreParams: Record<string, QueryParamValue> = { bucketSeconds };
  const [groupRows, scoreRows] = await Promise.all([
    breakdown === 'none' ? Promise.resolve([]) : readGroups(executor, query, bucketSeconds),
    executor.query(
      `SELECT intDiv(toUnixTimestamp(minute), {bucketSeconds:UInt32}) * {bucketSeconds:UInt32} AS bucket,
              toString(name) AS name, sum(n) AS n, sum(value_sum) AS value_sum
       FROM score_metrics_1m
       WHERE ${minuteWindowConditions(projectId, from, to, scoreParams).join(' AND ')}
       GROUP BY bucket, name ORDER BY name, bucket`,
      scoreParams,
      ScoreBucketRow,
    ),
  ]);
  const groups = groupRows
    .filter((row) => row.per_bucket === 0 && row.calls > 0)
    .sort((a, b) => b.calls - a.calls || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, MAX_GROUP_ROWS)
    .map((row) => totalsFromRow(row.key, row));
  const charted = groups.slice(0, MAX_GROUPS).map((group) => group.key);

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    bucketSeconds,
    buckets,
    total: totalsFromRow(
      'all',
      summaryRows.find((row) => row.per_bucket === 0),
    ),
    overall: seriesOf(
      'all',
      buckets,
      summaryRows.filter((row) => row.per_bucket === 1),
    ),
    breakdown,
    groups,
    groupSeries: charted.map((key) =>
      seriesOf(
        key,
        buckets,
        groupRows.filter((row) => row.per_bucket === 1 && row.key === key),
      ),
    ),
    scores: scoreSeriesOf(buckets, scoreRows),
  };
}

/**
 * The breakdown's groups over the window (`per_bucket` 0) and per bucket (1), states merged once
 * per bucket and group; without time to first token (not drawn per group).
 */
function readGroups(
  executor: SqlExecutor,
  query: DashboardQuery,
  bucketSeconds: number,
): Promise<z.infer<typeof GroupRow>[]> {
  const params: Record<string, QueryParamValue> = { bucketSeconds };
  const selection = selectMetrics(
    query.projectId,
    query.from,
    query.to,
    query.filters,
    query.breakdown,
    params,
    bucketSeconds,
  );
  return executor.query(
    keyedMetricsSql(selection, 'key', LATENCY_STATE_COLUMNS, LATENCY_METRIC_COLUMNS),
    params,
    GroupRow,
  );
}

export function seriesOf(
  key: string,
  buckets: readonly number[],
  rows: readonly z.infer<typeof BucketRow>[],
): MetricSeries {
  const column = <T>(value: (row: z.infer<typeof BucketRow>) => T, empty: T) =>
    densify(buckets, rows, (index) => value(rows[index]!), empty);
  const latency = (at: 'p50' | 'p95' | 'p99') => column((row) => percentilesOf(row.latency)?.[at] ?? null, null);
  const ttft = (at: 'p50' | 'p95' | 'p99') =>
    column((row) => (row.ttft_count > 0 ? (percentilesOf(row.ttft)?.[at] ?? null) : null), null);
  return {
    key,
    calls: column((row) => row.calls, 0),
    errors: column((row) => row.errors, 0),
    inputTokens: column((row) => row.input_tokens, 0),
    outputTokens: column((row) => row.output_tokens, 0),
    cacheReadTokens: column((row) => row.cache_read_tokens, 0),
    cacheWriteTokens: column((row) => row.cache_write_tokens, 0),
    reasoningTokens: column((row) => row.reasoning_tokens, 0),
    costUsd: column((row) => (row.priced_calls > 0 ? row.cost_usd : null), null),
    latencyP50: latency('p50'),
    latencyP95: latency('p95'),
    latencyP99: latency('p99'),
    ttftP50: ttft('p50'),
    ttftP95: ttft('p95'),
    ttftP99: ttft('p99'),
  };
}

function scoreSeriesOf(buckets: readonly number[], rows: readonly z.infer<typeof ScoreBucketRow>[]): ScoreSeries[] {
  const names = [...new Set(rows.map((row) => row.name))];
  return names.map((name) => {
    const own = rows.filter((row) => row.name === name);
    const totalCount = own.reduce((sum, row) => sum + row.n, 0);
    const totalSum = own.reduce((sum, row) => sum + row.value_sum, 0);
    return {
      name,
      mean: densify(buckets, own, (index) => (own[index]!.n > 0 ? own[index]!.value_sum / own[index]!.n : null), null),
      count: densify(buckets, own, (index) => own[index]!.n, 0),
      totalCount,
      totalMean: totalCount > 0 ? totalSum / totalCount : null,
    };
  });
}
