// Builds the JavaScript an app loads (dist/): the `.` , `./auto` and `require("./auto")` entries,
// with Sightline's own TypeScript and @sightline/core bundled in, so that starting an app does
// not type-strip ~60 source files. ESM only, with shared chunks: `require()` of the auto entry
// (Node's require of ES modules) and `import` get the same module instances, one copy of the state.
// Run: node packages/instrumentation/src/build/bundle.ts [--out <dir>] [--external-otel]
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, posix, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build, type Plugin } from 'rolldown';
import { BUILD_MARKER, DIST, PACKAGE_ROOT } from './build-paths.ts';

const ENTRIES = {
  index: 'src/index.ts',
  auto: 'src/auto.ts',
  'auto-require': 'src/auto-require.ts',
};

/**
 * Loaded from node_modules, never bundled:
 * - @opentelemetry/api: the app's global API, shared by every library that traces;
 * - @opentelemetry/instrumentation: the loader hook feeds import-in-the-middle's registry in that
 *   package's copy, so the instrumentations must use the same copy;
 * - what loads only when used (exporter, b3 propagator, tokenizer, price table, yaml, zod) and the
 *   SDKs that are patched, not imported.
 */
const ALWAYS_EXTERNAL = [
  '@opentelemetry/api',
  '@opentelemetry/instrumentation',
  '@opentelemetry/exporter-trace-otlp-http',
  '@opentelemetry/propagator-b3',
  '@pydantic/genai-prices',
  'gpt-tokenizer',
  'yaml',
  'zod',
  'openai',
  '@anthropic-ai/sdk',
];
/** Patched when the app loads them, never loaded by Sightline itself. */
const PATCHED_ONLY = new Set(['openai', '@anthropic-ai/sdk']);

/**
 * Every external the built files load must be a dependency of this package (not only of a bundled
 * workspace package): from dist/, Node resolves it from packages/instrumentation/node_modules.
 */
function checkDependencies(external: readonly string[]): void {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const missing = external.filter((name) => !PATCHED_ONLY.has(name) && !manifest.dependencies?.[name]);
  if (missing.length > 0) {
    throw new Error(`the bundle loads ${missing.join(', ')} at run time: add them to the dependencies`);
  }
}

/** The OpenTelemetry SDK packages the start-up path imports: bundled unless --external-otel. */
const OTEL_SDK = [
  '@opentelemetry/core',
  '@opentelemetry/resources',
  '@opentelemetry/sdk-trace',
  '@opentelemetry/context-async-hooks',
  '@opentelemetry/semantic-conventions',
];

function isPackage(id: string, names: readonly string[]): boolean {
  return names.some((name) => id === name || id.startsWith(`${name}/`));
}

// Modules loaded on first use with createRequire(import.meta.url)('./<name>.ts') (synchronously:
// require of an ES module), so that importing the package does not load yaml and zod: each is built
// as its own file, and each such require points at it from wherever its caller's code landed.
const LAZY_MODULES: Record<string, string> = {
  'price-overrides-parser': '../core/src/pricing/price-overrides-parser.ts',
  'prompt-config-parser': 'src/prompts/prompt-config-parser.ts',
};
const LAZY_PLACEHOLDER = '__sightline_lazy_module__/';

function lazyRequires(found: Set<string>): Plugin {
  return {
    name: 'sightline-lazy-requires',
    transform(code) {
      let rewritten = code;
      for (const name of Object.keys(LAZY_MODULES)) {
        // Either quote: the code may already have been through the TypeScript transform.
        const call = new RegExp(`createRequire\\(import\\.meta\\.url\\)\\((['"])\\./${name}\\.ts\\1\\)`, 'g');
        const replaced = rewritten.replace(call, `createRequire(import.meta.url)('${LAZY_PLACEHOLDER}${name}')`);
        if (replaced !== rewritten) found.add(name);
        rewritten = replaced;
      }
      return rewritten === code ? undefined : { code: rewritten, map: null };
    },
    renderChunk(code, chunk) {
      if (!code.includes(LAZY_PLACEHOLDER)) return undefined;
      const from = posix.dirname(chunk.fileName);
      const rewritten = code.replace(/__sightline_lazy_module__\/([\w-]+)/g, (_match, name: string) => {
        const path = posix.relative(from, `${name}.js`);
        return path.startsWith('.') ? path : `./${path}`;
      });
      return { code: rewritten, map: null };
    },
  };
}

export interface BundleOptions {
  /** Where the files go (default dist/); replaced file by file, so readers never see half a build. */
  out?: string;
  /** Leave the OpenTelemetry SDK packages in node_modules (for measuring what bundling them saves). */
  externalOtel?: boolean;
}

export async function bundle(options: BundleOptions = {}): Promise<string[]> {
  const out = options.out ?? DIST;
  const external = options.externalOtel ? [...ALWAYS_EXTERNAL, ...OTEL_SDK] : ALWAYS_EXTERNAL;
  checkDependencies(external);
  mkdirSync(out, { recursive: true });
  // Built beside the output, then moved in: concurrent builds (parallel test files) never
  // leave a reader with a missing or partly written file.
  const staging = mkdtempSync(join(out, '.staging-'));
  const found = new Set<string>();
  try {
    await build({
      cwd: PACKAGE_ROOT,
      input: { ...ENTRIES, ...LAZY_MODULES },
      platform: 'node',
      external: (id) => isBuiltin(id) || isPackage(id, external),
      plugins: [lazyRequires(found)],
      logLevel: 'warn',
      output: {
        dir: staging,
        format: 'esm',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name].js',
        sourcemap: true,
      },
    });
    const missing = Object.keys(LAZY_MODULES).filter((name) => !found.has(name));
    // A renamed or removed lazy require would otherwise fail only at run time, in an app.
    if (missing.length > 0) throw new Error(`nothing requires ${missing.join(', ')} any more: update LAZY_MODULES`);
    const files = listFiles(staging);
    for (const file of files) {
      mkdirSync(join(out, file, '..'), { recursive: true });
      renameSync(join(staging, file), join(out, file));
    }
    return files;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function listFiles(directory: string, prefix = ''): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(join(directory, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: { out: { type: 'string' }, 'external-otel': { type: 'boolean', default: false } },
  });
  const out = values.out ? resolve(values.out) : DIST;
  const started = new Date();
  const files = await bundle({ out, externalOtel: values['external-otel'] });
  // Dated when the sources were read: a source saved during the build still counts as newer.
  const marker = join(out, BUILD_MARKER);
  writeFileSync(marker, `${started.toISOString()}\n`);
  utimesSync(marker, started, started);
  process.stderr.write(`built ${files.filter((file) => file.endsWith('.js')).length} files into ${out}\n`);
}
