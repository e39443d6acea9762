// Fails when a circular import exists among the workspace's TypeScript sources (relative and
// @sightline/* imports), and when a package imports a layer above it (docs/architecture.md).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const LAYERS: Record<string, number> = {
  core: 0,
  'mock-llm': 0,
  collector: 1,
  instrumentation: 1,
  evaluator: 2,
  ui: 3,
};
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function packageOf(file: string): string | undefined {
  const match = /packages\/([^/]+)\//.exec(relative(root, file));
  return match?.[1];
}

function resolveImport(from: string, specifier: string): string | undefined {
  if (specifier.startsWith('@sightline/')) {
    const entry = join(root, 'packages', specifier.slice('@sightline/'.length).split('/')[0] ?? '', 'src', 'index.ts');
    return existsSync(entry) ? entry : undefined;
  }
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const files = sourceFiles(join(root, 'packages'));
const graph = new Map<string, string[]>();
const problems: string[] = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const targets: string[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? '';
    const target = resolveImport(file, specifier);
    if (!target) continue;
    targets.push(target);
    const fromPackage = packageOf(file);
    const toPackage = packageOf(target);
    if (fromPackage && toPackage && fromPackage !== toPackage) {
      const fromLayer = LAYERS[fromPackage] ?? 99;
      const toLayer = LAYERS[toPackage] ?? 99;
      if (toLayer >= fromLayer && !file.includes('.test.') && !file.includes('/bench/')) {
        problems.push(`layering: ${relative(root, file)} (${fromPackage}) imports ${toPackage}`);
      }
    }
  }
  graph.set(file, targets);
}

const state = new Map<string, 'visiting' | 'done'>();
const stack: string[] = [];
function visit(file: string): void {
  state.set(file, 'visiting');
  stack.push(file);
  for (const target of graph.get(file) ?? []) {
    const seen = state.get(target);
    if (seen === 'visiting') {
      const cycle = stack.slice(stack.indexOf(target)).concat(target);
      problems.push(`cycle: ${cycle.map((path) => relative(root, path)).join(' -> ')}`);
    } else if (!seen) {
      visit(target);
    }
  }
  stack.pop();
  state.set(file, 'done');
}
for (const file of graph.keys()) if (!state.has(file)) visit(file);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`import check: ${files.length} files, no cycles, layering respected`);
