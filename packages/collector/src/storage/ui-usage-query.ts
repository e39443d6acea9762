import { z } from 'zod';
import { IntegerColumn, isoFromMicros, microsFromDate } from './read-values.ts';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';
import { bucketsFor, densify } from './ui-time-buckets.ts';
import type { TimeRange, UsageRow, UserView } from './ui-view-types.ts';

/** trace_index rows of a trace may start later than the trace: read this far before the window, keep traces that start in it. */
const TRACE_SLACK_US = 3_600_000_000;
const TOP_USERS = 20;
const MAX_LISTED = 200;

/** Per-trace aggregates (merged trace_index rows) of traces that start in the window. */
export function tracesInWindowSql(extraHaving = ''): string {
  return `SELECT trace_id, min(start_time) AS started, max(end_time) AS ended,
      sum(error_count) AS errors, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
      sum(cost_usd) AS cost, sum(priced_count) AS priced,
      groupUniqArrayArray(user_ids) AS users, groupUniqArrayArray(session_ids) AS sessions,
      groupUniqArrayArray(prompts) AS prompt_pairs
    FROM trace_index
    WHERE project_id = {projectId:String}
      AND start_time >= fromUnixTimestamp64Micro({slackFromUs:Int64}) AND start_time < fromUnixTimestamp64Micro({toUs:Int64})
    GROUP BY trace_id
    HAVING started >= fromUnixTimestamp64Micro({fromUs:Int64})${extraHaving}`;
}

export function windowParams(range: TimeRange): Record<string, QueryParamValue> {
  const fromUs = microsFromDate(range.from);
  return {
    projectId: range.projectId,
    fromUs,
    slackFromUs: Math.max(0, fromUs - TRACE_SLACK_US),
    toUs: microsFromDate(range.to),
  };
}

const USAGE_COLUMNS = `count() AS traces, countIf(errors > 0) AS error_traces,
  sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
  toFloat64(sum(cost)) AS cost_usd, sum(priced) AS priced, toUnixTimestamp64Micro(max(ended)) AS last_us`;

const UsageSqlRow = z.object({
  key: z.string(),
  traces: IntegerColumn,
  error_traces: IntegerColumn,
  input_tokens: IntegerColumn,
  output_tokens: IntegerColumn,
  cost_usd: z.coerce.number(),
  priced: IntegerColumn,
  last_us: IntegerColumn,
});

function usageRow(row: z.infer<typeof UsageSqlRow>): UsageRow {
  const costUsd = row.priced > 0 ? row.cost_usd : null;
  return {
    key: row.key,
    traces: row.traces,
    errors: row.error_traces,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd,
    costPerTraceUsd: costUsd !== null && row.traces > 0 ? costUsd / row.traces : null,
    lastSeen: isoFromMicros(row.last_us),
  };
}

function emptyUsage(key: string): UsageRow {
  return {
    key,
    traces: 0,
    errors: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: null,
    costPerTraceUsd: null,
    lastSeen: '',
  };
}

/** Users (or sessions) by cost, then traces, over the window. */
export async function usageBy(
  executor: SqlExecutor,
  range: TimeRange,
  dimension: 'users' | 'sessions',
  limit: number,
): Promise<UsageRow[]> {
  const rows = await executor.query(
    `SELECT key, ${USAGE_COLUMNS}
     FROM (${tracesInWindowSql()})
     ARRAY JOIN ${dimension === 'users' ? 'users' : 'sessions'} AS key
     GROUP BY key
     ORDER BY ${dimension === 'users' ? 'cost_usd DESC, traces DESC' : 'last_us DESC'}, key
     LIMIT {limit:UInt32}`,
    { ...windowParams(range), limit: Math.min(limit, MAX_LISTED) },
    UsageSqlRow,
  );
  return rows.map(usageRow);
}

export function topUsers(executor: SqlExecutor, range: TimeRange): Promise<UsageRow[]> {
  return usageBy(executor, range, 'users', TOP_USERS);
}

const UserBucketRow = z.object({
  bucket: IntegerColumn,
  traces: IntegerColumn,
  tokens: IntegerColumn,
  cost_usd: z.coerce.number(),
  priced: IntegerColumn,
});

/** One user's usage and cost over time, and their sessions. */
export async function readUser(executor: SqlExecutor, range: TimeRange, userId: string): Promise<UserView> {
  const { bucketSeconds, buckets } = bucketsFor(range.from, range.to);
  const params = { ...windowParams(range), userId, bucketSeconds };
  const ofUser = tracesInWindowSql(' AND has(users, {userId:String})');
  const [totals, perBucket, sessions] = await Promise.all([
    executor.query(`SELECT {userId:String} AS key, ${USAGE_COLUMNS} FROM (${ofUser})`, params, UsageSqlRow),
    executor.query(
      `SELECT intDiv(toUnixTimestamp(started), {bucketSeconds:UInt32}) * {bucketSeconds:UInt32} AS bucket,
              count() AS traces, sum(input_tokens) + sum(output_tokens) AS tokens,
              toFloat64(sum(cost)) AS cost_usd, sum(priced) AS priced
       FROM (${ofUser}) GROUP BY bucket ORDER BY bucket`,
      params,
      UserBucketRow,
    ),
    executor.query(
      `SELECT key, ${USAGE_COLUMNS} FROM (${ofUser}) ARRAY JOIN sessions AS key
       GROUP BY key ORDER BY last_us DESC, key LIMIT ${MAX_LISTED}`,
      params,
      UsageSqlRow,
    ),
  ]);
  const total = totals[0];
  return {
    userId,
    totals: total !== undefined && total.traces > 0 ? usageRow(total) : emptyUsage(userId),
    bucketSeconds,
    buckets,
    traces: densify(buckets, perBucket, (index) => perBucket[index]!.traces, 0),
    costUsd: densify(
      buckets,
      perBucket,
      (index) => (perBucket[index]!.priced > 0 ? perBucket[index]!.cost_usd : null),
      null,
    ),
    tokens: densify(buckets, perBucket, (index) => perBucket[index]!.tokens, 0),
    sessions: sessions.map(usageRow),
  };
}

/** A session's usage totals. */
export async function sessionUsage(executor: SqlExecutor, range: TimeRange, sessionId: string): Promise<UsageRow> {
  const rows = await executor.query(
    `SELECT {sessionId:String} AS key, ${USAGE_COLUMNS} FROM (${tracesInWindowSql(' AND has(sessions, {sessionId:String})')})`,
    { ...windowParams(range), sessionId },
    UsageSqlRow,
  );
  const row = rows[0];
  return row !== undefined && row.traces > 0 ? usageRow(row) : emptyUsage(sessionId);
}
