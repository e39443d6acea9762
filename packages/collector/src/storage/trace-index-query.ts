import { z } from 'zod';
import type { TraceSummary } from './api-types.ts';
import { POINT_READ_SETTINGS } from './point-read-settings.ts';
import { IntegerColumn, isoFromMicros } from './read-values.ts';
import type { SqlExecutor } from './sql-executor.ts';

/** One trace's aggregates from trace_index (its partial rows merged). */
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

/** A stored trace_index row: one insert's partial aggregates of a trace, until merges combine them. */
const PartialRow = TraceIndexRow.omit({ prompt_names: true }).extend({
  prompts: z.array(z.tuple([z.string(), z.string()])),
});
type PartialRow = z.infer<typeof PartialRow>;

// Plain columns, no GROUP BY: aggregate functions and lambdas cost more to plan and run than the
// few partial rows of a trace cost to merge here (50 traces: 8 ms vs 28 ms at 1 M spans).
const PARTIAL_COLUMNS = `trace_id, toUnixTimestamp64Micro(start_time) AS start_us, toUnixTimestamp64Micro(end_time) AS end_us,
  span_count, error_count, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens,
  cost_usd, priced_count, models, prompts, user_ids, session_ids`;

/** A range of trace_index_recent to read a page's totals from (recent-trace-index.ts decides). */
export interface RecentRange {
  /** Rows that ended from this time on (µs since the epoch). */
  fromUs: number;
  /** Read by id instead when the range holds more rows than this. */
  maxRows: number;
}

/**
 * Aggregates of the given traces, by trace id: point reads of trace_index, or one range of
 * trace_index_recent. The engine refuses a range larger than `maxRows` from its index before
 * reading it (TOO_MANY_ROWS, e.g. traffic the page's roots did not show); the traces are then
 * read by id.
 */
export async function readTraceIndex(
  executor: SqlExecutor,
  projectId: string,
  traceIds: readonly string[],
  range?: RecentRange,
): Promise<Map<string, TraceIndexRow>> {
  if (traceIds.length === 0) return new Map();
  let rows: PartialRow[] | undefined;
  if (range !== undefined) {
    try {
      rows = await executor.query(
        `SELECT ${PARTIAL_COLUMNS}
         FROM trace_index_recent
         WHERE project_id = {projectId:String} AND trace_id IN {traceIds:Array(String)}
           AND last_end >= fromUnixTimestamp64Micro({fromUs:Int64})
         SETTINGS ${POINT_READ_SETTINGS}, max_rows_to_read = ${rowLimit(range.maxRows)}, read_overflow_mode = 'throw'`,
        { projectId, traceIds, fromUs: range.fromUs },
        PartialRow,
      );
    } catch (error) {
      if (!isRowLimitError(error)) throw error;
    }
  }
  rows ??= await executor.query(
    `SELECT ${PARTIAL_COLUMNS}
     FROM trace_index
     WHERE project_id = {projectId:String} AND trace_id IN {traceIds:Array(String)}
     SETTINGS ${POINT_READ_SETTINGS}`,
    { projectId, traceIds },
    PartialRow,
  );
  const byTrace = new Map<string, PartialRow[]>();
  for (const row of rows) {
    const list = byTrace.get(row.trace_id);
    if (list === undefined) byTrace.set(row.trace_id, [row]);
    else list.push(row);
  }
  return new Map([...byTrace].map(([traceId, partials]) => [traceId, mergePartials(partials)]));
}

/** SETTINGS take no query parameters: the limit is a whole number from code, checked anyway. */
function rowLimit(maxRows: number): number {
  if (!Number.isInteger(maxRows) || maxRows < 1)
    throw new Error(`row limit must be a positive integer, got ${maxRows}`);
  return maxRows;
}

/** The engine's TOO_MANY_ROWS (code 158): chDB puts it in the message, @clickhouse/client in code and type. */
function isRowLimitError(error: unknown): boolean {
  const fields = error !== null && typeof error === 'object' ? (error as { code?: unknown; type?: unknown }) : {};
  if (fields.code === '158' || fields.type === 'TOO_MANY_ROWS') return true;
  const message = error instanceof Error ? error.message : String(error);
  return /\bTOO_MANY_ROWS\b|Code: 158\b/.test(message);
}

/** What the SQL aggregates would give: min start, max end, sums, sorted distinct ids and names. */
function mergePartials(partials: readonly PartialRow[]): TraceIndexRow {
  const first = partials[0]!;
  const sum = (
    column:
      | 'span_count'
      | 'error_count'
      | 'input_tokens'
      | 'output_tokens'
      | 'cache_read_tokens'
      | 'cache_write_tokens'
      | 'reasoning_tokens'
      | 'priced_count',
  ) => partials.reduce((total, row) => total + row[column], 0);
  return {
    trace_id: first.trace_id,
    start_us: Math.min(...partials.map((row) => row.start_us)),
    end_us: Math.max(...partials.map((row) => row.end_us)),
    span_count: sum('span_count'),
    error_count: sum('error_count'),
    input_tokens: sum('input_tokens'),
    output_tokens: sum('output_tokens'),
    cache_read_tokens: sum('cache_read_tokens'),
    cache_write_tokens: sum('cache_write_tokens'),
    reasoning_tokens: sum('reasoning_tokens'),
    cost_usd: partials.length === 1 ? first.cost_usd : sumDecimal12(partials.map((row) => row.cost_usd)),
    priced_count: sum('priced_count'),
    models: sortedDistinct(partials.flatMap((row) => row.models)),
    prompt_names: sortedDistinct(partials.flatMap((row) => row.prompts.map(([name]) => name))),
    user_ids: sortedDistinct(partials.flatMap((row) => row.user_ids)),
    session_ids: sortedDistinct(partials.flatMap((row) => row.session_ids)),
  };
}

/** The span fields trace_index_mv aggregates. */
export interface IndexedSpan {
  start_us: number;
  end_us: number;
  status_code: string;
  counts_in_totals: boolean;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  cost_usd: number | null;
  request_model: string;
  response_model: string;
  prompt_name: string;
  user_id: string;
  session_id: string;
}

/**
 * What trace_index holds for these spans (the same rules as trace_index_mv), for a reader that has
 * every span of the trace at hand anyway. Keep in step with the view.
 */
export function summariseSpans(traceId: string, spans: readonly IndexedSpan[]): TraceIndexRow {
  const counted = spans.filter((span) => span.counts_in_totals);
  const sum = (
    column: 'input_tokens' | 'output_tokens' | 'cache_read_tokens' | 'cache_write_tokens' | 'reasoning_tokens',
  ) => counted.reduce((total, span) => total + span[column], 0);
  const nonEmpty = (values: string[]) => sortedDistinct(values.filter((value) => value !== ''));
  return {
    trace_id: traceId,
    start_us: Math.min(...spans.map((span) => span.start_us)),
    end_us: Math.max(...spans.map((span) => span.end_us)),
    span_count: spans.length,
    error_count: spans.filter((span) => span.status_code === 'ERROR').length,
    input_tokens: sum('input_tokens'),
    output_tokens: sum('output_tokens'),
    cache_read_tokens: sum('cache_read_tokens'),
    cache_write_tokens: sum('cache_write_tokens'),
    reasoning_tokens: sum('reasoning_tokens'),
    cost_usd: sumDecimal12(counted.map((span) => span.cost_usd ?? 0)),
    priced_count: counted.filter((span) => span.cost_usd !== null).length,
    models: nonEmpty(spans.map((span) => span.response_model || span.request_model)),
    prompt_names: nonEmpty(spans.map((span) => span.prompt_name)),
    user_ids: nonEmpty(spans.map((span) => span.user_id)),
    session_ids: nonEmpty(spans.map((span) => span.session_id)),
  };
}

/** Sums Decimal(38, 12) values read as numbers the way the engine would: exactly, in units of 1e-12. */
function sumDecimal12(values: readonly number[]): number {
  let units = 0n;
  for (const value of values) units += BigInt(Math.round(value * 1e12));
  return Number(units) / 1e12;
}

/** Distinct values in byte order (the engine's arraySort order for strings). */
function sortedDistinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
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
