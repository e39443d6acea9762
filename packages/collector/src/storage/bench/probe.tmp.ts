import { z } from 'zod';
import { ChdbExecutor } from '../chdb-executor.ts';
const executor = new ChdbExecutor({ dataDir: '/tmp/benchdb' });
const Any = z.record(z.string(), z.unknown());
const fromUs = (Date.now() - 86_400_000) * 1000, toUs = Date.now() * 1000;
async function time(label: string, sql: string, params: Record<string, any> = {}) {
  const samples: number[] = [];
  let rows: unknown[] = [];
  for (let i = 0; i < 15; i++) { const t = performance.now(); rows = await executor.query(sql, params, Any); samples.push(performance.now() - t); }
  samples.sort((a, b) => a - b);
  console.log(label.padEnd(40), 'p50', samples[7]!.toFixed(1), 'min', samples[0]!.toFixed(1), 'rows', rows.length);
}
const p = { projectId: 'bench-project', fromUs, toUs, limit: 51 };
await time('select 1', 'SELECT 1 AS x');
await time('roots current', `SELECT trace_id, toUnixTimestamp64Micro(start_time) AS start_us, name FROM spans WHERE project_id = {projectId:String} AND start_time >= fromUnixTimestamp64Micro({fromUs:Int64}) AND start_time < fromUnixTimestamp64Micro({toUs:Int64}) AND parent_span_id = '' ORDER BY start_time DESC, trace_id DESC LIMIT 1 BY trace_id LIMIT {limit:UInt32}`, p);
await time('roots no limit by', `SELECT trace_id, toUnixTimestamp64Micro(start_time) AS start_us, name FROM spans WHERE project_id = {projectId:String} AND start_time >= fromUnixTimestamp64Micro({fromUs:Int64}) AND start_time < fromUnixTimestamp64Micro({toUs:Int64}) AND parent_span_id = '' ORDER BY start_time DESC, trace_id DESC LIMIT {limit:UInt32}`, p);
await time('roots is_root', `SELECT trace_id, toUnixTimestamp64Micro(start_time) AS start_us, name FROM spans WHERE project_id = {projectId:String} AND start_time >= fromUnixTimestamp64Micro({fromUs:Int64}) AND start_time < fromUnixTimestamp64Micro({toUs:Int64}) AND is_root ORDER BY start_time DESC, trace_id DESC LIMIT 1 BY trace_id LIMIT {limit:UInt32}`, p);
await time('roots order by minute', `SELECT trace_id, toUnixTimestamp64Micro(start_time) AS start_us, name FROM spans WHERE project_id = {projectId:String} AND start_time >= fromUnixTimestamp64Micro({fromUs:Int64}) AND start_time < fromUnixTimestamp64Micro({toUs:Int64}) AND is_root ORDER BY toStartOfMinute(start_time) DESC, start_time DESC, trace_id DESC LIMIT {limit:UInt32}`, p);
await time('count roots', `SELECT count() FROM spans WHERE project_id = {projectId:String} AND start_time >= fromUnixTimestamp64Micro({fromUs:Int64}) AND is_root`, p);
const ids = (await executor.query(`SELECT trace_id FROM spans WHERE project_id='bench-project' AND is_root LIMIT 50`, {}, z.object({ trace_id: z.string() }))).map(r => r.trace_id);
await time('trace_index 50 ids', `SELECT trace_id, sum(span_count) AS s, groupUniqArrayArray(models) AS m FROM trace_index WHERE project_id = {projectId:String} AND trace_id IN {ids:Array(String)} GROUP BY trace_id`, { projectId: 'bench-project', ids });
await time('trace_index 1 id', `SELECT trace_id, sum(span_count) AS s, groupUniqArrayArray(models) AS m FROM trace_index WHERE project_id = {projectId:String} AND trace_id IN {ids:Array(String)} GROUP BY trace_id`, { projectId: 'bench-project', ids: ids.slice(0, 1) });
await time('parts', `SELECT table, count() AS parts, sum(rows) AS rows FROM system.parts WHERE active AND database = currentDatabase() GROUP BY table`);
console.log(await executor.query(`SELECT table, partition, rows, marks FROM system.parts WHERE active AND database = currentDatabase() AND table IN ('spans','trace_index') ORDER BY table`, {}, Any));
