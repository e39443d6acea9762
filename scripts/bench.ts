// `pnpm bench [name ...]`: runs the benchmarks one after another, each in its own process (embedded
// chDB allows one data directory per process), and prints their figures. Names: hot-path, ingest, queries,
// instrumentation, ui. Record results in docs/benchmarks.md with the machine and the command.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const BENCHMARKS: Record<string, string> = {
  'hot-path': 'packages/collector/src/bench/hot-path.bench.ts',
  ingest: 'packages/collector/src/bench/ingest.bench.ts',
  queries: 'packages/collector/src/bench/query.bench.ts',
  instrumentation: 'packages/instrumentation/src/bench/overhead.bench.ts',
  ui: 'packages/ui/src/bench/ui.bench.ts',
};

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s) ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}`);
  process.exit(2);
}
const names = requested.length > 0 ? requested : Object.keys(BENCHMARKS);
console.log(
  `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.versions.node}`,
);
let failed = false;
for (const name of names) {
  const file = resolve(root, BENCHMARKS[name]!);
  if (!existsSync(file)) {
    console.error(`\n== ${name}: ${BENCHMARKS[name]} does not exist`);
    failed = true;
    continue;
  }
  console.log(`\n== ${name} (${BENCHMARKS[name]})`);
  const started = performance.now();
  const result = spawnSync(process.execPath, [file], { stdio: 'inherit', cwd: root });
  console.log(
    `== ${name}: ${result.status === 0 ? 'done' : `failed (exit ${result.status})`} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
