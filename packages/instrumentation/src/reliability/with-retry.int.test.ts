// withRetry around the real SDKs' errors (status, retry-after headers) from the mock LLM server.
import Anthropic from '@anthropic-ai/sdk';
import { ERROR_TYPE, SIGHTLINE_RETRY_ATTEMPT, SIGHTLINE_RETRY_BACKOFF_MS } from '@sightline/core';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestTracing } from './test-tracing.ts';
import { withRetry } from './with-retry.ts';

const tracing = startTestTracing();
let server: MockLlmServer;

beforeAll(async () => {
  server = await startMockLlmServer();
});
afterAll(() => server.close());
beforeEach(() => tracing.reset());

describe('withRetry with real SDK errors', () => {
  it('retries a real OpenAI rate limit and a real Anthropic overload (SDK retries off)', async () => {
    const openai = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test', maxRetries: 0 });
    const completion = await withRetry(
      () =>
        openai.chat.completions.create(
          { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'retry me please' }] },
          { headers: { 'x-mock-behaviour': 'fail-429-once', 'x-mock-retry-after': '0.002' } },
        ),
      { name: 'openai', backoff: { jitter: false, initialMs: 1 } },
    );
    expect(completion.choices[0]?.message.content).toBe('Mock reply to: retry me please');
    const openaiSpan = await tracing.span('retry openai');
    expect(openaiSpan.events[0]?.attributes).toMatchObject({
      [ERROR_TYPE]: '429',
      [SIGHTLINE_RETRY_BACKOFF_MS]: 2,
    });

    const anthropic = new Anthropic({ baseURL: server.anthropicBaseUrl, apiKey: 'test', maxRetries: 0 });
    await withRetry(
      () =>
        anthropic.messages.create(
          { model: 'claude-haiku-4-5', max_tokens: 50, messages: [{ role: 'user', content: 'hello' }] },
          { headers: { 'x-mock-behaviour': 'fail-529-once', 'x-mock-retry-after': '0.001' } },
        ),
      { name: 'anthropic', backoff: { jitter: false, initialMs: 1 } },
    );
    const anthropicSpan = await tracing.span('retry anthropic');
    expect(anthropicSpan.events[0]?.attributes?.[ERROR_TYPE]).toBe('529');
    expect(anthropicSpan.attributes[SIGHTLINE_RETRY_ATTEMPT]).toBe(2);
  });
});
