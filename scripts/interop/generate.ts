// Generates OTLP/JSON fixtures from real third-party GenAI instrumentations.
// Each (app, scenario) runs in its own child process (instrumentations patch modules globally) against a
// fresh mock LLM server, exporting to a local sink that records the bodies as sent.
// Run: pnpm --filter @sightline/interop generate [-- <app> ...]

import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { homedir, hostname } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockLlmServer } from '@sightline/mock-llm';
import { APPS, type AppSpec, installedPackage, libraryVersions } from './apps-registry.ts';
import { type WrittenFixture, writeFixturesReadme } from './fixtures-readme.ts';
import { sanitiseOtlpBody } from './sanitise.ts';
import { type CapturedPayload, startOtlpSink } from './sink.ts';

const interopDirectory = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(interopDirectory, '../..');
const fixturesDirectory = join(repositoryRoot, 'packages/collector/src/normalise/__fixtures__/interop');

interface ChildResult {
  code: number | null;
  output: string;
}

function runChild(app: AppSpec, scenario: string, environment: Record<string, string>): Promise<ChildResult> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [join(interopDirectory, 'apps', `${app.app}.ts`), scenario], {
      cwd: interopDirectory,
      env: { ...process.env, ...app.env, ...environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('exit', (code) => resolvePromise({ code, output }));
  });
}

function fixtureName(app: AppSpec, version: string, scenario: string, payload: CapturedPayload, index: number): string {
  const signal = payload.signal === 'traces' ? '' : `-${payload.signal}`;
  const repeat = index > 0 ? `-${index + 1}` : '';
  return `${app.instrumentation}-${version}-${scenario}${signal}${repeat}.json`;
}

async function generateScenario(app: AppSpec, scenario: string): Promise<WrittenFixture[]> {
  const mock = await startMockLlmServer();
  const sink = await startOtlpSink();
  try {
    const result = await runChild(app, scenario, { INTEROP_MOCK_URL: mock.url, INTEROP_SINK_URL: sink.url });
    if (result.code !== 0) throw new Error(`${app.app} ${scenario} exited with ${result.code}:\n${result.output}`);
    const payloads = sink.take();
    if (!payloads.some((payload) => payload.signal === 'traces')) {
      throw new Error(`${app.app} ${scenario} exported no traces:\n${result.output}`);
    }
    const { version } = await installedPackage(interopDirectory, app.packageDirectory);
    const libraries = await libraryVersions(interopDirectory, app);
    const written: WrittenFixture[] = [];
    const counts = new Map<string, number>();
    for (const payload of payloads) {
      const index = counts.get(payload.signal) ?? 0;
      counts.set(payload.signal, index + 1);
      const file = fixtureName(app, version, scenario, payload, index);
      const body = sanitiseOtlpBody(payload.body, {
        repositoryRoot,
        homeDirectory: homedir(),
        hostname: hostname(),
        executablePath: process.execPath,
        mockPort: mock.port,
      });
      const fixture = {
        generator: { package: app.packageName, version, scenario, libraries },
        signal: payload.signal,
        contentType: payload.contentType,
        body,
      };
      await writeFile(join(fixturesDirectory, file), `${JSON.stringify(fixture, null, 2)}\n`);
      written.push({ file, app: app.app, scenario, signal: payload.signal });
    }
    return written;
  } finally {
    await mock.close();
    await sink.close();
  }
}

async function main(): Promise<void> {
  // `pnpm … generate -- <app>` passes the separator through.
  const only = process.argv.slice(2).filter((argument) => argument !== '--');
  const selected = only.length > 0 ? APPS.filter((app) => only.includes(app.app)) : APPS;
  await mkdir(fixturesDirectory, { recursive: true });
  if (only.length === 0) {
    for (const file of await readdir(fixturesDirectory)) {
      if (file.endsWith('.json')) await rm(join(fixturesDirectory, file));
    }
  }
  const failures: string[] = [];
  const written: WrittenFixture[] = [];
  for (const app of selected) {
    for (const scenario of Object.keys(app.scenarios)) {
      try {
        const files = await generateScenario(app, scenario);
        written.push(...files);
        console.log(`✓ ${app.app} ${scenario}: ${files.map((fixture) => fixture.file).join(', ')}`);
      } catch (error) {
        failures.push(`${app.app} ${scenario}`);
        console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  if (only.length === 0) await writeFixturesReadme(fixturesDirectory, interopDirectory, written);
  if (failures.length > 0) {
    console.error(`${failures.length} scenario(s) failed: ${failures.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log(`${written.length} fixture file(s) in ${fixturesDirectory}`);
  }
}

await main();
