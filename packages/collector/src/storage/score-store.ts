import { z } from 'zod';
import { SCORE_DATA_TYPES, SCORE_SOURCES, type Score, type ScoreInput } from './api-types.ts';
import { IntegerColumn, isoFromMicros } from './read-values.ts';
import { dateTime64Text } from './span-rows.ts';
import type { SqlExecutor } from './sql-executor.ts';

const ScoreRow = z.object({
  id: z.string(),
  project_id: z.string(),
  trace_id: z.string(),
  span_id: z.string(),
  session_id: z.string(),
  name: z.string(),
  data_type: z.enum(SCORE_DATA_TYPES),
  value: z.number().nullable(),
  string_value: z.string().nullable(),
  source: z.enum(SCORE_SOURCES),
  comment: z.string(),
  evaluator_id: z.string(),
  metadata: z.record(z.string(), z.string()),
  timestamp_us: IntegerColumn,
  created_us: IntegerColumn,
  updated_us: IntegerColumn,
});

const ExistingScore = z.object({
  id: z.string(),
  timestamp_us: IntegerColumn,
  value: z.number().nullable(),
  string_value: z.string().nullable(),
  comment: z.string(),
});

/**
 * Scores (evaluations, annotations, API scores). Writing a score with an existing id replaces it
 * (ReplacingMergeTree on updated_at; reads keep the latest row per id). An insert identical to the
 * stored score (a retry) is skipped, so score_metrics_1m does not count it twice.
 */
export class ScoreStore {
  readonly #executor: SqlExecutor;

  constructor(executor: SqlExecutor) {
    this.#executor = executor;
  }

  /** Stores scores; returns how many were written (retried identical ones are skipped). */
  async insert(scores: readonly ScoreInput[]): Promise<number> {
    const fresh: ScoreInput[] = [];
    const byProject = new Map<string, ScoreInput[]>();
    for (const score of scores) byProject.set(score.projectId, [...(byProject.get(score.projectId) ?? []), score]);
    for (const [projectId, projectScores] of byProject) {
      const stored = await this.#storedScores(projectId, projectScores);
      const seen = new Set<string>();
      for (const score of projectScores) {
        const fingerprint = scoreFingerprint(score);
        if (seen.has(fingerprint) || stored.has(fingerprint)) continue;
        seen.add(fingerprint);
        fresh.push(score);
      }
    }
    if (fresh.length === 0) return 0;
    let text = '';
    for (const score of fresh) {
      text += `${JSON.stringify({
        project_id: score.projectId,
        id: score.id,
        timestamp: dateTime64Text(score.timestamp.getTime() * 1000),
        trace_id: score.traceId,
        span_id: score.spanId ?? '',
        session_id: score.sessionId ?? '',
        name: score.name,
        data_type: score.dataType,
        value: score.value !== undefined && Number.isFinite(score.value) ? score.value : null,
        string_value: score.stringValue ?? null,
        source: score.source,
        comment: score.comment ?? '',
        evaluator_id: score.evaluatorId ?? '',
        metadata: score.metadata ?? {},
      })}\n`;
    }
    await this.#executor.insertJsonEachRow('scores', Buffer.from(text));
    return fresh.length;
  }

  /** A trace's scores, latest version of each, oldest first. */
  async listForTrace(projectId: string, traceId: string): Promise<Score[]> {
    const rows = await this.#executor.query(
      `SELECT id, project_id, trace_id, span_id, session_id, name, data_type, value, string_value, source, comment,
              evaluator_id, metadata, toUnixTimestamp64Micro(timestamp) AS timestamp_us,
              toUnixTimestamp64Micro(created_at) AS created_us, toUnixTimestamp64Micro(updated_at) AS updated_us
       FROM (
         SELECT * FROM scores
         WHERE project_id = {projectId:String} AND trace_id = {traceId:String}
         ORDER BY updated_at DESC
         LIMIT 1 BY id
       )
       WHERE is_deleted = 0
       ORDER BY timestamp, id`,
      { projectId, traceId },
      ScoreRow,
    );
    return rows.map((row) => ({
      id: row.id,
      projectId: row.project_id,
      traceId: row.trace_id,
      spanId: row.span_id,
      sessionId: row.session_id,
      name: row.name,
      dataType: row.data_type,
      value: row.value,
      stringValue: row.string_value,
      source: row.source,
      comment: row.comment,
      evaluatorId: row.evaluator_id,
      metadata: row.metadata,
      timestamp: isoFromMicros(row.timestamp_us),
      createdAt: isoFromMicros(row.created_us),
      updatedAt: isoFromMicros(row.updated_us),
    }));
  }

  async #storedScores(projectId: string, scores: readonly ScoreInput[]): Promise<Set<string>> {
    const times = scores.map((score) => score.timestamp.getTime());
    const rows = await this.#executor.query(
      `SELECT id, toUnixTimestamp64Micro(timestamp) AS timestamp_us, value, string_value, comment
       FROM (
         SELECT * FROM scores
         WHERE project_id = {projectId:String}
           AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}) AND timestamp <= fromUnixTimestamp64Milli({toMs:Int64})
           AND name IN {names:Array(String)} AND id IN {ids:Array(String)}
         ORDER BY updated_at DESC
         LIMIT 1 BY id
       )`,
      {
        projectId,
        fromMs: Math.min(...times),
        toMs: Math.max(...times),
        names: [...new Set(scores.map((score) => score.name))],
        ids: scores.map((score) => score.id),
      },
      ExistingScore,
    );
    return new Set(
      rows.map((row) =>
        fingerprint(row.id, Math.floor(row.timestamp_us / 1000), row.value, row.string_value, row.comment),
      ),
    );
  }
}

function scoreFingerprint(score: ScoreInput): string {
  return fingerprint(
    score.id,
    score.timestamp.getTime(),
    score.value ?? null,
    score.stringValue ?? null,
    score.comment ?? '',
  );
}

function fingerprint(
  id: string,
  timestampMs: number,
  value: number | null,
  stringValue: string | null,
  comment: string,
): string {
  return JSON.stringify([id, timestampMs, value, stringValue, comment]);
}
