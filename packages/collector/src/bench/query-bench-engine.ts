import { z } from 'zod';
import { IntegerColumn } from '../storage/read-values.ts';
import type { SqlExecutor } from '../storage/sql-executor.ts';

const CountRow = z.object({ merges: IntegerColumn });
const TraceIdRow = z.object({ trace_id: z.string() });
const SizeRow = z.object({
  table: z.string(),
  parts: IntegerColumn,
  row_count: IntegerColumn,
  bytes: IntegerColumn,
});

/** Waits until no background merge has run for a few seconds (merges compete with the queries for 2 cores). */
export async function waitForMerges(executor: SqlExecutor, maxSeconds = 900): Promise<void> {
  let quietPolls = 0;
  for (let second = 0; second < maxSeconds && quietPolls < 3; second++) {
    const [row] = await executor.query('SELECT count() AS merges FROM system.merges', {}, CountRow);
    quietPolls = row?.merges === 0 ? quietPolls + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** Random stored trace ids (read once, before timing). */
export async function sampleTraceIds(executor: SqlExecutor, projectId: string, count: number): Promise<string[]> {
  const rows = await executor.query(
    `SELECT trace_id FROM trace_index WHERE project_id = {projectId:String} ORDER BY rand() LIMIT {count:UInt32}`,
    { projectId, count },
    TraceIdRow,
  );
  return rows.map((row) => row.trace_id);
}

/** One line per table: active parts, rows and compressed bytes. */
export async function tableSizes(executor: SqlExecutor): Promise<string[]> {
  const rows = await executor.query(
    `SELECT table, count() AS parts, sum(part.rows) AS row_count, sum(part.data_compressed_bytes) AS bytes
     FROM system.parts AS part WHERE part.active AND part.database = currentDatabase() AND part.rows > 0
     GROUP BY table ORDER BY bytes DESC`,
    {},
    SizeRow,
  );
  return rows.map(
    (row) =>
      `${row.table}: ${row.parts} parts, ${row.row_count} rows, ${(row.bytes / 1_048_576).toFixed(1)} MiB compressed`,
  );
}
