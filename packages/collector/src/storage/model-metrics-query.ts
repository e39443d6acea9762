import { z } from 'zod';
import type { ModelMetrics, Percentiles } from './api-types.ts';
import { IntegerColumn } from './read-values.ts';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';

export interface ModelMetricsOptions {
  projectId: string;
  from: Date;
  to: Date;
  environment?: string;
  service?: string;
}

const MetricsRow = z.object({
  provider: z.string(),
  model: z.string(),
  calls: IntegerColumn,
  errors: IntegerColumn,
  input_tokens: IntegerColumn,
  output_tokens: IntegerColumn,
  cache_read_tokens: IntegerColumn,
  cache_write_tokens: IntegerColumn,
  reasoning_tokens: IntegerColumn,
  cost_usd: z.coerce.number(),
  priced_calls: IntegerColumn,
  duration_ms_sum: z.number(),
  ttft_count: IntegerColumn,
  latency: z.array(z.number().nullable()),
  ttft: z.array(z.number().nullable()),
});

const HOUR_SECONDS = 3600;

const SUMS = `calls, errors, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,
  cost_usd, priced_calls, duration_ms_sum, ttft_count, latency_ms, ttft_ms`;

/**
 * Latency and time-to-first-token percentiles, calls, errors, tokens and cost per model, merged from
 * rollups only, at minute resolution (the window is widened to whole minutes): the whole hours of
 * the window from llm_metrics_1h, the partial first and last hours from llm_metrics_1m (24 h: ≈700
 * hourly rows and ≤2 h of minutes instead of ≈34,000 minute rows of TDigest states at 1 M spans).
 */
export async function metricsByModel(executor: SqlExecutor, options: ModelMetricsOptions): Promise<ModelMetrics[]> {
  const fromMinute = Math.floor(options.from.getTime() / 60_000) * 60;
  const toSeconds = Math.ceil(options.to.getTime() / 1000);
  const firstHour = Math.ceil(fromMinute / HOUR_SECONDS) * HOUR_SECONDS;
  const endHour = Math.floor(toSeconds / HOUR_SECONDS) * HOUR_SECONDS;
  const params: Record<string, QueryParamValue> = {
    projectId: options.projectId,
    fromSeconds: fromMinute,
    toSeconds,
    firstHour,
    endHour,
  };
  const filters: string[] = [];
  if (options.environment !== undefined) {
    params.environment = options.environment;
    filters.push('environment = {environment:String}');
  }
  if (options.service !== undefined) {
    params.service = options.service;
    filters.push('service_name = {service:String}');
  }
  const where = (time: string) => ['project_id = {projectId:String}', time, ...filters].join(' AND ');
  const minutes = (from: string, to: string) =>
    `SELECT provider, model, ${SUMS} FROM llm_metrics_1m
     WHERE ${where(`minute >= toDateTime({${from}:UInt32}) AND minute < toDateTime({${to}:UInt32})`)}`;
  const source =
    firstHour < endHour
      ? `${minutes('fromSeconds', 'firstHour')}
     UNION ALL
     SELECT provider, model, ${SUMS} FROM llm_metrics_1h
     WHERE ${where('hour >= toDateTime({firstHour:UInt32}) AND hour < toDateTime({endHour:UInt32})')}
     UNION ALL
     ${minutes('endHour', 'toSeconds')}`
      : minutes('fromSeconds', 'toSeconds');
  const rows = await executor.query(
    `SELECT provider, model,
       sum(calls) AS calls, sum(errors) AS errors,
       sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
       sum(cache_read_tokens) AS cache_read_tokens, sum(cache_write_tokens) AS cache_write_tokens,
       sum(reasoning_tokens) AS reasoning_tokens,
       sum(cost_usd) AS cost_usd, sum(priced_calls) AS priced_calls,
       sum(duration_ms_sum) AS duration_ms_sum, sum(ttft_count) AS ttft_count,
       arrayMap(value -> if(isFinite(value), value, NULL), quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(latency_ms)) AS latency,
       arrayMap(value -> if(isFinite(value), value, NULL), quantilesTDigestMerge(0.5, 0.9, 0.95, 0.99)(ttft_ms)) AS ttft
     FROM (${source})
     GROUP BY provider, model
     ORDER BY calls DESC, provider, model`,
    params,
    MetricsRow,
  );
  return rows.map((row) => ({
    provider: row.provider,
    model: row.model,
    calls: row.calls,
    errors: row.errors,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cacheReadTokens: row.cache_read_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    reasoningTokens: row.reasoning_tokens,
    costUsd: row.priced_calls > 0 ? row.cost_usd : null,
    pricedCalls: row.priced_calls,
    averageLatencyMs: row.calls > 0 ? row.duration_ms_sum / row.calls : 0,
    latencyMs: percentiles(row.latency) ?? { p50: 0, p90: 0, p95: 0, p99: 0 },
    timeToFirstTokenMs: row.ttft_count > 0 ? percentiles(row.ttft) : null,
  }));
}

function percentiles(values: (number | null)[]): Percentiles | null {
  const [p50, p90, p95, p99] = values;
  if (p50 == null || p90 == null || p95 == null || p99 == null) return null;
  return { p50, p90, p95, p99 };
}
