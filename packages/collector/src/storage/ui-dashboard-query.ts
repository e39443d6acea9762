import { z } from 'zod';
import { IntegerColumn } from './read-values.ts';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';
import {
  DIMENSION_COLUMNS,
  METRIC_COLUMNS,
  MetricRow,
  percentilesOf,
  rollupConditions,
  totalsFromRow,
} from './ui-rollup-sql.ts';
import { bucketsFor, densify } from './ui-time-buckets.ts';
import { topUsers } from './ui-usage-query.ts';
import type { DashboardQuery, DashboardResult, MetricSeries, ScoreSeries } from './ui-view-types.ts';

/** Groups of a breakdown drawn as their own series; the rest still count in the overall series. */
const MAX_GROUPS = 8;
const MAX_GROUP_ROWS = 50;

const BucketRow = MetricRow.extend({ bucket: IntegerColumn });
const GroupRow = MetricRow.extend({ key: z.string() });
const GroupBucketRow = BucketRow.extend({ key: z.string() });
const ScoreBucketRow = z.object({ bucket: IntegerColumn, name: z.string(), n: IntegerColumn, value_sum: z.number() });

/**
 * Everything the dashboard draws, read from the per-minute rollups (llm_metrics_1m,
 * score_metrics_1m) and, for users, from trace_index: never from raw spans.
 */
export async function readDashboard(executor: SqlExecutor, query: DashboardQuery): Promise<DashboardResult> {
  const { bucketSeconds, buckets } = bucketsFor(query.from, query.to);
  const params: Record<string, QueryParamValue> = { bucketSeconds };
  const conditions = rollupConditions(query.projectId, query.from, query.to, query.filters, params);
  const where = conditions.join(' AND ');
  const bucketExpression = 'intDiv(toUnixTimestamp(minute), {bucketSeconds:UInt32}) * {bucketSeconds:UInt32}';
  const column = query.breakdown === 'none' ? undefined : DIMENSION_COLUMNS[query.breakdown];

  const [totalRows, groupRows, overallRows, scoreRows, users] = await Promise.all([
    executor.query(`SELECT ${METRIC_COLUMNS} FROM llm_metrics_1m WHERE ${where}`, params, MetricRow),
    column === undefined
      ? Promise.resolve([])
      : executor.query(
          `SELECT toString(${column}) AS key, ${METRIC_COLUMNS} FROM llm_metrics_1m WHERE ${where}
           GROUP BY key ORDER BY calls DESC, key LIMIT ${MAX_GROUP_ROWS}`,
          params,
          GroupRow,
        ),
    executor.query(
      `SELECT ${bucketExpression} AS bucket, ${METRIC_COLUMNS} FROM llm_metrics_1m WHERE ${where}
       GROUP BY bucket ORDER BY bucket`,
      params,
      BucketRow,
    ),
    executor.query(
      `SELECT ${bucketExpression} AS bucket, toString(name) AS name, sum(n) AS n, sum(value_sum) AS value_sum
       FROM score_metrics_1m
       WHERE ${conditions.slice(0, 3).join(' AND ')}
       GROUP BY bucket, name ORDER BY name, bucket`,
      params,
      ScoreBucketRow,
    ),
    topUsers(executor, query),
  ]);

  const groups = groupRows.map((row) => totalsFromRow(row.key, row));
  const charted = groups.slice(0, MAX_GROUPS).map((group) => group.key);
  const groupBucketRows =
    column === undefined || charted.length === 0
      ? []
      : await executor.query(
          `SELECT ${bucketExpression} AS bucket, toString(${column}) AS key, ${METRIC_COLUMNS}
           FROM llm_metrics_1m WHERE ${where} AND toString(${column}) IN {chartedKeys:Array(String)}
           GROUP BY bucket, key ORDER BY key, bucket`,
          { ...params, chartedKeys: charted },
          GroupBucketRow,
        );

  return {
    from: query.from.toISOString(),
    to: query.to.toISOString(),
    bucketSeconds,
    buckets,
    total: totalsFromRow('all', totalRows[0]),
    overall: seriesOf('all', buckets, overallRows),
    breakdown: query.breakdown,
    groups,
    groupSeries: charted.map((key) =>
      seriesOf(
        key,
        buckets,
        groupBucketRows.filter((row) => row.key === key),
      ),
    ),
    scores: scoreSeriesOf(buckets, scoreRows),
    topUsers: users,
  };
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
