import type { OtlpLogRecord } from '../otlp/types.ts';
import { LOG_ROW_COLUMNS, LogRow, logRecordFromRow } from './log-event-store.ts';
import type { SqlExecutor } from './sql-executor.ts';

/** Log records may be stamped a little before or after their span (as the trace detail allows). */
const LOG_SLACK_US = 600_000_000;

export const spanKey = (traceId: string, spanId: string): string => `${traceId}/${spanId}`;

export interface SpanRef {
  traceId: string;
  spanId: string;
  startUs: number;
  endUs: number;
}

/**
 * The GenAI log records of several spans in one read (LogEventStore reads one trace at a time),
 * grouped by `spanKey`, oldest first; duplicates of a retried batch collapse as there.
 */
export async function readLogRecordsOfSpans(
  executor: SqlExecutor,
  projectId: string,
  spans: readonly SpanRef[],
): Promise<Map<string, OtlpLogRecord[]>> {
  if (spans.length === 0) return new Map();
  const rows = await executor.query(
    `SELECT ${LOG_ROW_COLUMNS}
     FROM span_log_events
     WHERE project_id = {projectId:String}
       AND time >= fromUnixTimestamp64Micro({fromUs:Int64}) AND time <= fromUnixTimestamp64Micro({toUs:Int64})
       AND trace_id IN {traceIds:Array(String)} AND span_id IN {spanIds:Array(String)}
     ORDER BY trace_id, span_id, time, sequence
     LIMIT 1 BY trace_id, span_id, time, record_hash`,
    {
      projectId,
      traceIds: [...new Set(spans.map((span) => span.traceId))],
      spanIds: spans.map((span) => span.spanId),
      fromUs: Math.max(0, Math.min(...spans.map((span) => span.startUs)) - LOG_SLACK_US),
      toUs: Math.max(...spans.map((span) => span.endUs)) + LOG_SLACK_US,
    },
    LogRow,
  );
  const bySpan = new Map<string, OtlpLogRecord[]>();
  for (const row of rows) {
    const record = logRecordFromRow(row);
    const key = spanKey(row.trace_id, row.span_id);
    const list = bySpan.get(key);
    if (list === undefined) bySpan.set(key, [record]);
    else list.push(record);
  }
  return bySpan;
}
