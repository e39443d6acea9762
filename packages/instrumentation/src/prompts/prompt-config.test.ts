import { describe, expect, it } from 'vitest';
import { modelConfigFor, parsePromptConfig } from './prompt-config.ts';
import { PromptConfigError } from './prompt-errors.ts';

const FILE = 'prompts/support/config.yaml';

describe('parsePromptConfig', () => {
  it('reads current version, defaults, per-version settings and a traffic split', () => {
    const config = parsePromptConfig(
      [
        'current_version: v2',
        'model: gpt-4o-mini',
        'temperature: 0.3',
        'max_tokens: 400',
        'versions:',
        '  v1: { temperature: 0.7, params: { seed: 7 } }',
        '  v2:',
        'traffic:',
        '  weights: { v1: 10, v2: 90 }',
        '  sticky: session',
      ].join('\n'),
      FILE,
    );
    expect(config).toEqual({
      current_version: 'v2',
      model: 'gpt-4o-mini',
      temperature: 0.3,
      max_tokens: 400,
      versions: { v1: { temperature: 0.7, params: { seed: 7 } }, v2: null },
      traffic: { weights: { v1: 10, v2: 90 }, sticky: 'session' },
    });
    expect(modelConfigFor(config, 'v1')).toEqual({
      model: 'gpt-4o-mini',
      temperature: 0.7,
      max_tokens: 400,
      params: { seed: 7 },
    });
    expect(modelConfigFor(config, 'v2')).toEqual({ model: 'gpt-4o-mini', temperature: 0.3, max_tokens: 400 });
  });

  it('defaults sticky to user and accepts an empty file', () => {
    expect(parsePromptConfig('traffic:\n  weights: { a: 1 }', FILE).traffic?.sticky).toBe('user');
    expect(parsePromptConfig('', FILE)).toEqual({});
  });

  it('names the file and the unknown field', () => {
    expect(() => parsePromptConfig('curent_version: v1', FILE)).toThrowError(
      new PromptConfigError('prompts/support/config.yaml: unknown field curent_version'),
    );
    expect(() => parsePromptConfig('versions:\n  v1: { max_token: 5 }', FILE)).toThrowError(
      new PromptConfigError('prompts/support/config.yaml: unknown field max_token in versions.v1'),
    );
  });

  it('names the path of a wrong value', () => {
    expect(() => parsePromptConfig('versions:\n  v1: { temperature: hot }', FILE)).toThrow(
      /^prompts\/support\/config.yaml: versions\.v1\.temperature: Invalid input: expected number, received string$/,
    );
    expect(() => parsePromptConfig('max_tokens: 0', FILE)).toThrow(/max_tokens: Too small/);
    expect(() => parsePromptConfig('traffic:\n  weights: { v1: -1 }', FILE)).toThrow(
      'prompts/support/config.yaml: traffic.weights.v1: must be 0 or more',
    );
    expect(() => parsePromptConfig('traffic:\n  weights: { v1: 1 }\n  sticky: device', FILE)).toThrow(
      /traffic\.sticky: Invalid option: expected one of "user"\|"session"\|"none"/,
    );
  });

  it('rejects invalid YAML, a non-mapping and a split with no weight', () => {
    expect(() => parsePromptConfig('a: [1', FILE)).toThrow(/^prompts\/support\/config.yaml: not valid YAML: /);
    expect(() => parsePromptConfig('- v1', FILE)).toThrow(/\(top level\): Invalid input: expected object/);
    expect(() => parsePromptConfig('traffic:\n  weights: { v1: 0 }', FILE)).toThrow(
      'prompts/support/config.yaml: traffic.weights: at least one weight must be above 0',
    );
  });
});
