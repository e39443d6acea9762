import { z } from 'zod';
import type { TraceSummary } from './api-types.ts';
import { IntegerColumn, isoFromMicros } from './read-values.ts';
import type { SqlExecutor } from './sql-executor.ts';

/** One trace's aggregates from trace_index (partial rows merged by GROUP BY). */
export const TraceIndexRow = z.object({
  trace_id: z.string(),
  start_us: IntegerColumn,
  end_us: IntegerColumn,
  span_count: IntegerColumn,
  error_count: IntegerColumn,
  input_tokens: IntegerColumn,
  output_tokens: IntegerColumn,
  cache_read_tokens: IntegerColumn,
  cache_write_tokens: IntegerColumn,
  reasoning_tokens: IntegerColumn,
  cost_usd: z.coerce.number(),
  priced_count: IntegerColumn,
  models: z.array(z.string()),
  prompt_names: z.array(z.string()),
  user_ids: z.array(z.string()),
  session_ids: z.array(z.string()),
});
export type TraceIndexRow = z.infer<typeof TraceIndexRow>;

export const TRACE_INDEX_COLUMNS = `trace_id,
  toUnixTimestamp64Micro(min(start_time)) AS start_us,
  toUnixTimestamp64Micro(max(end_time)) AS end_us,
  sum(span_count) AS span_count,
  sum(error_count) AS error_count,
  sum(input_tokens) AS input_tokens,
  sum(output_tokens) AS output_tokens,
  sum(cache_read_tokens) AS cache_read_tokens,
  sum(cache_write_tokens) AS cache_write_tokens,
  sum(reasoning_tokens) AS reasoning_tokens,
  sum(cost_usd) AS cost_usd,
  sum(priced_count) AS priced_count,
  arraySort(groupUniqArrayArray(models)) AS models,
  arraySort(arrayDistinct(arrayMap(prompt -> tupleElement(prompt, 1), groupUniqArrayArray(prompts)))) AS prompt_names,
  arraySort(groupUniqArrayArray(user_ids)) AS user_ids,
  arraySort(groupUniqArrayArray(session_ids)) AS session_ids`;

/** Aggregates of the given traces, by trace id. */
export async function readTraceIndex(
  executor: SqlExecutor,
  projectId: string,
  traceIds: readonly string[],
): Promise<Map<string, TraceIndexRow>> {
  if (traceIds.length === 0) return new Map();
  const rows = await executor.query(
    `SELECT ${TRACE_INDEX_COLUMNS}
     FROM trace_index
     WHERE project_id = {projectId:String} AND trace_id IN {traceIds:Array(String)}
     GROUP BY trace_id`,
    { projectId, traceIds },
    TraceIndexRow,
  );
  return new Map(rows.map((row) => [row.trace_id, row]));
}

/** What a trace summary takes from its root span (or, lacking one, its earliest span). */
export interface TraceHead {
  traceId: string;
  name: string;
  startTimeUnixUs: number;
  endTimeUnixUs: number;
  serviceName: string;
  environment: string;
}

export function buildTraceSummary(head: TraceHead, index: TraceIndexRow | undefined): TraceSummary {
  const startUs = head.startTimeUnixUs;
  const endUs = Math.max(head.endTimeUnixUs, index?.end_us ?? 0);
  const errorCount = index?.error_count ?? 0;
  return {
    traceId: head.traceId,
    name: head.name,
    startTime: isoFromMicros(startUs),
    endTime: isoFromMicros(endUs),
    durationMs: (endUs - startUs) / 1000,
    serviceName: head.serviceName,
    environment: head.environment,
    userId: index?.user_ids[0] ?? '',
    sessionId: index?.session_ids[0] ?? '',
    spanCount: index?.span_count ?? 0,
    errorCount,
    inputTokens: index?.input_tokens ?? 0,
    outputTokens: index?.output_tokens ?? 0,
    cacheReadTokens: index?.cache_read_tokens ?? 0,
    cacheWriteTokens: index?.cache_write_tokens ?? 0,
    reasoningTokens: index?.reasoning_tokens ?? 0,
    costUsd: index !== undefined && index.priced_count > 0 ? index.cost_usd : null,
    models: index?.models ?? [],
    promptNames: index?.prompt_names ?? [],
    status: errorCount > 0 ? 'error' : 'ok',
  };
}
