import type { QueryParamValue } from './sql-executor.ts';

/** A trace's duration from its merged trace_index rows (first start to last end), in ms. */
export const TRACE_DURATION_MS_SQL =
  '(toUnixTimestamp64Micro(max(end_time)) - toUnixTimestamp64Micro(min(start_time))) / 1000';

/** The trace-wide filters both trace lists evaluate on trace_index. */
export interface TraceIndexFilters {
  model?: string;
  provider?: string;
  promptName?: string;
  promptVersion?: string;
  status?: 'ok' | 'error';
  minCostUsd?: number;
  maxCostUsd?: number;
  minDurationMs?: number;
  maxDurationMs?: number;
}

/**
 * HAVING conditions over a trace's trace_index rows grouped by trace_id, binding their values into
 * `params`. User and session filters are left to the caller (the read API checks trace_index's id
 * lists, the UI's table reads view_usage).
 */
export function traceIndexHaving(filters: TraceIndexFilters, params: Record<string, QueryParamValue>): string[] {
  const having: string[] = [];
  const contains = (key: 'model' | 'provider', column: string) => {
    const value = filters[key];
    if (value === undefined) return;
    params[key] = value;
    having.push(`has(groupUniqArrayArray(${column}), {${key}:String})`);
  };
  contains('model', 'models');
  contains('provider', 'providers');
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
  if (filters.minDurationMs !== undefined) {
    params.minDurationMs = filters.minDurationMs;
    having.push(`${TRACE_DURATION_MS_SQL} >= {minDurationMs:Float64}`);
  }
  if (filters.maxDurationMs !== undefined) {
    params.maxDurationMs = filters.maxDurationMs;
    having.push(`${TRACE_DURATION_MS_SQL} <= {maxDurationMs:Float64}`);
  }
  return having;
}
