import { z } from 'zod';
import { IntegerColumn, isoFromMicros } from './read-values.ts';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';
import { METRIC_COLUMNS, MetricRow, rollupConditions, totalsFromRow } from './ui-rollup-sql.ts';
import { bucketsFor, densify } from './ui-time-buckets.ts';
import { tracesInWindowSql, windowParams } from './ui-usage-query.ts';
import type { PromptComparison, PromptSummary, ScoreSummary, TimeRange } from './ui-view-types.ts';

const MAX_PROMPTS = 200;

const PromptRow = z.object({
  name: z.string(),
  versions: IntegerColumn,
  calls: IntegerColumn,
  cost_usd: z.coerce.number(),
  priced: IntegerColumn,
  last_seconds: IntegerColumn,
});

/** Prompt names seen in the window, busiest first (from llm_metrics_1m). */
export async function listPrompts(executor: SqlExecutor, range: TimeRange): Promise<PromptSummary[]> {
  const params: Record<string, QueryParamValue> = {};
  const conditions = rollupConditions(range.projectId, range.from, range.to, {}, params);
  const rows = await executor.query(
    `SELECT toString(prompt_name) AS name, uniqExact(prompt_version) AS versions, sum(calls) AS calls,
            toFloat64(sum(cost_usd)) AS cost_usd, sum(priced_calls) AS priced, toUnixTimestamp(max(minute)) AS last_seconds
     FROM llm_metrics_1m
     WHERE ${conditions.join(' AND ')} AND prompt_name != ''
     GROUP BY name ORDER BY calls DESC, name LIMIT ${MAX_PROMPTS}`,
    params,
    PromptRow,
  );
  return rows.map((row) => ({
    name: row.name,
    versions: row.versions,
    calls: row.calls,
    costUsd: row.priced > 0 ? row.cost_usd : null,
    lastSeen: new Date(row.last_seconds * 1000).toISOString(),
  }));
}

const VersionRow = MetricRow.extend({ version: z.string() });
const FirstSeenRow = z.object({ version: z.string(), first_seconds: IntegerColumn });
const TrafficRow = z.object({ bucket: IntegerColumn, version: z.string(), calls: IntegerColumn });
const VersionScoreRow = z.object({ version: z.string(), name: z.string(), mean: z.number(), n: IntegerColumn });

/**
 * A prompt's versions side by side over the window: traffic, latency, cost, tokens and errors from
 * llm_metrics_1m; the date each version first appeared (whole retention of the rollup); and the
 * mean of each score name over the traces that used the version.
 */
export async function comparePromptVersions(
  executor: SqlExecutor,
  range: TimeRange,
  promptName: string,
): Promise<PromptComparison> {
  const { bucketSeconds, buckets } = bucketsFor(range.from, range.to);
  const params: Record<string, QueryParamValue> = { promptName, bucketSeconds };
  const where = [
    ...rollupConditions(range.projectId, range.from, range.to, {}, params),
    'prompt_name = {promptName:String}',
  ].join(' AND ');
  const [versionRows, firstSeenRows, trafficRows, scoreRows] = await Promise.all([
    executor.query(
      `SELECT toString(prompt_version) AS version, ${METRIC_COLUMNS} FROM llm_metrics_1m WHERE ${where} GROUP BY version`,
      params,
      VersionRow,
    ),
    executor.query(
      `SELECT toString(prompt_version) AS version, toUnixTimestamp(min(minute)) AS first_seconds
       FROM llm_metrics_1m WHERE project_id = {projectId:String} AND prompt_name = {promptName:String}
       GROUP BY version`,
      params,
      FirstSeenRow,
    ),
    executor.query(
      `SELECT intDiv(toUnixTimestamp(minute), {bucketSeconds:UInt32}) * {bucketSeconds:UInt32} AS bucket,
              toString(prompt_version) AS version, sum(calls) AS calls
       FROM llm_metrics_1m WHERE ${where} GROUP BY bucket, version ORDER BY version, bucket`,
      params,
      TrafficRow,
    ),
    executor.query(
      `SELECT toString(tupleElement(prompt, 2)) AS version, toString(score.name) AS name, avg(score.value) AS mean, count() AS n
       FROM (${tracesInWindowSql(' AND arrayExists(pair -> tupleElement(pair, 1) = {promptName:String}, prompt_pairs)')}) AS traced
       ARRAY JOIN prompt_pairs AS prompt
       INNER JOIN (
         SELECT trace_id, name, assumeNotNull(value) AS value FROM (
           SELECT trace_id, name, value, is_deleted FROM scores
           WHERE project_id = {projectId:String}
           ORDER BY updated_at DESC LIMIT 1 BY id)
         WHERE is_deleted = 0 AND value IS NOT NULL
       ) AS score ON score.trace_id = traced.trace_id
       WHERE tupleElement(prompt, 1) = {promptName:String}
       GROUP BY version, name ORDER BY version, name`,
      { ...windowParams(range), promptName },
      VersionScoreRow,
    ),
  ]);
  const firstSeen = new Map(firstSeenRows.map((row) => [row.version, row.first_seconds]));
  const versions = versionRows
    .map((row) => {
      const totals = totalsFromRow(row.version, row);
      const scores: ScoreSummary[] = scoreRows
        .filter((score) => score.version === row.version)
        .map((score) => ({ name: score.name, mean: score.mean, count: score.n }));
      return {
        ...totals,
        version: row.version,
        errorRate: row.calls > 0 ? row.errors / row.calls : 0,
        firstSeen: isoFromMicros((firstSeen.get(row.version) ?? 0) * 1_000_000),
        scores,
      };
    })
    .sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.version.localeCompare(b.version));
  return {
    name: promptName,
    bucketSeconds,
    buckets,
    versions,
    traffic: versions.map((version) => {
      const own = trafficRows.filter((row) => row.version === version.version);
      return densify(buckets, own, (index) => own[index]!.calls, 0);
    }),
  };
}
