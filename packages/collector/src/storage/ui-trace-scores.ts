import { z } from 'zod';
import { IntegerColumn } from './read-values.ts';
import type { SqlExecutor } from './sql-executor.ts';
import type { ScoreSummary } from './ui-view-types.ts';

const ScoreRow = z.object({ trace_id: z.string(), name: z.string(), mean: z.number(), n: IntegerColumn });

/** Mean numeric score per trace and score name (latest version of each score). */
export async function readScoreSummaries(
  executor: SqlExecutor,
  projectId: string,
  traceIds: readonly string[],
): Promise<Map<string, ScoreSummary[]>> {
  if (traceIds.length === 0) return new Map();
  const rows = await executor.query(
    `SELECT trace_id, toString(name) AS name, avg(assumeNotNull(value)) AS mean, count() AS n
     FROM (
       SELECT trace_id, name, value, is_deleted FROM scores
       WHERE project_id = {projectId:String} AND trace_id IN {traceIds:Array(String)}
       ORDER BY updated_at DESC LIMIT 1 BY id)
     WHERE is_deleted = 0 AND value IS NOT NULL
     GROUP BY trace_id, name ORDER BY name`,
    { projectId, traceIds },
    ScoreRow,
  );
  const byTrace = new Map<string, ScoreSummary[]>();
  for (const row of rows) {
    const list = byTrace.get(row.trace_id) ?? [];
    list.push({ name: row.name, mean: row.mean, count: row.n });
    byTrace.set(row.trace_id, list);
  }
  return byTrace;
}
