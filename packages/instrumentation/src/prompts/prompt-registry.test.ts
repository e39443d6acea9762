import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentContext, withContext } from '../context/sightline-context.ts';
import { startTestTracing } from '../reliability/test-tracing.ts';
import { prompts } from './default-registry.ts';
import { PromptConfigError, PromptNotFoundError, PromptVariableError } from './prompt-errors.ts';
import { createPromptRegistry, withPrompt } from './prompt-registry.ts';

let directory: string;

function write(files: Record<string, string>) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, path)), { recursive: true });
    writeFileSync(join(directory, path), text);
  }
}

beforeEach(() => {
  startTestTracing();
  directory = mkdtempSync(join(tmpdir(), 'sightline-prompts-'));
  write({
    'support/v1.txt': 'You answer {{product}} questions.\nQuestion: {{question}}',
    'support/v2.md': '# Support\nAnswer {{question}} about {{product}} briefly.',
    'support/config.yaml': [
      'current_version: v1',
      'model: gpt-4o-mini',
      'max_tokens: 300',
      'versions:',
      '  v2: { model: claude-haiku-4-5, temperature: 0.2 }',
    ].join('\n'),
    'summarise/v9.txt': 'old {{text}}',
    'summarise/v10.txt': 'Summarise: {{text}}',
  });
});

afterEach(() => rmSync(directory, { recursive: true, force: true }));

describe('createPromptRegistry', () => {
  it('lists prompts and versions in natural order', () => {
    const registry = createPromptRegistry({ directory });
    expect(registry.list()).toEqual(['summarise', 'support']);
    expect(registry.versions('summarise')).toEqual(['v9', 'v10']);
  });

  it('get() returns the current version with its text, merged config and variables', () => {
    const prompt = createPromptRegistry({ directory }).get('support');
    expect(prompt).toMatchObject({
      name: 'support',
      version: 'v1',
      text: 'You answer {{product}} questions.\nQuestion: {{question}}',
      config: { model: 'gpt-4o-mini', max_tokens: 300 },
      variables: ['product', 'question'],
    });
    expect(prompt.file.endsWith(join('support', 'v1.txt'))).toBe(true);
  });

  it('without config.yaml the highest version is current', () => {
    expect(createPromptRegistry({ directory }).get('summarise').version).toBe('v10');
  });

  it('render() fills variables of the requested version', () => {
    const rendered = createPromptRegistry({ directory }).render(
      'support',
      { question: 'refunds?', product: 'Acme' },
      'v2',
    );
    expect(rendered).toMatchObject({
      name: 'support',
      version: 'v2',
      text: '# Support\nAnswer refunds? about Acme briefly.',
      config: { model: 'claude-haiku-4-5', temperature: 0.2, max_tokens: 300 },
    });
  });

  it('a missing variable is a clear error naming prompt, version and file', () => {
    const registry = createPromptRegistry({ directory });
    expect(() => registry.render('support', { question: 'x' })).toThrowError(PromptVariableError);
    expect(() => registry.render('support', { question: 'x' })).toThrow(
      /^prompt "support" version "v1" \(.*support\/v1\.txt\): missing template variable "product" \(the template uses product, question; given: question\)$/,
    );
  });

  it('unknown prompts and versions list what exists', () => {
    const registry = createPromptRegistry({ directory });
    expect(() => registry.get('billing')).toThrowError(PromptNotFoundError);
    expect(() => registry.get('billing')).toThrow(
      /prompt "billing" not found: .*\(prompts in .*: summarise, support\)/,
    );
    expect(() => registry.get('../etc')).toThrowError(PromptNotFoundError);
    expect(() => registry.get('support', 'v3')).toThrow('prompt "support" has no version "v3" (versions: v1, v2)');
  });

  it('a config naming a version without a file fails at load, naming file and field', () => {
    write({ 'broken/v1.txt': 'hi', 'broken/config.yaml': 'traffic:\n  weights: { v1: 50, v2: 50 }' });
    const registry = createPromptRegistry({ directory });
    expect(() => registry.get('broken')).toThrowError(PromptConfigError);
    expect(() => registry.get('broken')).toThrow(
      /broken\/config\.yaml: traffic\.weights\.v2: no file v2\.txt or v2\.md in .*broken \(versions: v1\)$/,
    );
    expect(() => registry.validate()).toThrowError(PromptConfigError);
  });

  it('rejects a version present as both .txt and .md, and a prompt with no versions', () => {
    write({ 'twice/v1.txt': 'a', 'twice/v1.md': 'b', 'empty/config.yaml': '' });
    const registry = createPromptRegistry({ directory });
    expect(() => registry.get('twice')).toThrow(/version "v1" has two files/);
    expect(() => registry.get('empty')).toThrow(/prompt "empty" has no versions: add .*empty\/v1\.txt/);
  });

  it('reload() picks up edited files', () => {
    const registry = createPromptRegistry({ directory });
    expect(registry.get('summarise').text).toBe('Summarise: {{text}}');
    write({ 'summarise/v10.txt': 'Summarise briefly: {{text}}' });
    expect(registry.get('summarise').text).toBe('Summarise: {{text}}');
    registry.reload();
    expect(registry.get('summarise').text).toBe('Summarise briefly: {{text}}');
  });
});

describe('traffic splits', () => {
  beforeEach(() => {
    write({
      'greeting/a.txt': 'Hello {{name}}',
      'greeting/b.txt': 'Hi {{name}}!',
      'greeting/config.yaml': 'current_version: a\ntraffic:\n  weights: { a: 50, b: 50 }\n  sticky: user',
    });
  });

  it('is sticky per user from the Sightline context', () => {
    const registry = createPromptRegistry({ directory, random: () => 0.99 });
    const versions = new Map<string, string>();
    for (let user = 0; user < 40; user += 1) {
      const userId = `user-${user}`;
      const first = withContext({ userId }, () => registry.render('greeting', { name: 'x' }).version);
      const again = withContext(
        { userId, sessionId: 'other' },
        () => registry.render('greeting', { name: 'x' }).version,
      );
      expect(again).toBe(first);
      versions.set(userId, first);
    }
    expect(new Set(versions.values())).toEqual(new Set(['a', 'b']));
  });

  it('an explicit key and an explicit version win', () => {
    const registry = createPromptRegistry({ directory });
    const byKey = registry.get('greeting', { key: 'tenant-1' }).version;
    for (let call = 0; call < 5; call += 1) expect(registry.get('greeting', { key: 'tenant-1' }).version).toBe(byKey);
    expect(withContext({ userId: 'u1' }, () => registry.get('greeting', 'b').version)).toBe('b');
  });

  it('without a user or session it draws from the random source', () => {
    let next = 0.1;
    const registry = createPromptRegistry({ directory, random: () => next });
    expect(registry.get('greeting').version).toBe('a');
    next = 0.7;
    expect(registry.get('greeting').version).toBe('b');
  });
});

describe('prompt context', () => {
  it('run() and withPrompt() put the version actually used in the Sightline context', async () => {
    const registry = createPromptRegistry({ directory });
    const rendered = registry.render('support', { question: 'q', product: 'p' }, 'v2');
    const seen = await rendered.run(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentContext().prompt;
    });
    expect(seen).toEqual({ name: 'support', version: 'v2' });
    expect(currentContext().prompt).toBeUndefined();
    expect(withPrompt({ name: 'summarise', version: 'v9' }, () => currentContext().prompt)).toEqual({
      name: 'summarise',
      version: 'v9',
    });
    expect(withContext({ userId: 'u' }, () => registry.get('summarise').run(() => currentContext()))).toEqual({
      userId: 'u',
      prompt: { name: 'summarise', version: 'v10' },
    });
  });
});

describe('default registry', () => {
  it('reads SIGHTLINE_PROMPTS_DIR on first use', () => {
    const previous = process.env.SIGHTLINE_PROMPTS_DIR;
    process.env.SIGHTLINE_PROMPTS_DIR = directory;
    try {
      expect(prompts.directory).toBe(directory);
      expect(prompts.render('summarise', { text: 'long text' }).text).toBe('Summarise: long text');
    } finally {
      if (previous === undefined) delete process.env.SIGHTLINE_PROMPTS_DIR;
      else process.env.SIGHTLINE_PROMPTS_DIR = previous;
    }
  });
});
