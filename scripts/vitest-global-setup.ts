// Starts Debian's legacy clickhouse-server (18.16) once for the whole run, for the test that
// server mode refuses ClickHouse versions below the minimum, and stops it afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCRIPT = resolve(
  import.meta.dirname,
  '../packages/collector/src/storage/test-support/start-legacy-clickhouse.sh',
);

export default function setup(): () => void {
  if (process.env.SIGHTLINE_LEGACY_CLICKHOUSE_URL) return () => {};
  const directory = mkdtempSync(join(tmpdir(), 'sightline-legacy-pid-'));
  const pidFile = join(directory, 'pid');
  const started = spawnSync('bash', [SCRIPT], {
    encoding: 'utf8',
    env: { ...process.env, SIGHTLINE_LEGACY_CLICKHOUSE_PIDFILE: pidFile },
  });
  if (started.status !== 0) {
    throw new Error(
      `could not start the legacy clickhouse-server for the version-refusal test (run scripts/prepare-test-environment.ts):\n${started.stderr}`,
    );
  }
  process.env.SIGHTLINE_LEGACY_CLICKHOUSE_URL = started.stdout.trim();
  return () => {
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(directory, { recursive: true, force: true });
  };
}
