// Builds @sightline/instrumentation's dist/ (the JavaScript `import "@sightline/instrumentation/auto"`
// loads) when it is missing or older than its sources, so apps, tests and benchmarks run in this
// checkout always load the current build without rebuilding every time.
import { ensureBuilt, isBuildStale } from '../packages/instrumentation/src/build/build-freshness.ts';

if (isBuildStale()) {
  console.error('[sightline] building @sightline/instrumentation (packages/instrumentation/dist)…');
  ensureBuilt();
}
