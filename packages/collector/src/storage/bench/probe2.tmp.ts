import { z } from 'zod';
import { ChdbExecutor } from '../chdb-executor.ts';
const executor = new ChdbExecutor({ dataDir: '/tmp/benchdb' });
const fromUs = (Date.now() - 86_400_000) * 1000, toUs = Date.now() * 1000;
const p = { projectId: 'bench-project', fromUs, toUs, limit: 51 };
for (const order of ['start_time DESC, trace_id DESC', 'toStartOfMinute(start_time) DESC, start_time DESC, trace_id DESC']) {
  const rows = await executor.query(`EXPLAIN actions = 1 SELECT trace_id, name FROM spans WHERE project_id = {projectId:String} AND start_time >= fromUnixTimestamp64Micro({fromUs:Int64}) AND start_time < fromUnixTimestamp64Micro({toUs:Int64}) AND is_root ORDER BY ${order} LIMIT {limit:UInt32}`, p, z.object({ explain: z.string() }));
  console.log(rows.map(r => r.explain).filter(l => /Read|Sort|Limit|order/i.test(l)).join('\n'));
  console.log('---');
}
