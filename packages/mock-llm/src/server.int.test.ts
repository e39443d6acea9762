import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlmServer } from './server.ts';
import type { MockLlmServer, RecordedRequest } from './types.ts';

let server: MockLlmServer;
let openai: OpenAI;
let anthropic: Anthropic;
const answered: RecordedRequest[] = [];

beforeAll(async () => {
  server = await startMockLlmServer({ now: () => 1_700_000_000_000, onRequest: (request) => answered.push(request) });
  openai = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: server.anthropicBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});
afterAll(() => server.close());

const hello = [{ role: 'user' as const, content: 'hello' }];

describe('scripted failures', () => {
  it('answers model fail-429 with a 429 and retry-after in the OpenAI shape', async () => {
    const error = await openai.chat.completions
      .create({ model: 'fail-429', messages: hello })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.headers?.get('retry-after')).toBe('1');
    expect(rateLimit.error).toMatchObject({ code: 'rate_limit_exceeded' });
    expect(server.requests.at(-1)).toMatchObject({ status: 429, behaviours: ['fail-429'] });
  });

  it('answers fail-500 with an Anthropic api_error', async () => {
    const error = await anthropic.messages
      .create({ model: 'fail-500', max_tokens: 10, messages: hello })
      .catch((caught) => caught);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    expect((error as InstanceType<typeof Anthropic.InternalServerError>).error).toMatchObject({
      type: 'error',
      error: { type: 'api_error' },
    });
  });

  it('fails the first attempt only under fail-429-once, so the SDK retry succeeds', async () => {
    const retrying = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 2 });
    const before = server.requests.length;
    const completion = await retrying.chat.completions.create(
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'retry me' }] },
      { headers: { 'x-mock-behaviour': 'fail-429-once', 'x-mock-retry-after': '0.001' } },
    );
    expect(completion.choices[0]?.message.content).toBe('Mock reply to: retry me');
    expect(server.requests.slice(before).map((request) => request.status)).toEqual([429, 200]);
    expect(server.requests.at(-1)?.headers['x-stainless-retry-count']).toBe('1');
  });

  it('answers an overloaded 529 with retry-after for Anthropic', async () => {
    const response = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mock-behaviour': 'fail-529' },
      body: JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 10, messages: hello }),
    });
    expect(response.status).toBe(529);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(await response.json()).toMatchObject({ error: { type: 'overloaded_error' } });
  });
});

describe('scripted stream errors', () => {
  it('breaks an OpenAI chat stream with an error chunk', async () => {
    const stream = await openai.chat.completions.create({
      model: 'gpt-4o-mini-stream-error',
      stream: true,
      messages: [{ role: 'user', content: 'one two three four' }],
    });
    const read = async (): Promise<void> => {
      for await (const _chunk of stream);
    };
    await expect(read()).rejects.toBeInstanceOf(OpenAI.APIError);
  });

  it('breaks a Responses stream with an error event', async () => {
    const stream = await openai.responses.create(
      { model: 'gpt-4.1', input: 'one two three four', stream: true },
      { headers: { 'x-mock-behaviour': 'stream-error' } },
    );
    const read = async (): Promise<void> => {
      for await (const _event of stream);
    };
    await expect(read()).rejects.toBeInstanceOf(OpenAI.APIError);
  });

  it('breaks an Anthropic stream with an overloaded error event', async () => {
    const stream = anthropic.messages.stream(
      { model: 'claude-haiku-4-5', max_tokens: 100, messages: [{ role: 'user', content: 'one two three four' }] },
      { headers: { 'x-mock-behaviour': 'stream-error' } },
    );
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIError);
  });
});

describe('server plumbing', () => {
  it('answers with text despite tools under no-tools', async () => {
    const completion = await openai.chat.completions.create(
      {
        model: 'gpt-4o-mini',
        messages: hello,
        tools: [{ type: 'function', function: { name: 'noop', parameters: { type: 'object', properties: {} } } }],
      },
      { headers: { 'x-mock-behaviour': 'no-tools' } },
    );
    expect(completion.choices[0]?.message.content).toBe('Mock reply to: hello');
  });

  it('uses the injected clock for created timestamps', async () => {
    const completion = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: hello });
    expect(completion.created).toBe(1_700_000_000);
  });

  it('streams with latency headers (delays do not change the content)', async () => {
    const stream = await openai.chat.completions.create(
      { model: 'gpt-4o-mini', stream: true, messages: hello },
      { headers: { 'x-mock-first-chunk-delay-ms': '5', 'x-mock-chunk-delay-ms': '1' } },
    );
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Mock reply to: hello');
  });

  it('accepts paths without /v1, lists models and answers unknown routes with 404', async () => {
    const unprefixed = new OpenAI({ baseURL: server.url, apiKey: 'test-key', maxRetries: 0 });
    const completion = await unprefixed.chat.completions.create({ model: 'gpt-4o-mini', messages: hello });
    expect(completion.choices[0]?.message.content).toBe('Mock reply to: hello');
    const models = await openai.models.list();
    expect(models.data.map((model) => model.id)).toContain('gpt-4o-mini');
    const missing = await fetch(`${server.url}/v1/nothing`, { method: 'POST', body: '{}' });
    expect(missing.status).toBe(404);
  });

  it('refuses a body that is not JSON with a 400', async () => {
    const response = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: '{not json' });
    expect(response.status).toBe(400);
    expect(server.requests.at(-1)?.body).toBe('{not json');
  });

  it('records every request and reports it once answered', () => {
    expect(server.requests.map((request) => request.sequence)).toEqual(server.requests.map((_, index) => index + 1));
    expect(answered.length).toBe(server.requests.length);
    expect(answered.every((request) => request.status > 0)).toBe(true);
  });
});

describe('API key', () => {
  it('refuses a wrong key with 401 and accepts the right one', async () => {
    const guarded = await startMockLlmServer({ apiKey: 'secret' });
    try {
      const wrong = new OpenAI({ baseURL: guarded.openaiBaseUrl, apiKey: 'nope', maxRetries: 0 });
      await expect(wrong.chat.completions.create({ model: 'gpt-4o-mini', messages: hello })).rejects.toBeInstanceOf(
        OpenAI.AuthenticationError,
      );
      const right = new Anthropic({ baseURL: guarded.anthropicBaseUrl, apiKey: 'secret', maxRetries: 0 });
      const message = await right.messages.create({ model: 'claude-haiku-4-5', max_tokens: 2, messages: hello });
      expect(message.stop_reason).toBe('max_tokens');
    } finally {
      await guarded.close();
    }
  });
});
