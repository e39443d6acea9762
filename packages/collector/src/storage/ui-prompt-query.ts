import { z } from 'zod';
import { IntegerColumn, isoFromMicros, microsFromDate } from './read-values.ts';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';
import { keyedMetricsSql, selectMetrics } from './ui-metrics-selection.ts';
import { METRIC_COLUMNS, METRIC_STATE_COLUMNS, MetricRow, totalsFromRow } from './ui-rollup-sql.ts';
import { bucketsFor, densify } from './ui-time-buckets.ts';
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

/** Prompt names seen in the window, busiest first (from view_dimension_metrics). */
export async function listPrompts(executor: SqlExecutor, range: TimeRange): Promise<PromptSummary[]> {
  const params: Record<string, QueryParamValue> = {};
  const selection = selectMetrics(range.projectId, range.from, range.to, {}, 'promptName', params);
  const [rows, seen] = await Promise.all([
    executor.query(
      `SELECT ${selection.key} AS name, uniqExact(version) AS versions, sum(calls) AS calls,
              toFloat64(sum(cost_usd)) AS cost_usd, sum(priced_calls) AS priced,
              toUnixTimestamp(max(period)) AS last_seconds
       FROM ${selection.table}
       WHERE ${selection.where} AND name != ''
       GROUP BY name ORDER BY calls DESC, name LIMIT ${MAX_PROMPTS}`,
      params,
      PromptRow,
    ),
    executor.query(
      `SELECT toString(prompt_name) AS name, toUnixTimestamp(max(last_seen)) AS last_seconds
       FROM prompt_versions_seen WHERE project_id = {projectId:String} GROUP BY name`,
      { projectId: range.projectId },
      LastSeenRow,
    ),
  ]);
  const lastCall = new Map(seen.map((row) => [row.name, row.last_seconds]));
  const toSeconds = range.to.getTime() / 1000;
  return rows.map((row) => {
    // The rollups give the start of the last period with calls (an hour for whole hours); the last
    // call's minute is exact when it lies in the window.
    const last = lastCall.get(row.name);
    const lastSeconds = last !== undefined && last >= row.last_seconds && last < toSeconds ? last : row.last_seconds;
    return {
      name: row.name,
      versions: row.versions,
      calls: row.calls,
      costUsd: row.priced > 0 ? row.cost_usd : null,
      lastSeen: new Date(lastSeconds * 1000).toISOString(),
    };
  });
}

const LastSeenRow = z.object({ name: z.string(), last_seconds: IntegerColumn });
const VersionRow = MetricRow.extend({ version: z.string(), bucket: IntegerColumn, per_bucket: IntegerColumn });
const FirstSeenRow = z.object({ version: z.string(), first_seconds: IntegerColumn });
const VersionScoreRow = z.object({ version: z.string(), name: z.string(), mean: z.number(), n: IntegerColumn });

/** Scores are looked up from this long before the window (a score is written after its trace starts). */
const SCORE_SLACK_US = 86_400_000_000;

/**
 * A prompt's versions side by side over the window: traffic, latency, cost, tokens and errors from
 * the metrics rollups; the minute each version was first called (prompt_versions_seen); and the
 * mean of each score name over the window's traces that used the version (scored traces first,
 * then their trace_index rows by id).
 */
export async function comparePromptVersions(
  executor: SqlExecutor,
  range: TimeRange,
  promptName: string,
): Promise<PromptComparison> {
  const { bucketSeconds, buckets } = bucketsFor(range.from, range.to);
  const params: Record<string, QueryParamValue> = { bucketSeconds };
  const selection = selectMetrics(
    range.projectId,
    range.from,
    range.to,
    { promptName },
    'promptVersion',
    params,
    bucketSeconds,
  );
  const fromUs = microsFromDate(range.from);
  const [versionRows, firstSeenRows, scoreRows] = await Promise.all([
    // Per version and per (bucket, version): the rollup's rows are merged once per bucket and version.
    executor.query(keyedMetricsSql(selection, 'version', METRIC_STATE_COLUMNS, METRIC_COLUMNS), params, VersionRow),
    executor.query(
      `SELECT toString(prompt_version) AS version, toUnixTimestamp(min(first_seen)) AS first_seconds
       FROM prompt_versions_seen WHERE project_id = {projectId:String} AND prompt_name = {promptName:String}
       GROUP BY version`,
      { projectId: range.projectId, promptName },
      FirstSeenRow,
    ),
    executor.query(
      `WITH scored AS (
         SELECT trace_id, name, assumeNotNull(value) AS value FROM (
           SELECT trace_id, name, value, is_deleted FROM scores
           WHERE project_id = {projectId:String} AND timestamp >= fromUnixTimestamp64Micro({scoresFromUs:Int64})
           ORDER BY updated_at DESC LIMIT 1 BY id)
         WHERE is_deleted = 0 AND value IS NOT NULL AND trace_id != '')
       SELECT toString(tupleElement(prompt, 2)) AS version, toString(score.name) AS name, avg(score.value) AS mean,
              count() AS n
       FROM (
         SELECT trace_id, min(start_time) AS started, groupUniqArrayArray(prompts) AS prompt_pairs
         FROM trace_index
         WHERE project_id = {projectId:String} AND trace_id IN (SELECT trace_id FROM scored)
         GROUP BY trace_id
         HAVING started >= fromUnixTimestamp64Micro({fromUs:Int64}) AND started < fromUnixTimestamp64Micro({toUs:Int64})
       ) AS traced
       ARRAY JOIN prompt_pairs AS prompt
       INNER JOIN scored AS score ON score.trace_id = traced.trace_id
       WHERE tupleElement(prompt, 1) = {promptName:String}
       GROUP BY version, name ORDER BY version, name`,
      {
        projectId: range.projectId,
        promptName,
        fromUs,
        toUs: microsFromDate(range.to),
        scoresFromUs: Math.max(0, fromUs - SCORE_SLACK_US),
      },
      VersionScoreRow,
    ),
  ]);
  const firstSeen = new Map(firstSeenRows.map((row) => [row.version, row.first_seconds]));
  const trafficRows = versionRows.filter((row) => row.per_bucket === 1);
  const versions = versionRows
    .filter((row) => row.per_bucket === 0)
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
