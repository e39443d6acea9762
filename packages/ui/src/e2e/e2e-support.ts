import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { build } from 'vite';
import { silentLogger } from '../../../collector/src/observability/logger.ts';
import { type RunningCollector, startCollector } from '../../../collector/src/server/start-collector.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const UI_ROOT = join(import.meta.dirname, '..', '..');

/** Builds the web app into packages/ui/dist, where the collector serves it from. */
export async function buildUi(): Promise<void> {
  await build({ root: UI_ROOT, configFile: join(UI_ROOT, 'vite.config.ts'), logLevel: 'warn' });
  if (!existsSync(join(UI_ROOT, 'dist', 'index.html'))) throw new Error('the UI build wrote no dist/index.html');
}

/** A real collector on embedded chDB in a temporary directory, on a free loopback port. */
export async function startTestCollector(apiKeys?: string): Promise<RunningCollector & { dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sightline-ui-e2e-'));
  const collector = await startCollector(
    {
      port: 0,
      host: '127.0.0.1',
      dataDir,
      retentionDays: 30,
      maxBodyBytes: 64 * 1024 * 1024,
      logLevel: 'warn',
      ...(apiKeys ? { apiKeys } : {}),
    },
    silentLogger(),
  );
  return {
    ...collector,
    dataDir,
    async close() {
      await collector.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Where screenshots go: SIGHTLINE_E2E_SCREENSHOTS, or a temporary directory. */
export function screenshotDirectory(): string {
  const directory = process.env.SIGHTLINE_E2E_SCREENSHOTS ?? join(tmpdir(), 'sightline-ui-screenshots');
  mkdirSync(directory, { recursive: true });
  return directory;
}
