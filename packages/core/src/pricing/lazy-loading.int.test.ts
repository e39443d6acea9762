import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Importing @sightline/core must not load the price table, yaml or zod: the instrumentation imports
// it at an app's start-up for its attribute names. Checked in a fresh Node process, whose module
// loads are recorded (the test runner's own module graph would hide them).

const run = promisify(execFile);
const CORE_URL = pathToFileURL(join(import.meta.dirname, '..', 'index.ts')).href;

const SCRIPT = `
import { registerHooks } from 'node:module';
const urls = new Set();
registerHooks({ load(url, context, nextLoad) { urls.add(url); return nextLoad(url, context); } });
const packages = () => [...new Set([...urls].flatMap((url) => {
  const match = /node_modules\\/(?:\\.pnpm\\/[^/]+\\/node_modules\\/)?((?:@[^/]+\\/)?[^/]+)/.exec(url);
  return match ? [match[1]] : [];
}))].filter((name) => ['@pydantic/genai-prices', 'yaml', 'zod'].includes(name)).sort();
const core = await import(${JSON.stringify(CORE_URL)});
const report = { imported: packages() };
const pricer = core.createPricer();
report.created = packages();
const usage = { inputTokens: 1000, outputTokens: 100, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
const cost = pricer.price({ provider: 'openai', model: 'gpt-4o-mini', usage, at: new Date('2026-01-01T00:00:00Z') });
report.priced = packages();
report.costSource = cost.costSource;
const overrides = core.parsePriceOverrides('- match: my-model\\n  prices: { input_mtok: 1, output_mtok: 2 }\\n', 'prices.yaml');
report.parsed = packages();
report.overrides = overrides.length;
try {
  core.parsePriceOverrides('- match: 1\\n', 'prices.yaml');
} catch (error) {
  report.invalid = error instanceof core.PriceOverridesError ? error.issues.length : 'other error';
}
console.log(JSON.stringify(report));
`;

describe('@sightline/core start-up', () => {
  it('loads the price table on the first price, and yaml and zod on the first override file', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', SCRIPT]);
    expect(JSON.parse(stdout)).toEqual({
      imported: [],
      created: [],
      priced: ['@pydantic/genai-prices'],
      costSource: 'calculated',
      parsed: ['@pydantic/genai-prices', 'yaml', 'zod'],
      overrides: 1,
      invalid: 2,
    });
  });
});
