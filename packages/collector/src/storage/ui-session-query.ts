import type { ChatMessage } from '@sightline/core';
import { z } from 'zod';
import { IntegerColumn, parseMessages } from './read-values.ts';
import type { SqlExecutor } from './sql-executor.ts';
import { buildTraceSummary, readTraceIndex } from './trace-index-query.ts';
import { sessionUsage, tracesInWindowSql, windowParams } from './ui-usage-query.ts';
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
  first_input: z.string(),
  last_output: z.string(),
});

/**
 * A session as one conversation: its traces oldest first, each with the user's new message(s)
 * (the first model call's input after its last assistant message) and the last model output.
 */
export async function readSession(executor: SqlExecutor, range: TimeRange, sessionId: string): Promise<SessionView> {
  const ids = await executor.query(
    `SELECT trace_id FROM (${tracesInWindowSql(' AND has(sessions, {sessionId:String})')})
     ORDER BY started, trace_id LIMIT ${MAX_TURNS}`,
    { ...windowParams(range), sessionId },
    TraceIdRow,
  );
  const traceIds = ids.map((row) => row.trace_id);
  const [index, totals] = await Promise.all([
    readTraceIndex(executor, range.projectId, traceIds),
    sessionUsage(executor, range, sessionId),
  ]);
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
  const turns: ConversationTurn[] = [];
  for (const traceId of traceIds) {
    const row = byTrace.get(traceId);
    const traceIndex = index.get(traceId);
    if (row === undefined || traceIndex === undefined) continue;
    const hasRoot = row.has_root > 0;
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
      input: newUserMessages(parseMessages(row.first_input)),
      output: parseMessages(row.last_output),
    });
  }
  return { sessionId, turns, totals };
}

/** The messages after the last assistant message: what the user added in this turn. */
export function newUserMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  let start = 0;
  messages.forEach((message, index) => {
    if (message.role === 'assistant') start = index + 1;
  });
  return messages.slice(start).filter((message) => message.role !== 'system');
}
