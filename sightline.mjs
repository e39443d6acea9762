#!/usr/bin/env node
// Sightline launcher, in the spirit of ./gradlew: runs on any Node >= 18 with npm.
// Sightline needs Node >= 22.15; when the system Node is older, this re-runs itself
// under Node 24 from the npm registry (the `node` package ships the binary), then
// installs the workspace with a pinned pnpm and runs the requested command.
//
//   node sightline.mjs start [--port 4318 ...]   install, start the platform (embedded storage)
//   node sightline.mjs start --demo              the same, plus a minute of demo traffic once it is up
//   node sightline.mjs demo                      send demo traffic to a running platform
//   node sightline.mjs test                      install, run every check and test
//   node sightline.mjs bench                     install, run the benchmarks
//   node sightline.mjs pnpm <args>               run the pinned pnpm
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const MINIMUM_NODE = [22, 15];
const FALLBACK_NODE = 'node@24';
const PNPM = 'pnpm@10.34.9';
const root = dirname(fileURLToPath(import.meta.url));
const [command = 'help', ...rest] = process.argv.slice(2);
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function nodeIsNewEnough(version) {
  const [major, minor] = version.split('.').map(Number);
  return major > MINIMUM_NODE[0] || (major === MINIMUM_NODE[0] && minor >= MINIMUM_NODE[1]);
}

function log(message) {
  process.stderr.write(`[sightline] ${message}\n`);
}

/** Runs a child with inherited stdio, forwarding termination signals; resolves its exit code. */
function run(file, args, options = {}) {
  return new Promise((resolve) => {
    // Its own process group, so a signal reaches the whole tree (npx → pnpm → sh → node), not just npx.
    const child = spawn(file, args, { stdio: 'inherit', cwd: root, detached: true, ...options });
    const forward = (signal) => {
      try {
        process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
    };
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 130 : 1));
    });
    child.on('error', (error) => {
      log(`could not run ${file}: ${error.message}`);
      resolve(1);
    });
  });
}

async function main() {
  if (!nodeIsNewEnough(process.versions.node)) {
    if (process.env.SIGHTLINE_LAUNCHER_REEXEC === '1') {
      log(`still on Node ${process.versions.node} after fetching ${FALLBACK_NODE}; giving up`);
      return 1;
    }
    log(
      `Node ${process.versions.node} is older than ${MINIMUM_NODE.join('.')}; using ${FALLBACK_NODE} from the npm registry`,
    );
    return run(npx, ['-y', '-p', FALLBACK_NODE, 'node', fileURLToPath(import.meta.url), command, ...rest], {
      env: { ...process.env, SIGHTLINE_LAUNCHER_REEXEC: '1' },
    });
  }
  // npx leaks its own settings (npm_config_package=node@24, ...) into the environment; drop them, and put
  // this Node first on PATH so pnpm and every script it runs use it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  env.PATH = `${dirname(process.execPath)}${delimiter}${env.PATH ?? ''}`;
  const pnpm = (args) => run(npx, ['-y', PNPM, ...args], { env });
  if (command === 'pnpm') return pnpm(rest);
  if (command === 'help' || command === '--help') {
    process.stdout.write('usage: node sightline.mjs start|demo|test|bench|pnpm [args]\n');
    return 0;
  }
  const scripts = { start: 'start', demo: 'demo', test: 'test', bench: 'bench' };
  const script = scripts[command];
  if (!script) {
    log(`unknown command "${command}"; try: start, demo, test, bench, pnpm`);
    return 2;
  }
  const withDemo = command === 'start' && rest.includes('--demo');
  const scriptArgs = rest.filter((arg) => !(withDemo && arg === '--demo'));
  const installArgs = ['install', '--prefer-offline'];
  if (existsSync(`${root}/pnpm-lock.yaml`)) installArgs.push('--frozen-lockfile');
  const installed = await pnpm(installArgs);
  if (installed !== 0) return installed;
  if (!withDemo) return pnpm(['run', script, ...scriptArgs]);
  const platform = pnpm(['run', 'start', ...scriptArgs]);
  const url = collectorUrl(scriptArgs);
  if (await waitForHealth(url)) await pnpm(['run', 'demo', '--collector', url]);
  else log(`the platform did not answer on ${url}/healthz; not sending demo traffic`);
  return platform;
}

/** The collector's base URL from the start flags (or SIGHTLINE_PORT / SIGHTLINE_HOST). */
function collectorUrl(args) {
  const flag = (name, fallback) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 && args[index + 1] ? args[index + 1] : fallback;
  };
  const port = flag('port', process.env.SIGHTLINE_PORT || '4318');
  const host = flag('host', process.env.SIGHTLINE_HOST || '127.0.0.1');
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

async function waitForHealth(url, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

process.exitCode = await main();
