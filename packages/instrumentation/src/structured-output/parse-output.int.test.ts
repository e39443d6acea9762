// parseOutput on what the real OpenAI SDK returns from the mock LLM server.
import { trace } from '@opentelemetry/api';
import { SIGHTLINE_OUTPUT_VALID } from '@sightline/core';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestTracing } from '../reliability/test-tracing.ts';
import { parseOutput } from './parse-output.ts';

const tracing = startTestTracing();
let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlmServer();
});
afterAll(() => server.close());
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

describe('parseOutput with the real SDK', () => {
  it('validates a real model reply and tool-call arguments from the OpenAI SDK', async () => {
    const openai = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test' });
    const completion = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Classify: my invoice is wrong' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'file_ticket',
            parameters: {
              type: 'object',
              properties: { category: { type: 'string', enum: ['billing', 'bug'] }, priority: { type: 'integer' } },
              required: ['category', 'priority'],
            },
          },
        },
      ],
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    const argumentsText = call?.type === 'function' ? call.function.arguments : '';
    expect(inSpan('classify', () => parseOutput(ticket, argumentsText))).toEqual({
      valid: true,
      data: { category: 'billing', priority: 1 },
    });
    const reply = await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Answer in JSON please' }],
    });
    const result = inSpan('answer', () => parseOutput(ticket, reply.choices[0]?.message.content));
    expect(result.valid).toBe(false);
    expect((await tracing.span('answer')).attributes[SIGHTLINE_OUTPUT_VALID]).toBe(false);
  });
});
