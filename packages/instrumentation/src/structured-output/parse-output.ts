// parseOutput: validates a model's output against a zod schema and records the outcome
// (sightline.output.valid, the first issues) on the active span, with the prompt version in
// context, so invalid-output rates can be compared per prompt version.
import type { Attributes } from '@opentelemetry/api';
import {
  SIGHTLINE_OUTPUT_ISSUE_COUNT,
  SIGHTLINE_OUTPUT_ISSUES,
  SIGHTLINE_OUTPUT_SCHEMA,
  SIGHTLINE_OUTPUT_VALID,
} from '@sightline/core';
import type { z } from 'zod';
import { safely } from '../diagnostics/safely.ts';
import { promptAttributes, type RecordTarget, recordOnSpan } from '../reliability/recording-span.ts';

export interface OutputIssue {
  /** Dotted path into the output ("items.0.price"), empty for the whole output. */
  path: string;
  code: string;
  message: string;
}

export type ParseOutputResult<T> =
  | { valid: true; data: T }
  | { valid: false; issues: OutputIssue[]; error: OutputValidationError };

export interface ParseOutputOptions extends RecordTarget {
  /** Recorded as sightline.output.schema, e.g. "ticket-triage". */
  name?: string;
  /** How many issues the span keeps (default 5). */
  maxIssues?: number;
  /** Parse string output as JSON first (default true); false validates the text itself. */
  json?: boolean;
}

export class OutputValidationError extends Error {
  override name = 'OutputValidationError';
  readonly issues: OutputIssue[];
  constructor(issues: OutputIssue[], name: string | undefined) {
    const first = issues[0];
    const where = first && first.path !== '' ? `${first.path}: ` : '';
    super(
      `model output ${name ? `for "${name}" ` : ''}does not match the schema: ${where}${first?.message ?? 'invalid'}` +
        (issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''),
    );
    this.issues = issues;
  }
}

const FENCE = /^\s*```[A-Za-z0-9_-]*\s*\n([\s\S]*?)\n?\s*```\s*$/;

/** JSON text as models write it: optionally inside a Markdown code fence. */
function parseJson(text: string): { ok: true; value: unknown } | { ok: false; issue: OutputIssue } {
  const body = FENCE.exec(text)?.[1] ?? text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, issue: { path: '', code: 'invalid_json', message: `not valid JSON: ${detail}` } };
  }
}

function record(options: ParseOutputOptions, valid: boolean, issues: OutputIssue[]): void {
  safely('recording an output validation', () => {
    const attributes: Attributes = { [SIGHTLINE_OUTPUT_VALID]: valid, ...promptAttributes() };
    if (options.name !== undefined) attributes[SIGHTLINE_OUTPUT_SCHEMA] = options.name;
    if (!valid) {
      attributes[SIGHTLINE_OUTPUT_ISSUE_COUNT] = issues.length;
      attributes[SIGHTLINE_OUTPUT_ISSUES] = JSON.stringify(issues.slice(0, options.maxIssues ?? 5));
    }
    recordOnSpan(options, 'validate_output', (span) => span.setAttributes(attributes));
  });
}

/**
 * Validates `output` (JSON text, optionally fenced, or an already parsed value such as tool-call
 * arguments) against `schema`. Never throws for bad output: the result says whether it was valid.
 */
export function parseOutput<Schema extends z.ZodType>(
  schema: Schema,
  output: unknown,
  options: ParseOutputOptions = {},
): ParseOutputResult<z.output<Schema>> {
  let value = output;
  if (typeof output === 'string' && options.json !== false) {
    const parsed = parseJson(output);
    if (!parsed.ok) {
      record(options, false, [parsed.issue]);
      return { valid: false, issues: [parsed.issue], error: new OutputValidationError([parsed.issue], options.name) };
    }
    value = parsed.value;
  }
  const result = schema.safeParse(value);
  if (result.success) {
    record(options, true, []);
    return { valid: true, data: result.data };
  }
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    code: issue.code,
    message: issue.message,
  }));
  record(options, false, issues);
  return { valid: false, issues, error: new OutputValidationError(issues, options.name) };
}

/** parseOutput that returns the data or throws OutputValidationError (the outcome is recorded either way). */
export function parseOutputOrThrow<Schema extends z.ZodType>(
  schema: Schema,
  output: unknown,
  options: ParseOutputOptions = {},
): z.output<Schema> {
  const result = parseOutput(schema, output, options);
  if (!result.valid) throw result.error;
  return result.data;
}
