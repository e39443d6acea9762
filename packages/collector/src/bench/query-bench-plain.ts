import { z } from 'zod';
import { IntegerColumn } from '../storage/read-values.ts';
import { SPAN_READ_COLUMNS, SpanReadRow } from '../storage/span-read-row.ts';
import type { SqlExecutor } from '../storage/sql-executor.ts';

// The comparison: the same three questions answered by plain scans of a plain MergeTree
// copy of `spans` (ORDER BY (project_id, start_time), no partitions, no rollups, no trace index).

const PLAIN_TABLE = 'spans_plain';

/** (Re)creates the plain copy of every stored span. */
export async function createPlainCopy(executor: SqlExecutor): Promise<void> {
  await executor.command(`DROP TABLE IF EXISTS ${PLAIN_TABLE}`);
  await executor.command(`CREATE TABLE ${PLAIN_TABLE} AS spans ENGINE = MergeTree PARTITION BY tuple() PRIMARY KEY (project_id, start_time)
      ORDER BY (project_id, start_time) SETTINGS index_granularity = 8192`);
  await executor.command(`INSERT INTO ${PLAIN_TABLE} SELECT * FROM spans`);
}

const CountRow = z.object({ tables: IntegerColumn });

export async function hasPlainCopy(executor: SqlExecutor): Promise<boolean> {
  const [row] = await executor.query(
    `SELECT count() AS tables FROM system.tables WHERE database = currentDatabase() AND name = '${PLAIN_TABLE}'`,
    {},
    CountRow,
  );
  return (row?.tables ?? 0) > 0;
}

export interface PlainWindow {
  projectId: string;
  from: Date;
  to: Date;
}

const RootRow = z.object({
  trace_id: z.string(),
  start_us: IntegerColumn,
  end_us: IntegerColumn,
  name: z.string(),
  service_name: z.string(),
  environment: z.string(),
});

const windowParams = (window: PlainWindow) => ({
  projectId: window.projectId,
  fromUs: window.from.getTime() * 1000,
  toUs: window.to.getTime() * 1000,
});

/** Newest 50 root spans in the window (no per-trace totals). */
export function plainListTraces(executor: SqlExecutor, window: PlainWindow): Promise<unknown[]> {
  return executor.query(
    `SELECT trace_id, toUnixTimestamp64Micro(start_time) AS start_us, toUnixTimestamp64Micro(end_time) AS end_us,
            name, service_name, environment
     FROM ${PLAIN_TABLE}
     WHERE project_id = {projectId:String}
       AND start_time >= fromUnixTimestamp64Micro({fromUs:Int64}) AND start_time < fromUnixTimestamp64Micro({toUs:Int64})
       AND parent_span_id = ''
     ORDER BY start_time DESC
     LIMIT 50`,
    windowParams(window),
    RootRow,
  );
}

/** Every span of one trace (a scan of trace_id). */
export function plainGetTrace(executor: SqlExecutor, projectId: string, traceId: string): Promise<unknown[]> {
  return executor.query(
    `SELECT ${SPAN_READ_COLUMNS} FROM ${PLAIN_TABLE}
     WHERE project_id = {projectId:String} AND trace_id = {traceId:String}
     ORDER BY start_time`,
    { projectId, traceId },
    SpanReadRow,
  );
}

const PlainMetricsRow = z.object({
  provider: z.string(),
  model: z.string(),
  calls: IntegerColumn,
  errors: IntegerColumn,
  input_tokens: IntegerColumn,
  output_tokens: IntegerColumn,
  cost_usd: z.coerce.number(),
  average_latency: z.number(),
  latency: z.array(z.number()),
  ttft: z.array(z.number()),
});

/** Per-model calls, errors, tokens, cost and latency/TTFT percentiles computed from the spans. */
export function plainMetricsByModel(executor: SqlExecutor, window: PlainWindow): Promise<unknown[]> {
  return executor.query(
    `SELECT provider, if(response_model != '', response_model, request_model) AS model,
       count() AS calls, countIf(status_code = 'ERROR') AS errors,
       sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
       sum(ifNull(cost_usd, 0)) AS cost_usd, avg(duration_ms) AS average_latency,
       quantilesTDigest(0.5, 0.9, 0.95, 0.99)(duration_ms) AS latency,
       quantilesTDigestIf(0.5, 0.9, 0.95, 0.99)(ifNull(ttft_ms, 0), ttft_ms IS NOT NULL) AS ttft
     FROM ${PLAIN_TABLE}
     WHERE project_id = {projectId:String}
       AND start_time >= fromUnixTimestamp64Micro({fromUs:Int64}) AND start_time < fromUnixTimestamp64Micro({toUs:Int64})
       AND counts_in_totals
     GROUP BY provider, model
     ORDER BY calls DESC`,
    windowParams(window),
    PlainMetricsRow,
  );
}
