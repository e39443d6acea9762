// `{{variable}}` templates. `\{{` is a literal `{{`; anything else between `{{` and `}}` that is not a
// plain identifier is an error at load time, so a typo never reaches a model as literal braces.
import { PromptTemplateError, PromptVariableError } from './prompt-errors.ts';

export type TemplateValue = string | number | boolean;
export type TemplateVariables = Readonly<Record<string, TemplateValue | null | undefined>>;

type Segment = { kind: 'text'; text: string } | { kind: 'variable'; name: string };

export interface ParsedTemplate {
  readonly segments: readonly Segment[];
  /** Variable names in order of first use. */
  readonly variables: readonly string[];
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function position(source: string, index: number): string {
  const before = source.slice(0, index);
  const line = before.split('\n').length;
  const column = index - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/** Parses a template; `where` (the file) prefixes error messages. */
export function parseTemplate(source: string, where: string): ParsedTemplate {
  const segments: Segment[] = [];
  const variables: string[] = [];
  let text = '';
  let index = 0;
  while (index < source.length) {
    if (source.startsWith('\\{{', index)) {
      text += '{{';
      index += 3;
      continue;
    }
    if (!source.startsWith('{{', index)) {
      text += source[index];
      index += 1;
      continue;
    }
    const close = source.indexOf('}}', index + 2);
    if (close === -1) {
      throw new PromptTemplateError(
        `${where}: unclosed "{{" at ${position(source, index)}; close it with "}}" or write "\\{{" for literal braces`,
      );
    }
    const name = source.slice(index + 2, close).trim();
    if (!IDENTIFIER.test(name)) {
      throw new PromptTemplateError(
        `${where}: "{{${source.slice(index + 2, close)}}}" at ${position(source, index)} is not a variable name ` +
          '(letters, digits and _, not starting with a digit); write "\\{{" for literal braces',
      );
    }
    if (text !== '') segments.push({ kind: 'text', text });
    text = '';
    segments.push({ kind: 'variable', name });
    if (!variables.includes(name)) variables.push(name);
    index = close + 2;
  }
  if (text !== '') segments.push({ kind: 'text', text });
  return { segments, variables };
}

/**
 * Fills every placeholder. Missing (undefined or null) variables fail together in one error; values
 * must be strings, numbers or booleans. Variables the template does not use are ignored, so one call
 * site can render any version of an A/B split.
 */
export function renderTemplate(template: ParsedTemplate, values: TemplateVariables, where: string): string {
  const missing = template.variables.filter((name) => values[name] === undefined || values[name] === null);
  if (missing.length > 0) {
    const given = Object.keys(values).filter((name) => values[name] !== undefined && values[name] !== null);
    throw new PromptVariableError(
      `${where}: missing template variable${missing.length > 1 ? 's' : ''} ${missing.map((name) => `"${name}"`).join(', ')} ` +
        `(the template uses ${template.variables.join(', ')}; given: ${given.length > 0 ? given.join(', ') : 'none'})`,
      missing,
    );
  }
  let output = '';
  for (const segment of template.segments) {
    if (segment.kind === 'text') {
      output += segment.text;
      continue;
    }
    const value: unknown = values[segment.name];
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new PromptVariableError(
        `${where}: template variable "${segment.name}" must be a string, number or boolean, got ${Array.isArray(value) ? 'array' : typeof value} ` +
          '(join or format it before rendering)',
        [],
      );
    }
    output += String(value);
  }
  return output;
}
