import { describe, expect, it } from 'vitest';
import { PromptTemplateError, PromptVariableError } from './prompt-errors.ts';
import { parseTemplate, renderTemplate } from './template.ts';

const render = (source: string, values: Record<string, unknown>) =>
  renderTemplate(parseTemplate(source, 'test.txt'), values as never, 'test.txt');

describe('parseTemplate', () => {
  it('lists variables in order of first use, once each', () => {
    expect(parseTemplate('Hi {{name}}, {{ topic }} and {{name}} again', 'f').variables).toEqual(['name', 'topic']);
  });

  it('treats \\{{ as literal braces', () => {
    const template = parseTemplate('JSON: \\{{"a": 1}} for {{user}}', 'f');
    expect(template.variables).toEqual(['user']);
    expect(renderTemplate(template, { user: 'ana' }, 'f')).toBe('JSON: {{"a": 1}} for ana');
  });

  it('rejects an unclosed placeholder with its position', () => {
    expect(() => parseTemplate('line one\nsay {{name', 'prompts/a/v1.txt')).toThrowError(
      new PromptTemplateError(
        'prompts/a/v1.txt: unclosed "{{" at line 2, column 5; close it with "}}" or write "\\{{" for literal braces',
      ),
    );
  });

  it('rejects a placeholder that is not an identifier', () => {
    expect(() => parseTemplate('{{ user.name }}', 'prompts/a/v1.txt')).toThrow(
      /prompts\/a\/v1.txt: "\{\{ user.name \}\}" at line 1, column 1 is not a variable name/,
    );
    expect(() => parseTemplate('{{1st}}', 'f')).toThrow(PromptTemplateError);
  });

  it('leaves single braces and a lone }} alone', () => {
    expect(render('{a} }} {{x}}', { x: 1 })).toBe('{a} }} 1');
  });
});

describe('renderTemplate', () => {
  it('fills strings, numbers and booleans', () => {
    expect(render('{{a}}/{{b}}/{{c}}', { a: 'x', b: 2.5, c: false })).toBe('x/2.5/false');
  });

  it('reports every missing variable in one error (null counts as missing)', () => {
    let caught: unknown;
    try {
      render('{{question}} {{context}} {{tone}}', { question: 'why?', context: null });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PromptVariableError);
    expect((caught as PromptVariableError).missing).toEqual(['context', 'tone']);
    expect((caught as Error).message).toBe(
      'test.txt: missing template variables "context", "tone" (the template uses question, context, tone; given: question)',
    );
  });

  it('ignores variables the template does not use', () => {
    expect(render('Hello {{name}}', { name: 'Ada', unused: 'x' })).toBe('Hello Ada');
  });

  it('rejects objects and arrays as values', () => {
    expect(() => render('{{docs}}', { docs: ['a', 'b'] })).toThrow(
      'test.txt: template variable "docs" must be a string, number or boolean, got array (join or format it before rendering)',
    );
    expect(() => render('{{docs}}', { docs: { a: 1 } })).toThrow(/got object/);
  });
});
