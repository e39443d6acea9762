import { readFileSync } from 'node:fs';
import { createRequire, findPackageJSON } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { logger } from '../diagnostics/safely.ts';

// An entry file that imports Sightline on its first line has already loaded its other imports when
// Sightline runs (ESM links the whole graph first), so the loader hook cannot see them. These
// helpers find the app's copy of an SDK and hand it over for patching (same module instance).

const IMPORT_CONDITIONS = new Set(['node', 'import', 'module-sync', 'default']);

/** Where the app's module resolution starts: its entry file, else the working directory. */
export function appBase(): string {
  const entry = process.argv[1];
  return entry ? resolve(entry) : join(process.cwd(), 'index.js');
}

function pickTarget(target: unknown, conditions: ReadonlySet<string>): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const picked = pickTarget(item, conditions);
      if (picked) return picked;
    }
    return undefined;
  }
  if (target !== null && typeof target === 'object') {
    for (const [condition, value] of Object.entries(target)) {
      if (!conditions.has(condition)) continue;
      const picked = pickTarget(value, conditions);
      if (picked) return picked;
    }
  }
  return undefined;
}

/** The file `import "<name>"` loads for the app, or undefined when the app cannot import it. */
export function appImportTarget(name: string, base = appBase()): string | undefined {
  let packageJsonPath: string | undefined;
  try {
    packageJsonPath = findPackageJSON(name, pathToFileURL(base));
  } catch {
    return undefined;
  }
  if (!packageJsonPath) return undefined;
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as {
    exports?: unknown;
    module?: unknown;
    main?: unknown;
  };
  const exportsField = manifest.exports;
  let target: string | undefined;
  if (exportsField !== undefined) {
    const root =
      exportsField !== null && typeof exportsField === 'object' && !Array.isArray(exportsField) && '.' in exportsField
        ? (exportsField as Record<string, unknown>)['.']
        : exportsField;
    target = pickTarget(root, IMPORT_CONDITIONS);
  } else if (typeof manifest.main === 'string') {
    target = manifest.main;
  }
  return target ? join(dirname(packageJsonPath), target) : undefined;
}

/** Imports the app's ESM copy of `name` (the instance the app's own imports got), or undefined. */
export async function importAppModule(name: string): Promise<unknown> {
  const target = appImportTarget(name);
  if (!target) return undefined;
  try {
    return await import(pathToFileURL(target).href);
  } catch (error) {
    logger.debug(`could not import ${name} from the app`, error);
    return undefined;
  }
}

/** The app's CJS copy of `name` when it is already in require.cache (required before Sightline). */
export function requiredAppModule(name: string): unknown {
  try {
    const appRequire = createRequire(appBase());
    const resolved = appRequire.resolve(name);
    return appRequire.cache[resolved]?.exports;
  } catch {
    return undefined;
  }
}
