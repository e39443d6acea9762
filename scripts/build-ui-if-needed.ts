// Builds the web app (packages/ui/dist) when it is missing or older than its sources, so that
// `sightline start` always serves the current UI without rebuilding on every start.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { newestModification } from '../packages/instrumentation/src/build/build-freshness.ts';

const ui = resolve(import.meta.dirname, '../packages/ui');
const built = join(ui, 'dist/index.html');

const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json']
  .map((name) => join(ui, name))
  .filter(existsSync);
const stale = !existsSync(built) || sources.some((source) => newestModification(source) > statSync(built).mtimeMs);
if (stale) {
  console.error('[sightline] building the web app (packages/ui)…');
  const result = spawnSync('pnpm', ['--filter', '@sightline/ui', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    console.error('[sightline] the web app did not build; the collector will start without it');
  }
}
