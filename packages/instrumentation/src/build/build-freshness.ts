// Whether dist/ (what `@sightline/instrumentation` resolves to) is missing or older than the
// sources it is built from, and a build when it is: used by the e2e tests, the overhead bench and
// the root scripts, so that a fresh clone (or an edited source) never runs a stale build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_MARKER, DIST, PACKAGE_ROOT } from './build-paths.ts';

/** What the bundle is built from: this package's and @sightline/core's sources and manifests. */
const SOURCES = [
  join(PACKAGE_ROOT, 'src'),
  join(PACKAGE_ROOT, 'package.json'),
  join(PACKAGE_ROOT, '../core/src'),
  join(PACKAGE_ROOT, '../core/package.json'),
];

/** Newest modification time (ms) of a file, or of a directory and everything in it. */
export function newestModification(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestModification(join(path, name))),
    stats.mtimeMs,
  );
}

/** True when dist/ is missing or a source changed after the last build completed. */
export function isBuildStale(): boolean {
  const marker = join(DIST, BUILD_MARKER);
  if (!existsSync(marker)) return true;
  const built = statSync(marker).mtimeMs;
  return SOURCES.filter(existsSync).some((source) => newestModification(source) > built);
}

/** Builds dist/ when it is stale (in a child process: the bundler stays out of the caller). Throws when the build fails. */
export function ensureBuilt(): void {
  if (!isBuildStale()) return;
  const result = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'src/build/bundle.ts')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`building @sightline/instrumentation failed (exit ${result.status}): ${result.stderr}`);
  }
}
