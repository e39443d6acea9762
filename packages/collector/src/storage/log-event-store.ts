import { z } from 'zod';
import type { Attributes, AttributeValue, OtlpLogRecord } from '../otlp/types.ts';
import { IntegerColumn } from './read-values.ts';
import { dateTime64Text } from './span-rows.ts';
import type { SqlExecutor } from './sql-executor.ts';

/** A span_log_events row as read (`LOG_ROW_COLUMNS`). */
export const LogRow = z.object({
  trace_id: z.string(),
  span_id: z.string(),
  time_us: IntegerColumn,
  event_name: z.string(),
  severity_text: z.string(),
  body: z.string(),
  attributes: z.string(),
  resource: z.string(),
  scope_name: z.string(),
  scope_version: z.string(),
});

export type LogRow = z.infer<typeof LogRow>;

/** The columns `LogRow` reads. */
export const LOG_ROW_COLUMNS = `trace_id, span_id, toUnixTimestamp64Micro(time) AS time_us, event_name, severity_text, body,
  attributes, resource, scope_name, scope_version`;

export interface TimeWindow {
  fromUnixUs: number;
  toUnixUs: number;
}

/**
 * GenAI log records (prompt/completion events) kept beside spans and joined to them when a trace
 * is read, so they may arrive before or after their span. A retried batch stores duplicates;
 * reads collapse them (same span, time and content).
 */
export class LogEventStore {
  readonly #executor: SqlExecutor;
  readonly #now: () => number;

  constructor(executor: SqlExecutor, options: { nowUnixUs?: () => number } = {}) {
    this.#executor = executor;
    this.#now = options.nowUnixUs ?? (() => Date.now() * 1000);
  }

  async insert(projectId: string, records: readonly OtlpLogRecord[]): Promise<void> {
    const linked = records.filter((record) => record.traceId !== '');
    if (linked.length === 0) return;
    let text = '';
    for (const [sequence, record] of linked.entries()) {
      // An unset timestamp would land in 1970 and expire at once: use the arrival time.
      const time = record.timeUnixUs > 0 ? record.timeUnixUs : this.#now();
      text += `${JSON.stringify({
        project_id: projectId,
        trace_id: record.traceId,
        span_id: record.spanId,
        time: dateTime64Text(time),
        event_name: record.eventName,
        severity_text: record.severityText,
        body: JSON.stringify(record.body) ?? 'null',
        attributes: JSON.stringify(record.attributes),
        resource: JSON.stringify(record.resource),
        scope_name: record.scope.name,
        scope_version: record.scope.version,
        sequence,
      })}\n`;
    }
    await this.#executor.insertJsonEachRow('span_log_events', Buffer.from(text));
  }

  /** A trace's records within a time window (the trace's bounds plus slack), oldest first. */
  async listForTrace(projectId: string, traceId: string, window: TimeWindow): Promise<OtlpLogRecord[]> {
    const rows = await this.#executor.query(
      `SELECT ${LOG_ROW_COLUMNS}
       FROM span_log_events
       WHERE project_id = {projectId:String}
         AND time >= fromUnixTimestamp64Micro({fromUs:Int64}) AND time <= fromUnixTimestamp64Micro({toUs:Int64})
         AND trace_id = {traceId:String}
       ORDER BY time, span_id, sequence
       LIMIT 1 BY span_id, time, record_hash`,
      { projectId, traceId, fromUs: Math.max(0, Math.floor(window.fromUnixUs)), toUs: Math.ceil(window.toUnixUs) },
      LogRow,
    );
    return rows.map(logRecordFromRow);
  }
}

export function logRecordFromRow(row: LogRow): OtlpLogRecord {
  return {
    traceId: row.trace_id,
    spanId: row.span_id,
    timeUnixUs: row.time_us,
    eventName: row.event_name,
    severityText: row.severity_text,
    body: parseJson(row.body, null),
    attributes: parseAttributes(row.attributes),
    resource: parseAttributes(row.resource),
    scope: { name: row.scope_name, version: row.scope_version },
  };
}

function parseJson(text: string, fallback: AttributeValue): AttributeValue {
  try {
    // Written by insert() from AttributeValue data, so the shape is known.
    return JSON.parse(text) as AttributeValue;
  } catch {
    return fallback;
  }
}

function parseAttributes(text: string): Attributes {
  const value = parseJson(text, {});
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}
