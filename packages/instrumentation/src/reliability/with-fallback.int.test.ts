// withFallback across real SDKs: an overloaded Anthropic model hands over to OpenAI.
import Anthropic from '@anthropic-ai/sdk';
import { ERROR_TYPE, SIGHTLINE_FALLBACK_FROM } from '@sightline/core';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestTracing } from './test-tracing.ts';
import { withFallback } from './with-fallback.ts';

const tracing = startTestTracing();
let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlmServer();
});
afterAll(() => server.close());
beforeEach(() => tracing.reset());

describe('withFallback with real SDKs', () => {
  it('falls back from a real overloaded Anthropic model to OpenAI', async () => {
    const anthropic = new Anthropic({ baseURL: server.anthropicBaseUrl, apiKey: 'test', maxRetries: 0 });
    const openai = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test', maxRetries: 0 });
    const question = 'What is the capital of France?';
    const answer = await withFallback([
      {
        name: 'anthropic/claude-haiku-4-5',
        run: async () => {
          const message = await anthropic.messages.create({
            model: 'claude-haiku-4-5-fail-529',
            max_tokens: 64,
            messages: [{ role: 'user', content: question }],
          });
          return message.content[0]?.type === 'text' ? message.content[0].text : '';
        },
      },
      {
        name: 'openai/gpt-4o-mini',
        run: async () => {
          const completion = await openai.chat.completions.create({
            model: 'gpt-4o-mini',
            messages: [{ role: 'user', content: question }],
          });
          return completion.choices[0]?.message.content ?? '';
        },
      },
    ]);
    expect(answer).toBe('Mock reply to: What is the capital of France?');
    const span = await tracing.span('fallback');
    expect(span.events[0]?.attributes?.[ERROR_TYPE]).toBe('529');
    expect(span.attributes[SIGHTLINE_FALLBACK_FROM]).toBe('anthropic/claude-haiku-4-5');
  });
});
