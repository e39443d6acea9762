import { trace } from '@opentelemetry/api';
import {
  GEN_AI_PROMPT_NAME,
  SIGHTLINE_OUTPUT_ISSUE_COUNT,
  SIGHTLINE_OUTPUT_ISSUES,
  SIGHTLINE_OUTPUT_SCHEMA,
  SIGHTLINE_OUTPUT_VALID,
  SIGHTLINE_PROMPT_VERSION,
} from '@sightline/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withPrompt } from '../prompts/prompt-registry.ts';
import { startTestTracing } from '../reliability/test-tracing.ts';
import { OutputValidationError, parseOutput, parseOutputOrThrow } from './parse-output.ts';

const tracing = startTestTracing();
beforeEach(() => tracing.reset());

const ticket = z.object({
  category: z.enum(['billing', 'bug', 'other']),
  priority: z.number().int().min(1).max(3),
});

function inSpan<T>(name: string, fn: () => T): T {
  return trace.getTracer('test').startActiveSpan(name, (span) => {
    try {
      return fn();
    } finally {
      span.end();
    }
  });
}

describe('parseOutput', () => {
  it('returns the data and records valid=true on the active span', async () => {
    const result = inSpan('triage', () =>
      parseOutput(ticket, '```json\n{"category":"bug","priority":2}\n```', { name: 'ticket' }),
    );
    expect(result).toEqual({ valid: true, data: { category: 'bug', priority: 2 } });
    expect((await tracing.span('triage')).attributes).toEqual({
      [SIGHTLINE_OUTPUT_VALID]: true,
      [SIGHTLINE_OUTPUT_SCHEMA]: 'ticket',
    });
  });

  it('records the first issues of an invalid output, with the prompt version in context', async () => {
    const result = withPrompt({ name: 'triage', version: 'v2' }, () =>
      inSpan('triage', () => parseOutput(ticket, { category: 'sales', priority: 7 }, { maxIssues: 1 })),
    );
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['category', 'invalid_value'],
      ['priority', 'too_big'],
    ]);
    expect(result.error).toBeInstanceOf(OutputValidationError);
    expect(result.error.message).toMatch(/^model output does not match the schema: category: .* \(and 1 more\)$/);
    const attributes = (await tracing.span('triage')).attributes;
    expect(attributes).toMatchObject({
      [SIGHTLINE_OUTPUT_VALID]: false,
      [SIGHTLINE_OUTPUT_ISSUE_COUNT]: 2,
      [GEN_AI_PROMPT_NAME]: 'triage',
      [SIGHTLINE_PROMPT_VERSION]: 'v2',
    });
    expect(JSON.parse(String(attributes[SIGHTLINE_OUTPUT_ISSUES]))).toEqual([
      { path: 'category', code: 'invalid_value', message: result.issues[0]?.message },
    ]);
  });

  it('treats text that is not JSON as one invalid_json issue', async () => {
    const result = inSpan('triage', () => parseOutput(ticket, 'Sure! The category is bug.'));
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.issues).toEqual([
      { path: '', code: 'invalid_json', message: expect.stringMatching(/^not valid JSON: /) },
    ]);
  });

  it('validates plain text when json is false', () => {
    expect(parseOutput(z.string().min(3), 'hello', { json: false })).toEqual({ valid: true, data: 'hello' });
  });

  it('outside any span records on a validate_output span of its own', async () => {
    parseOutput(ticket, '{"category":"other","priority":1}');
    expect((await tracing.span('validate_output')).attributes).toEqual({ [SIGHTLINE_OUTPUT_VALID]: true });
  });

  it('parseOutputOrThrow returns the data or throws, recording both', async () => {
    expect(parseOutputOrThrow(ticket, '{"category":"billing","priority":3}')).toEqual({
      category: 'billing',
      priority: 3,
    });
    expect(() => parseOutputOrThrow(ticket, '{"category":"billing"}', { name: 'ticket' })).toThrow(
      /^model output for "ticket" does not match the schema: priority: /,
    );
    const spans = await tracing.spans();
    expect(spans.map((span) => span.attributes[SIGHTLINE_OUTPUT_VALID])).toEqual([true, false]);
  });
});
