import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, RawMessageStreamEvent, Tool } from '@anthropic-ai/sdk/resources/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlmServer } from './server.ts';
import type { MockLlmServer } from './types.ts';

const weatherTool: Tool = {
  name: 'get_weather',
  description: 'Get the weather',
  input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
};
const longSystemPrompt = Array.from({ length: 80 }, (_, index) => `policy${index}`).join(' ');

let server: MockLlmServer;
let client: Anthropic;

beforeAll(async () => {
  server = await startMockLlmServer();
  client = new Anthropic({ baseURL: server.anthropicBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});
afterAll(() => server.close());

describe('POST /v1/messages with the @anthropic-ai/sdk', () => {
  it('answers with a text block and usage', async () => {
    const message = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      system: 'You are terse.',
      messages: [{ role: 'user', content: 'Hello Claude, how are you?' }],
    });
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      stop_reason: 'end_turn',
      content: [{ type: 'text', text: 'Mock reply to: Hello Claude, how are you?' }],
    });
    expect(message.usage).toMatchObject({
      input_tokens: 8,
      output_tokens: 8,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    const recorded = server.requests.at(-1);
    expect(recorded).toMatchObject({ path: '/v1/messages', protocol: 'anthropic.messages', status: 200 });
    // SDK 1.x sends the key as a bearer token; older ones used x-api-key. The mock accepts both.
    expect(recorded?.headers.authorization ?? recorded?.headers['x-api-key']).toMatch(/test-key$/);
  });

  it('streams message_start, text deltas, message_delta with usage and message_stop', async () => {
    const stream = await client.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 256,
      stream: true,
      messages: [{ role: 'user', content: 'Stream it' }],
    });
    const events: RawMessageStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events.map((event) => event.type)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const start = events[0];
    if (start?.type !== 'message_start') throw new Error('expected message_start');
    expect(start.message.usage).toMatchObject({ input_tokens: 2, output_tokens: 1 });
    const delta = events.at(-2);
    if (delta?.type !== 'message_delta') throw new Error('expected message_delta');
    expect(delta.delta.stop_reason).toBe('end_turn');
    expect(delta.usage.output_tokens).toBe(5);
  });

  it('streams a tool_use block with input_json_delta, then answers the tool_result', async () => {
    const messages: MessageParam[] = [{ role: 'user', content: 'What is the weather in Berlin?' }];
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      messages,
      tools: [weatherTool],
    });
    const deltaTypes: string[] = [];
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta') deltaTypes.push(event.delta.type);
    });
    const first = await stream.finalMessage();
    expect(deltaTypes.length).toBeGreaterThan(1);
    expect(new Set(deltaTypes)).toEqual(new Set(['input_json_delta']));
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content[0];
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { location: 'Berlin' } });
    if (toolUse?.type !== 'tool_use') throw new Error('expected tool_use');
    expect(toolUse.id).toMatch(/^toolu_mock\d+$/);
    messages.push(
      { role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: 'Windy, 12 degrees' }] },
    );
    const second = await client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      messages,
      tools: [weatherTool],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content[0]).toEqual({ type: 'text', text: 'Based on the tool result: Windy, 12 degrees' });
  });

  it('writes then reads the prompt cache at a cache_control breakpoint, input excluding cache tokens', async () => {
    const request = {
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      system: [{ type: 'text' as const, text: longSystemPrompt, cache_control: { type: 'ephemeral' as const } }],
      messages: [{ role: 'user' as const, content: 'Cached question' }],
    };
    const first = await client.messages.create(request);
    expect(first.usage).toMatchObject({ input_tokens: 2, cache_creation_input_tokens: 80, cache_read_input_tokens: 0 });
    const second = await client.messages.stream(request).finalMessage();
    expect(second.usage).toMatchObject({
      input_tokens: 2,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 80,
    });
    const withoutBreakpoint = await client.messages.create({ ...request, system: longSystemPrompt });
    expect(withoutBreakpoint.usage.cache_read_input_tokens).toBe(0);
    expect(withoutBreakpoint.usage.cache_creation_input_tokens).toBe(0);
  });

  it('streams a thinking block with a signature when thinking is enabled', async () => {
    const message = await client.messages
      .stream({
        model: 'claude-sonnet-4-6',
        max_tokens: 2048,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        messages: [{ role: 'user', content: 'Ponder this' }],
      })
      .finalMessage();
    expect(message.content.map((block) => block.type)).toEqual(['thinking', 'text']);
    expect(message.content[0]).toMatchObject({ thinking: 'Reasoning about: Ponder this', signature: 'mock-signature' });
    expect(message.usage.output_tokens).toBe(4 + 5);
    expect(message.usage.output_tokens_details).toEqual({ thinking_tokens: 4 });
  });

  it('counts tokens', async () => {
    const result = await client.messages.countTokens({
      model: 'claude-sonnet-4-6',
      messages: [{ role: 'user', content: 'one two three' }],
    });
    expect(result.input_tokens).toBe(3);
  });

  it('refuses a request without max_tokens with a 400 in the Anthropic error shape', async () => {
    const response = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: 'max_tokens: Field required' },
    });
  });
});
