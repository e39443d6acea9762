import { COST_SOURCES } from '@sightline/core';
import { z } from 'zod';
import { STATUS_CODES } from '../otlp/types.ts';
import type { TraceSpan } from './api-types.ts';
import type { LogEventStore } from './log-event-store.ts';
import { IntegerColumn } from './read-values.ts';
import { SPAN_READ_COLUMNS, SpanReadRow, toTraceSpan } from './span-read-row.ts';
import type { SqlExecutor } from './sql-executor.ts';
import type { MessagesFromLogEvents } from './trace-detail-query.ts';
import { buildTraceSummary, readTraceIndex } from './trace-index-query.ts';
import type { OutlineSpan, TraceOutline } from './ui-view-types.ts';

const SPAN_SLACK_US = 60_000_000;
const LOG_SLACK_US = 600_000_000;

const OutlineRow = z.object({
  span_id: z.string(),
  parent_span_id: z.string(),
  name: z.string(),
  start_us: IntegerColumn,
  end_us: IntegerColumn,
  status_code: z.enum(STATUS_CODES),
  span_type: z.string(),
  provider: z.string(),
  model: z.string(),
  input_tokens: IntegerColumn,
  output_tokens: IntegerColumn,
  counts_in_totals: z.union([z.boolean(), z.number()]).transform((value) => Boolean(value)),
  cost_usd: z.coerce.number().nullable(),
  cost_source: z.enum(COST_SOURCES),
  error_type: z.string(),
  event_count: IntegerColumn,
  service_name: z.string(),
  environment: z.string(),
  ingested_ms: IntegerColumn,
});
type OutlineRow = z.infer<typeof OutlineRow>;

/**
 * A trace's shape without payloads: the columns the tree and waterfall draw, so a 10,000-span
 * agent trace loads as a few megabytes; a span's messages and attributes are read when selected.
 */
export async function readTraceOutline(
  executor: SqlExecutor,
  projectId: string,
  traceId: string,
): Promise<TraceOutline | null> {
  const index = (await readTraceIndex(executor, projectId, [traceId])).get(traceId);
  if (index === undefined) return null;
  const stored = await executor.query(
    `SELECT span_id, parent_span_id, name,
            toUnixTimestamp64Micro(start_time) AS start_us, toUnixTimestamp64Micro(end_time) AS end_us,
            status_code, span_type, provider, toString(if(response_model != '', response_model, request_model)) AS model,
            input_tokens, output_tokens, counts_in_totals, cost_usd, cost_source, error_type,
            length(events) AS event_count, service_name, environment, toUnixTimestamp64Milli(ingested_at) AS ingested_ms
     FROM spans
     WHERE project_id = {projectId:String}
       AND start_time >= fromUnixTimestamp64Micro({fromUs:Int64})
       AND start_time <= fromUnixTimestamp64Micro({toUs:Int64})
       AND trace_id = {traceId:String}`,
    // trace_index's bounds are the exact min start and max start-or-end of the trace's spans.
    { projectId, traceId, fromUs: index.start_us, toUs: index.end_us },
    OutlineRow,
  );
  // A span stored twice (before ReplacingMergeTree merged it) counts once, as its latest row:
  // collapsed here, cheaper than sorting 10,000 rows for LIMIT 1 BY in the engine (30 ms).
  const rows = latestBySpan(stored);
  if (rows.length === 0) return null;
  rows.sort((a, b) => a.start_us - b.start_us || (a.span_id < b.span_id ? -1 : a.span_id > b.span_id ? 1 : 0));
  const head = rows.find((row) => row.parent_span_id === '') ?? rows[0]!;
  const spans: OutlineSpan[] = rows.map((row) => ({
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    name: row.name,
    startTimeUnixUs: row.start_us,
    endTimeUnixUs: row.end_us,
    status: row.status_code,
    spanType: row.span_type,
    provider: row.provider,
    model: row.model,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    countsInTotals: row.counts_in_totals,
    costUsd: row.cost_usd,
    costSource: row.cost_source,
    errorType: row.error_type,
    eventCount: row.event_count,
  }));
  const counted = rows.filter((row) => row.counts_in_totals);
  return {
    trace: buildTraceSummary(
      {
        traceId,
        name: head.name,
        startTimeUnixUs: head.parent_span_id === '' ? head.start_us : index.start_us,
        endTimeUnixUs: head.end_us,
        serviceName: head.service_name,
        environment: head.environment,
      },
      index,
    ),
    spans,
    countedCalls: counted.length,
    unpricedCalls: counted.filter((row) => row.cost_usd === null).length,
  };
}

function latestBySpan(rows: readonly OutlineRow[]): OutlineRow[] {
  const latest = new Map<string, OutlineRow>();
  for (const row of rows) {
    const kept = latest.get(row.span_id);
    if (kept === undefined || row.ingested_ms > kept.ingested_ms) latest.set(row.span_id, row);
  }
  return [...latest.values()];
}

/** One span with everything stored for it; empty messages are filled from its GenAI log records. */
export async function readSpan(
  executor: SqlExecutor,
  logEvents: LogEventStore,
  messagesFromLogEvents: MessagesFromLogEvents,
  projectId: string,
  traceId: string,
  spanId: string,
): Promise<TraceSpan | null> {
  const index = (await readTraceIndex(executor, projectId, [traceId])).get(traceId);
  if (index === undefined) return null;
  const rows = await executor.query(
    `SELECT ${SPAN_READ_COLUMNS}
     FROM spans
     WHERE project_id = {projectId:String}
       AND start_time >= fromUnixTimestamp64Micro({fromUs:Int64})
       AND start_time <= fromUnixTimestamp64Micro({toUs:Int64})
       AND trace_id = {traceId:String} AND span_id = {spanId:String}
     ORDER BY ingested_at DESC
     LIMIT 1`,
    {
      projectId,
      traceId,
      spanId,
      fromUs: Math.max(0, index.start_us - SPAN_SLACK_US),
      toUs: index.end_us + SPAN_SLACK_US,
    },
    SpanReadRow,
  );
  const row = rows[0];
  if (row === undefined) return null;
  if (row.input !== '' && row.output !== '') return toTraceSpan(row, undefined);
  const records = await logEvents.listForTrace(projectId, traceId, {
    fromUnixUs: row.start_us - LOG_SLACK_US,
    toUnixUs: row.end_us + LOG_SLACK_US,
  });
  const own = records.filter((record) => record.spanId === spanId);
  return toTraceSpan(row, own.length > 0 ? messagesFromLogEvents(own) : undefined);
}
