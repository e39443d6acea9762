import type { OtlpLogRecord } from '../otlp/types.ts';
import type { TraceDetail } from './api-types.ts';
import type { LogEventStore } from './log-event-store.ts';
import { type LogMessages, SPAN_READ_COLUMNS, SpanReadRow, toTraceSpan } from './span-read-row.ts';
import type { SqlExecutor } from './sql-executor.ts';
import { buildTraceSummary, readTraceIndex } from './trace-index-query.ts';

/** Turns a span's GenAI log records into canonical messages (normalise/log-events.ts). */
export type MessagesFromLogEvents = (records: OtlpLogRecord[]) => LogMessages;

/** Spans are read within the trace's bounds plus this slack. */
const SPAN_SLACK_US = 60_000_000;
/** Log records may be stamped a little before or after their span. */
const LOG_SLACK_US = 600_000_000;

/**
 * One trace with all its spans. Point-reads the trace's time bounds from trace_index, then reads
 * spans by trace id within them (partition, minute and xxHash32(trace_id) key pruning), collapsing
 * duplicates of a span to its latest row. Log records are read in parallel and fill empty messages.
 */
export async function getTrace(
  executor: SqlExecutor,
  logEvents: LogEventStore,
  messagesFromLogEvents: MessagesFromLogEvents,
  projectId: string,
  traceId: string,
): Promise<TraceDetail | null> {
  const index = (await readTraceIndex(executor, projectId, [traceId])).get(traceId);
  if (index === undefined) return null;
  const [rows, records] = await Promise.all([
    executor.query(
      `SELECT ${SPAN_READ_COLUMNS}
       FROM spans
       WHERE project_id = {projectId:String}
         AND start_time >= fromUnixTimestamp64Micro({fromUs:Int64})
         AND start_time <= fromUnixTimestamp64Micro({toUs:Int64})
         AND trace_id = {traceId:String}
       ORDER BY span_id, ingested_at DESC
       LIMIT 1 BY span_id`,
      { projectId, traceId, fromUs: Math.max(0, index.start_us - SPAN_SLACK_US), toUs: index.end_us + SPAN_SLACK_US },
      SpanReadRow,
    ),
    logEvents.listForTrace(projectId, traceId, {
      fromUnixUs: index.start_us - LOG_SLACK_US,
      toUnixUs: index.end_us + LOG_SLACK_US,
    }),
  ]);
  if (rows.length === 0) return null;
  rows.sort((a, b) => a.start_us - b.start_us || a.span_id.localeCompare(b.span_id));
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
