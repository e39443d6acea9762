// `import "@sightline/instrumentation/auto"` (first line of the entry file) or
// `node --import @sightline/instrumentation/auto app.js`: configured from SIGHTLINE_* and OTEL_* variables.
import { safely } from './diagnostics/safely.ts';
import { ANTHROPIC, enabledSdks, OPENAI } from './init/instrumentations.ts';
import { importAppModule } from './init/loaded-modules.ts';
import { loadedByFlag, startFromEnv } from './init/start-from-env.ts';

const { handle, options } = startFromEnv();

// Imported from the entry file, the entry's other static imports are already loaded and the loader
// hook cannot see them: patch the app's own copies before its code runs.
if (handle.mode !== 'disabled' && !loadedByFlag()) {
  const enabled = enabledSdks(options);
  for (const patcher of [enabled.openai ? OPENAI : undefined, enabled.anthropic ? ANTHROPIC : undefined]) {
    if (!patcher) continue;
    const moduleExports = await importAppModule(patcher.packageName);
    if (moduleExports !== undefined) safely(`patching ${patcher.packageName}`, () => patcher.patch(moduleExports));
  }
}

/** What the automatic start did (mode, dropped spans, flush, shutdown). */
export const sightline = handle;
