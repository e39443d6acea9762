import type { ChatMessage } from '@sightline/core';
import { z } from 'zod';
import { IntegerColumn, parseMessages } from './read-values.ts';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';
import type { MessagesFromLogEvents } from './trace-detail-query.ts';
import { buildTraceSummary, readTraceIndex } from './trace-index-query.ts';
import { readLogRecordsOfSpans, type SpanRef, spanKey } from './ui-log-records.ts';
import { usageOf, usageSource } from './ui-usage-query.ts';
import type { ConversationTurn, SessionView, TimeRange } from './ui-view-types.ts';

const MAX_TURNS = 500;
const SPAN_SLACK_US = 60_000_000;

const TraceIdRow = z.object({ trace_id: z.string() });
const TurnRow = z.object({
  trace_id: z.string(),
  root_name: z.string(),
  root_service: z.string(),
  root_environment: z.string(),
  root_start_us: IntegerColumn,
  root_end_us: IntegerColumn,
  has_root: IntegerColumn,
  first_call_id: z.string(),
  first_call_start_us: IntegerColumn,
  first_call_input: z.string(),
  last_call_id: z.string(),
  last_call_end_us: IntegerColumn,
  last_call_output: z.string(),
  first_input: z.string(),
  last_output: z.string(),
});
type TurnRow = z.infer<typeof TurnRow>;

/**
 * A session as one conversation: its traces oldest first, each with the user's new message(s)
 * (the first model call's input after its last assistant message) and the last model call's
 * output. Messages a call sent as GenAI log records instead of span attributes are read from
 * span_log_events, as the trace detail does. The session's traces come from view_usage_*.
 */
export async function readSession(
  executor: SqlExecutor,
  messagesFromLogEvents: MessagesFromLogEvents,
  range: TimeRange,
  sessionId: string,
): Promise<SessionView> {
  const params: Record<string, QueryParamValue> = { sessionId };
  const source = usageSource(range, 'session', params, ['key = {sessionId:String}']);
  const [ids, totals] = await Promise.all([
    executor.query(
      `SELECT trace_id FROM ${source} ARRAY JOIN trace_ids AS trace_id
       GROUP BY trace_id ORDER BY min(period), trace_id LIMIT ${MAX_TURNS}`,
      params,
      TraceIdRow,
    ),
    usageOf(executor, range, 'session', sessionId),
  ]);
  const index = await readTraceIndex(
    executor,
    range.projectId,
    ids.map((row) => row.trace_id),
  );
  const traceIds = [...index.values()]
    .sort((a, b) => a.start_us - b.start_us || (a.trace_id < b.trace_id ? -1 : 1))
    .map((row) => row.trace_id);
  if (traceIds.length === 0) return { sessionId, turns: [], totals };
  const starts = [...index.values()].map((row) => row.start_us);
  const ends = [...index.values()].map((row) => row.end_us);
  const rows = await executor.query(
    `SELECT trace_id,
        anyIf(name, parent_span_id = '') AS root_name,
        anyIf(service_name, parent_span_id = '') AS root_service,
        anyIf(environment, parent_span_id = '') AS root_environment,
        toUnixTimestamp64Micro(minIf(start_time, parent_span_id = '')) AS root_start_us,
        toUnixTimestamp64Micro(maxIf(end_time, parent_span_id = '')) AS root_end_us,
        countIf(parent_span_id = '') AS has_root,
        argMinIf(span_id, start_time, span_type = 'llm') AS first_call_id,
        toUnixTimestamp64Micro(minIf(start_time, span_type = 'llm')) AS first_call_start_us,
        argMinIf(input, start_time, span_type = 'llm') AS first_call_input,
        argMaxIf(span_id, start_time, span_type = 'llm') AS last_call_id,
        toUnixTimestamp64Micro(argMaxIf(end_time, start_time, span_type = 'llm')) AS last_call_end_us,
        argMaxIf(output, start_time, span_type = 'llm') AS last_call_output,
        argMinIf(input, start_time, span_type = 'llm' AND input != '') AS first_input,
        argMaxIf(output, start_time, span_type = 'llm' AND output != '') AS last_output
     FROM spans
     WHERE project_id = {projectId:String}
       AND start_time >= fromUnixTimestamp64Micro({fromUs:Int64}) AND start_time <= fromUnixTimestamp64Micro({toUs:Int64})
       AND trace_id IN {traceIds:Array(String)}
     GROUP BY trace_id`,
    {
      projectId: range.projectId,
      traceIds,
      fromUs: Math.max(0, Math.min(...starts) - SPAN_SLACK_US),
      toUs: Math.max(...ends) + SPAN_SLACK_US,
    },
    TurnRow,
  );
  const byTrace = new Map(rows.map((row) => [row.trace_id, row]));
  const fromLogs = await logMessages(executor, messagesFromLogEvents, range.projectId, rows);
  const turns: ConversationTurn[] = [];
  for (const traceId of traceIds) {
    const row = byTrace.get(traceId);
    const traceIndex = index.get(traceId);
    if (row === undefined || traceIndex === undefined) continue;
    const hasRoot = row.has_root > 0;
    const firstCall = fromLogs.get(spanKey(traceId, row.first_call_id));
    const lastCall = fromLogs.get(spanKey(traceId, row.last_call_id));
    const ownInput = parseMessages(row.first_call_input);
    const ownOutput = parseMessages(row.last_call_output);
    turns.push({
      trace: buildTraceSummary(
        {
          traceId,
          name: row.root_name,
          startTimeUnixUs: hasRoot ? row.root_start_us : traceIndex.start_us,
          endTimeUnixUs: hasRoot ? row.root_end_us : traceIndex.end_us,
          serviceName: row.root_service,
          environment: row.root_environment,
        },
        traceIndex,
      ),
      input: newUserMessages(
        conversationOf(ownInput) ? ownInput : firstOf(firstCall?.input, parseMessages(row.first_input)),
      ),
      output: ownOutput.length > 0 ? ownOutput : firstOf(lastCall?.output, parseMessages(row.last_output)),
    });
  }
  return { sessionId, turns, totals };
}

/** A call's input holds the conversation (not nothing, not only its system instructions). */
const conversationOf = (messages: readonly ChatMessage[]): boolean =>
  messages.some((message) => message.role !== 'system');

const firstOf = (preferred: ChatMessage[] | undefined, fallback: ChatMessage[]): ChatMessage[] =>
  preferred !== undefined && preferred.length > 0 ? preferred : fallback;

/** Messages from log records of the first and last model calls whose own input or output is missing. */
async function logMessages(
  executor: SqlExecutor,
  messagesFromLogEvents: MessagesFromLogEvents,
  projectId: string,
  rows: readonly TurnRow[],
): Promise<Map<string, { input: ChatMessage[]; output: ChatMessage[] }>> {
  const wanted: SpanRef[] = [];
  for (const row of rows) {
    if (row.first_call_id !== '' && !conversationOf(parseMessages(row.first_call_input))) {
      const spanId = row.first_call_id;
      wanted.push({ traceId: row.trace_id, spanId, startUs: row.first_call_start_us, endUs: row.last_call_end_us });
    }
    if (row.last_call_id !== '' && row.last_call_output === '') {
      const spanId = row.last_call_id;
      wanted.push({ traceId: row.trace_id, spanId, startUs: row.first_call_start_us, endUs: row.last_call_end_us });
    }
  }
  const records = await readLogRecordsOfSpans(executor, projectId, wanted);
  return new Map([...records].map(([key, list]) => [key, messagesFromLogEvents(list)]));
}

/** The messages after the last assistant message: what the user added in this turn. */
export function newUserMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  let start = 0;
  messages.forEach((message, index) => {
    if (message.role === 'assistant') start = index + 1;
  });
  return messages.slice(start).filter((message) => message.role !== 'system');
}
