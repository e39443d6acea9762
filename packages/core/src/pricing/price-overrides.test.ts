import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  compileModelMatcher,
  loadPriceOverrides,
  PriceOverridesError,
  parsePriceOverrides,
} from './price-overrides.ts';

function issuesOf(text: string): readonly string[] {
  try {
    parsePriceOverrides(text, 'prices.yaml');
  } catch (error) {
    if (error instanceof PriceOverridesError) return error.issues;
    throw error;
  }
  throw new Error('expected a PriceOverridesError');
}

describe('parsePriceOverrides', () => {
  it('parses entries into camel-cased overrides with sorted tiers', () => {
    const overrides = parsePriceOverrides(
      `
- match: my-finetune
  provider: openai
  valid_from: 2026-03-01
  prices:
    input_mtok: 3
    output_mtok: 12
    cache_read_mtok: 1.5
    tiers:
      - above_input_tokens: 272000
        input_mtok: 6
        output_mtok: 18
        cache_read_mtok: 3
      - above_input_tokens: 128000
        input_mtok: 4
        output_mtok: 14
        cache_read_mtok: 2
- match: /^acme-.*$/i
  valid_from: 2026-03-01T09:30:00Z
  prices: { input_mtok: 0, output_mtok: 0.5, reasoning_mtok: 2 }
`,
      'prices.yaml',
    );
    expect(overrides).toEqual([
      {
        match: 'my-finetune',
        provider: 'openai',
        validFrom: new Date('2026-03-01T00:00:00Z'),
        prices: {
          inputMtok: 3,
          outputMtok: 12,
          cacheReadMtok: 1.5,
          tiers: [
            { aboveInputTokens: 128_000, inputMtok: 4, outputMtok: 14, cacheReadMtok: 2 },
            { aboveInputTokens: 272_000, inputMtok: 6, outputMtok: 18, cacheReadMtok: 3 },
          ],
        },
      },
      {
        match: '/^acme-.*$/i',
        validFrom: new Date('2026-03-01T09:30:00Z'),
        prices: { inputMtok: 0, outputMtok: 0.5, reasoningMtok: 2, tiers: [] },
      },
    ]);
  });

  it('treats an empty file as no overrides', () => {
    expect(parsePriceOverrides('', 'prices.yaml')).toEqual([]);
    expect(parsePriceOverrides('# nothing yet\n', 'prices.yaml')).toEqual([]);
  });

  it('names the file, line, entry and field of each problem', () => {
    const issues = issuesOf(`- match: gpt-4o
  prices:
    input_mtok: 2.5
    output_mtok: 10
- match: my-model
  prices:
    input_mtok: "two"
    output_mtok: -1
    cache_red_mtok: 1
`);
    expect(issues).toEqual([
      'prices.yaml:7: entry 2 of 2 (match "my-model"), field prices.input_mtok: must be a number (USD per million tokens)',
      'prices.yaml:8: entry 2 of 2 (match "my-model"), field prices.output_mtok: must be 0 or more (USD per million tokens)',
      'prices.yaml:7: entry 2 of 2 (match "my-model"), field prices: Unrecognized key: "cache_red_mtok"',
    ]);
  });

  it('reports missing fields at their entry', () => {
    expect(issuesOf('- match: my-model\n  prices:\n    input_mtok: 1\n')).toEqual([
      'prices.yaml:3: entry 1 of 1 (match "my-model"), field prices.output_mtok: is required',
    ]);
    expect(issuesOf('- provider: openai\n  prices: { input_mtok: 1, output_mtok: 2 }\n')).toEqual([
      'prices.yaml:1: entry 1 of 1, field match: is required',
    ]);
  });

  it('rejects invalid patterns and dates', () => {
    expect(issuesOf('- match: /gpt-(4o/\n  prices: { input_mtok: 1, output_mtok: 2 }\n')).toEqual([
      expect.stringMatching(
        /^prices\.yaml:1: entry 1 of 1 \(match "\/gpt-\(4o\/"\), field match: invalid regular expression: .*Unterminated group/,
      ),
    ]);
    expect(issuesOf('- match: /gpt/g\n  prices: { input_mtok: 1, output_mtok: 2 }\n')).toEqual([
      'prices.yaml:1: entry 1 of 1 (match "/gpt/g"), field match: unsupported regular expression flags "g" (allowed: i, m, s, u)',
    ]);
    expect(issuesOf('- match: x\n  valid_from: next tuesday\n  prices: { input_mtok: 1, output_mtok: 2 }\n')).toEqual([
      'prices.yaml:2: entry 1 of 1 (match "x"), field valid_from: must be a date such as 2026-01-31 or 2026-01-31T12:00:00Z',
    ]);
  });

  it('requires tiers to restate the optional rates the base sets, with distinct thresholds', () => {
    const issues = issuesOf(`- match: x
  prices:
    input_mtok: 1
    output_mtok: 2
    cache_read_mtok: 0.1
    tiers:
      - { above_input_tokens: 1000, input_mtok: 2, output_mtok: 4, cache_read_mtok: 0.2 }
      - { above_input_tokens: 1000, input_mtok: 3, output_mtok: 6 }
`);
    expect(issues).toEqual([
      'prices.yaml:8: entry 1 of 1 (match "x"), field prices.tiers[1].above_input_tokens: duplicate threshold 1000',
      'prices.yaml:8: entry 1 of 1 (match "x"), field prices.tiers[1].cache_read_mtok: is required because the base prices set cache_read_mtok (a tier replaces every rate)',
    ]);
  });

  it('reports YAML syntax errors and a wrong top-level shape', () => {
    expect(issuesOf('- match: x\n  prices:\n    input_mtok: 1\n    input_mtok: 2\n')).toEqual([
      'prices.yaml:4: YAML syntax error: Map keys must be unique',
    ]);
    expect(issuesOf('match: x\n')).toEqual([
      'prices.yaml: expected a list of price override entries at the top level, got a mapping',
    ]);
    expect(() => parsePriceOverrides('match: x\n', 'prices.yaml')).toThrowError(PriceOverridesError);
  });
});

describe('compileModelMatcher', () => {
  it('matches exact ids case-insensitively and /regex/ patterns as regular expressions', () => {
    const exact = compileModelMatcher('GPT-4o');
    const pattern = compileModelMatcher('/^gpt-4o(-\\d{4}-\\d{2}-\\d{2})?$/');
    if (typeof exact === 'string' || typeof pattern === 'string') throw new Error('expected matchers');
    expect([exact('gpt-4o'), exact('gpt-4o-mini'), exact('openai/gpt-4o')]).toEqual([true, false, false]);
    expect([pattern('gpt-4o'), pattern('gpt-4o-2024-08-06'), pattern('gpt-4o-mini')]).toEqual([true, true, false]);
  });
});

describe('loadPriceOverrides', () => {
  it('reads a file and names it in errors', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'sightline-prices-'));
    try {
      const path = join(directory, 'prices.yaml');
      await writeFile(path, '- match: m\n  prices: { input_mtok: 1, output_mtok: 2 }\n');
      expect(await loadPriceOverrides(path)).toEqual([
        { match: 'm', prices: { inputMtok: 1, outputMtok: 2, tiers: [] } },
      ]);
      await writeFile(path, '- match: m\n  prices: { input_mtok: 1 }\n');
      await expect(loadPriceOverrides(path)).rejects.toThrowError(`${path}:2: entry 1 of 1 (match "m")`);
      await expect(loadPriceOverrides(join(directory, 'missing.yaml'))).rejects.toThrowError(
        /cannot read price overrides file .*missing\.yaml: ENOENT/,
      );
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});

describe('prices.example.yaml', () => {
  it('is a valid override file', async () => {
    const path = fileURLToPath(new URL('../../../../prices.example.yaml', import.meta.url));
    const overrides = await loadPriceOverrides(path);
    expect(overrides.map((override) => override.match)).toContain('acme-reasoner-1');
  });
});
