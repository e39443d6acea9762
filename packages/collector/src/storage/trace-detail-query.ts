import { z } from 'zod';
import type { OtlpLogRecord } from '../otlp/types.ts';
import type { TraceDetail } from './api-types.ts';
import type { LogEventStore } from './log-event-store.ts';
import { POINT_READ_SETTINGS } from './point-read-settings.ts';
import { type LogMessages, SpanReadRow, toTraceSpan } from './span-read-row.ts';
import type { SqlExecutor } from './sql-executor.ts';
import { buildTraceSummary, summariseSpans } from './trace-index-query.ts';

/** Turns a span's GenAI log records into canonical messages (normalise/log-events.ts). */
export type MessagesFromLogEvents = (records: OtlpLogRecord[]) => LogMessages;

/** Log records may be stamped a little before or after their span. */
const LOG_SLACK_US = 600_000_000;

/** Decimal seconds as the engine prints DateTime64 with date_time_output_format = 'unix_timestamp'. */
const DecimalSeconds = z.union([z.string(), z.number()]).transform((value) => microsFromDecimalSeconds(String(value)));

/** A `spans` row as stored: plain columns, times as decimal seconds, tuples as arrays. */
const StoredSpanRow = SpanReadRow.omit({ start_us: true, end_us: true, events: true }).extend({
  start_time: DecimalSeconds,
  end_time: DecimalSeconds,
  events: z.array(z.tuple([DecimalSeconds, z.string(), z.record(z.string(), z.string())])),
  ingested_at: DecimalSeconds,
});
type StoredSpanRow = z.infer<typeof StoredSpanRow>;

// Plain columns and output settings instead of conversion functions and lambdas: planning a
// 50-column SELECT of expressions costs more than reading the one granule that holds the trace.
const STORED_SPAN_COLUMNS = `span_id, parent_span_id, name, kind, start_time, end_time, status_code, status_message,
  service_name, environment, scope_name, scope_version, source_convention, span_type, operation, provider,
  request_model, response_model, session_id, user_id, agent_name, tool_name, prompt_name, prompt_version, feature,
  tags, finish_reasons, error_type, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
  reasoning_tokens, usage_details, counts_in_totals, cost_usd, cost_source, cost_details, price_version, ttft_ms,
  input, output, request_parameters, metadata, attributes, resource_attributes, events, links, tool_definitions,
  mapping, ingested_at`;
const STORED_SPAN_FORMAT = `SETTINGS date_time_output_format = 'unix_timestamp',
  output_format_json_named_tuples_as_objects = 0, ${POINT_READ_SETTINGS}`;

/**
 * One trace with all its spans, in one read: the trace's exact time bounds come from trace_index in
 * a scalar subquery (its min start and max end, filled by the same inserts as the spans), so the
 * spans are read by partition, minute and xxHash32(trace_id) key pruning (usually one 256-row
 * granule of a compact part). The summary is computed from those spans by trace_index's rules. A
 * span stored twice (before ReplacingMergeTree merged it) is collapsed here to its latest row. Log
 * records are read next and fill empty messages.
 */
export async function getTrace(
  executor: SqlExecutor,
  logEvents: LogEventStore,
  messagesFromLogEvents: MessagesFromLogEvents,
  projectId: string,
  traceId: string,
): Promise<TraceDetail | null> {
  const stored = await executor.query(
    `WITH (SELECT (min(start_time), max(end_time)) FROM trace_index
           WHERE project_id = {projectId:String} AND trace_id = {traceId:String}) AS bounds
     SELECT ${STORED_SPAN_COLUMNS}
     FROM spans
     WHERE project_id = {projectId:String}
       AND start_time >= tupleElement(bounds, 1)
       AND start_time <= tupleElement(bounds, 2)
       AND trace_id = {traceId:String}
     ${STORED_SPAN_FORMAT}`,
    { projectId, traceId },
    StoredSpanRow,
  );
  const rows = latestBySpan(stored).map(toSpanReadRow);
  if (rows.length === 0) return null;
  rows.sort((a, b) => a.start_us - b.start_us || a.span_id.localeCompare(b.span_id));
  const index = summariseSpans(traceId, rows);
  // GenAI log records only fill in model calls' missing messages: when every model call carries its
  // own, the second query is skipped (most traces from current instrumentations).
  const needsLogRecords = rows.some(
    (row) => (row.span_type === 'llm' || row.span_type === 'embedding') && (row.input === '' || row.output === ''),
  );
  const records = needsLogRecords
    ? await logEvents.listForTrace(projectId, traceId, {
        fromUnixUs: index.start_us - LOG_SLACK_US,
        toUnixUs: index.end_us + LOG_SLACK_US,
      })
    : [];
  const recordsBySpan = new Map<string, OtlpLogRecord[]>();
  for (const record of records) {
    const list = recordsBySpan.get(record.spanId);
    if (list === undefined) recordsBySpan.set(record.spanId, [record]);
    else list.push(record);
  }
  const spans = rows.map((row) => {
    const spanRecords = recordsBySpan.get(row.span_id);
    const needsMessages = row.input === '' || row.output === '';
    return toTraceSpan(
      row,
      spanRecords !== undefined && needsMessages ? messagesFromLogEvents(spanRecords) : undefined,
    );
  });
  const head = rows.find((row) => row.parent_span_id === '') ?? rows[0]!;
  const trace = buildTraceSummary(
    {
      traceId,
      name: head.name,
      startTimeUnixUs: head.parent_span_id === '' ? head.start_us : index.start_us,
      endTimeUnixUs: head.end_us,
      serviceName: head.service_name,
      environment: head.environment,
    },
    index,
  );
  return { trace, spans };
}

/** Each span's latest stored row. */
function latestBySpan(rows: readonly StoredSpanRow[]): StoredSpanRow[] {
  const latest = new Map<string, StoredSpanRow>();
  for (const row of rows) {
    const kept = latest.get(row.span_id);
    if (kept === undefined || row.ingested_at > kept.ingested_at) latest.set(row.span_id, row);
  }
  return [...latest.values()];
}

function toSpanReadRow({ start_time, end_time, ingested_at: _ingestedAt, ...row }: StoredSpanRow): SpanReadRow {
  return { ...row, start_us: start_time, end_us: end_time };
}

/** "1717171717.000123" → 1717171717000123 (exact: no floating-point step). */
function microsFromDecimalSeconds(text: string): number {
  const [seconds = '0', fraction = ''] = text.split('.');
  return Number(seconds) * 1_000_000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}
