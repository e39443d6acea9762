import { z } from 'zod';
import type { Percentiles } from './api-types.ts';
import { IntegerColumn } from './read-values.ts';
import type { QueryParamValue } from './sql-executor.ts';
import type { BreakdownDimension, MetricTotals } from './ui-view-types.ts';

/** view_metrics column of each breakdown dimension (code-defined, never user text). */
export const DIMENSION_COLUMNS: Record<Exclude<BreakdownDimension, 'none'>, string> = {
  model: 'model',
  provider: 'provider',
  promptName: 'prompt_name',
  promptVersion: 'prompt_version',
  feature: 'feature',
  environment: 'environment',
  service: 'service_name',
};

/** Chart bucket of a tiered rollup's row (bucket width in `{bucketSeconds:UInt32}`). */
export const BUCKET_EXPRESSION = 'intDiv(toUnixTimestamp(period), {bucketSeconds:UInt32}) * {bucketSeconds:UInt32}';

/** WHERE conditions over a per-minute table (score_metrics_1m) for a window widened to whole minutes; fills `params`. */
export function minuteWindowConditions(
  projectId: string,
  from: Date,
  to: Date,
  params: Record<string, QueryParamValue>,
): string[] {
  params.projectId = projectId;
  params.fromSeconds = Math.floor(from.getTime() / 1000);
  params.toSeconds = Math.ceil(to.getTime() / 1000);
  return [
    'project_id = {projectId:String}',
    'minute >= toStartOfMinute(toDateTime({fromSeconds:UInt32}))',
    'minute < toDateTime({toSeconds:UInt32})',
  ];
}

/**
 * Partial aggregates of a group of rollup rows (sums and merged TDigest states), for a query that
 * groups them again (grouping sets over buckets and keys): each state is merged once.
 */
export const METRIC_STATE_COLUMNS = `sum(calls) AS calls, sum(errors) AS errors,
  sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
  sum(cache_read_tokens) AS cache_read_tokens, sum(cache_write_tokens) AS cache_write_tokens,
  sum(reasoning_tokens) AS reasoning_tokens, sum(cost_usd) AS cost_usd, sum(priced_calls) AS priced_calls,
  sum(ttft_count) AS ttft_count,
  quantilesTDigestMergeState(0.5, 0.9, 0.95, 0.99)(latency_ms) AS latency_ms,
  quantilesTDigestMergeState(0.5, 0.9, 0.95, 0.99)(ttft_ms) AS ttft_ms`;

/** Aggregates of metrics rows (or of METRIC_STATE_COLUMNS); the TDigest parameters must match the rollup's state. */
export const METRIC_COLUMNS = `sum(calls) AS calls, sum(errors) AS errors,
  sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
  sum(cache_read_tokens) AS cache_read_tokens, sum(cache_write_tokens) AS cache_write_tokens,
  sum(reasoning_tokens) AS reasoning_tokens, toFloat64(sum(cost_usd)) AS cost_usd, sum(priced_calls) AS priced_calls,
  sum(ttft_count) AS ttft_count,
  arrayMap(quantile -> if(isFinite(quantile), quantile, NULL), quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(latency_ms)) AS latency,
  arrayMap(quantile -> if(isFinite(quantile), quantile, NULL), quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(ttft_ms)) AS ttft`;

/**
 * METRIC_STATE_COLUMNS and METRIC_COLUMNS without time to first token, for breakdown groups (the
 * dashboard draws none per group): a second TDigest per row costs as much to merge as the first.
 */
export const LATENCY_STATE_COLUMNS = METRIC_STATE_COLUMNS.replace(
  ',\n  quantilesTDigestMergeState(0.5, 0.9, 0.95, 0.99)(ttft_ms) AS ttft_ms',
  '',
);
export const LATENCY_METRIC_COLUMNS = METRIC_COLUMNS.replace(
  'quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(ttft_ms)',
  "CAST([], 'Array(Float64)')",
);

export const MetricRow = z.object({
  calls: IntegerColumn,
  errors: IntegerColumn,
  input_tokens: IntegerColumn,
  output_tokens: IntegerColumn,
  cache_read_tokens: IntegerColumn,
  cache_write_tokens: IntegerColumn,
  reasoning_tokens: IntegerColumn,
  cost_usd: z.coerce.number(),
  priced_calls: IntegerColumn,
  ttft_count: IntegerColumn,
  latency: z.array(z.number().nullable()),
  ttft: z.array(z.number().nullable()),
});
export type MetricRow = z.infer<typeof MetricRow>;

export function percentilesOf(values: readonly (number | null)[]): Percentiles | null {
  const [p50, p90, p95, p99] = values;
  if (p50 == null || p90 == null || p95 == null || p99 == null) return null;
  return { p50, p90, p95, p99 };
}

export function totalsFromRow(key: string, row: MetricRow | undefined): MetricTotals {
  if (row === undefined || row.calls === 0) {
    return {
      key,
      calls: 0,
      errors: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      costUsd: null,
      pricedCalls: 0,
      cacheHitRate: 0,
      costPerCallUsd: null,
      latencyMs: null,
      timeToFirstTokenMs: null,
    };
  }
  const costUsd = row.priced_calls > 0 ? row.cost_usd : null;
  return {
    key,
    calls: row.calls,
    errors: row.errors,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cacheReadTokens: row.cache_read_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    reasoningTokens: row.reasoning_tokens,
    costUsd,
    pricedCalls: row.priced_calls,
    cacheHitRate: row.input_tokens > 0 ? row.cache_read_tokens / row.input_tokens : 0,
    // Per priced call: unpriced calls would otherwise pull the average towards a silent $0.
    costPerCallUsd: costUsd !== null ? costUsd / row.priced_calls : null,
    latencyMs: percentilesOf(row.latency),
    timeToFirstTokenMs: row.ttft_count > 0 ? percentilesOf(row.ttft) : null,
  };
}
