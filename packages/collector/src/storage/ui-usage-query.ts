import { z } from 'zod';
import { IntegerColumn, isoFromMicros } from './read-values.ts';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';
import { tieredWindowCondition, USAGE_ROLLUP } from './ui-rollup-tiers.ts';
import { bucketsFor, densify } from './ui-time-buckets.ts';
import type { TimeRange, UsageRow, UserView } from './ui-view-types.ts';

const MAX_LISTED = 200;

export type UsageDimension = 'user' | 'session';

/**
 * A window's view_usage rows for one dimension (whole hours at resolution 3600, partial edge hours
 * at 60), as a FROM source; `conditions` narrow it (key, user_id). A trace counts for a user or
 * session when one of its spans carries the id and started in the window (widened to whole
 * minutes); tokens and cost are those of the model calls carrying the id. Fills `params`.
 */
export function usageSource(
  range: TimeRange,
  dimension: UsageDimension,
  params: Record<string, QueryParamValue>,
  conditions: readonly string[] = [],
  alignTo?: number,
): string {
  params.projectId = range.projectId;
  const window = tieredWindowCondition(
    USAGE_ROLLUP,
    Math.floor(range.from.getTime() / 1000),
    Math.ceil(range.to.getTime() / 1000),
    params,
    alignTo,
  );
  // The dimension is one of two code-defined names, never user text.
  const where = ['project_id = {projectId:String}', `dimension = '${dimension}'`, window, ...conditions];
  return `(SELECT * FROM view_usage WHERE ${where.join(' AND ')})`;
}

/** Trace ids of a user's or session's traces in the window (for filters and the session view). */
export function usageTraceIdsSql(source: string): string {
  return `SELECT arrayJoin(groupUniqArrayArray(trace_ids)) AS trace_id FROM ${source}`;
}

const USAGE_COLUMNS = `length(groupUniqArrayArray(trace_hashes)) AS traces,
  length(groupUniqArrayArray(error_trace_hashes)) AS error_traces,
  sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
  toFloat64(sum(cost_usd)) AS cost_usd, sum(priced_calls) AS priced, toUnixTimestamp64Micro(max(last_seen)) AS last_us`;

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

/** Users by cost, then traces; or sessions by last activity; over the window. */
export async function usageBy(
  executor: SqlExecutor,
  range: TimeRange,
  dimension: 'users' | 'sessions',
  limit: number,
): Promise<UsageRow[]> {
  const params: Record<string, QueryParamValue> = { limit: Math.min(limit, MAX_LISTED) };
  // Most keys are not on the page: rank them first by cheap aggregates (cost and a trace count
  // that may count a trace twice when its spans fall in two periods; or last activity), then
  // merge trace ids only for the page's keys.
  const source = usageSource(range, dimension === 'users' ? 'user' : 'session', params);
  const [rank, order] =
    dimension === 'users'
      ? ['toFloat64(sum(cost_usd)) DESC, sum(length(trace_hashes)) DESC', 'cost_usd DESC, traces DESC']
      : ['max(last_seen) DESC', 'last_us DESC'];
  const rows = await executor.query(
    `SELECT key, ${USAGE_COLUMNS} FROM ${source}
     WHERE key IN (SELECT key FROM ${source} GROUP BY key ORDER BY ${rank}, key LIMIT {limit:UInt32})
     GROUP BY key ORDER BY ${order}, key`,
    params,
    UsageSqlRow,
  );
  return rows.map(usageRow);
}

/** One user's or session's usage totals over the window. */
export async function usageOf(
  executor: SqlExecutor,
  range: TimeRange,
  dimension: UsageDimension,
  key: string,
): Promise<UsageRow> {
  const params: Record<string, QueryParamValue> = { key };
  const rows = await executor.query(
    `SELECT {key:String} AS key, ${USAGE_COLUMNS} FROM ${usageSource(range, dimension, params, ['key = {key:String}'])}`,
    params,
    UsageSqlRow,
  );
  const row = rows[0];
  return row !== undefined && row.traces > 0 ? usageRow(row) : emptyUsage(key);
}

const UserRow = z.object({
  bucket: IntegerColumn,
  trace_hashes: z.array(z.coerce.string()),
  error_trace_hashes: z.array(z.coerce.string()),
  input_tokens: IntegerColumn,
  output_tokens: IntegerColumn,
  cost_usd: z.coerce.number(),
  priced_calls: IntegerColumn,
  last_us: IntegerColumn,
});

/**
 * One user's usage and cost over time, and their sessions. The user's own rows are few (one per
 * hour, one per minute at the edges), so they are read as they are and summed here: a trace counts
 * once, in the bucket of its first span; tokens and cost where they were spent.
 */
export async function readUser(executor: SqlExecutor, range: TimeRange, userId: string): Promise<UserView> {
  // Hourly buckets at least: one user's rows are found by key in the hourly rollup, while minute
  // rows of a whole day would be scanned for the key.
  const { bucketSeconds, buckets } = bucketsFor(range.from, range.to, 3600);
  const params: Record<string, QueryParamValue> = { userId, bucketSeconds };
  const ofUser = usageSource(range, 'user', params, ['key = {userId:String}'], bucketSeconds);
  const sessionParams: Record<string, QueryParamValue> = { userId, limit: MAX_LISTED };
  const [rows, sessions] = await Promise.all([
    executor.query(
      `SELECT intDiv(toUnixTimestamp(period), {bucketSeconds:UInt32}) * {bucketSeconds:UInt32} AS bucket,
              trace_hashes, error_trace_hashes, input_tokens, output_tokens, toFloat64(cost_usd) AS cost_usd,
              priced_calls, toUnixTimestamp64Micro(last_seen) AS last_us
       FROM ${ofUser} ORDER BY bucket`,
      params,
      UserRow,
    ),
    executor.query(
      `SELECT key, ${USAGE_COLUMNS} FROM ${usageSource(range, 'session', sessionParams, ['user_id = {userId:String}'])}
       GROUP BY key ORDER BY last_us DESC, key LIMIT {limit:UInt32}`,
      sessionParams,
      UsageSqlRow,
    ),
  ]);
  const perBucket = new Map<number, { traces: number; tokens: number; cost: number; priced: number }>();
  const seen = new Set<string>();
  const errors = new Set<string>();
  const total = {
    key: userId,
    traces: 0,
    error_traces: 0,
    input_tokens: 0,
    output_tokens: 0,
    cost_usd: 0,
    priced: 0,
    last_us: 0,
  };
  for (const row of rows) {
    const entry = perBucket.get(row.bucket) ?? { traces: 0, tokens: 0, cost: 0, priced: 0 };
    for (const hash of row.trace_hashes) {
      if (seen.has(hash)) continue;
      seen.add(hash);
      entry.traces += 1;
    }
    for (const hash of row.error_trace_hashes) errors.add(hash);
    entry.tokens += row.input_tokens + row.output_tokens;
    entry.cost += row.cost_usd;
    entry.priced += row.priced_calls;
    perBucket.set(row.bucket, entry);
    total.input_tokens += row.input_tokens;
    total.output_tokens += row.output_tokens;
    total.cost_usd += row.cost_usd;
    total.priced += row.priced_calls;
    total.last_us = Math.max(total.last_us, row.last_us);
  }
  total.traces = seen.size;
  total.error_traces = errors.size;
  const bucketRows = [...perBucket].map(([bucket, entry]) => ({ bucket, ...entry }));
  return {
    userId,
    totals: total.traces > 0 ? usageRow(total) : emptyUsage(userId),
    bucketSeconds,
    buckets,
    traces: densify(buckets, bucketRows, (index) => bucketRows[index]!.traces, 0),
    costUsd: densify(
      buckets,
      bucketRows,
      (index) => (bucketRows[index]!.priced > 0 ? bucketRows[index]!.cost : null),
      null,
    ),
    tokens: densify(buckets, bucketRows, (index) => bucketRows[index]!.tokens, 0),
    sessions: sessions.map(usageRow),
  };
}
