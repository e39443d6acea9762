import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionTool } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlmServer } from './server.ts';
import type { MockLlmServer } from './types.ts';

const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};
const longSystemPrompt = Array.from({ length: 70 }, (_, index) => `rule${index}`).join(' ');

let server: MockLlmServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockLlmServer();
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});
afterAll(() => server.close());

describe('POST /v1/chat/completions with the openai SDK', () => {
  it('answers a plain completion with echo text and word-count usage', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there, how are you?' },
      ],
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.model).toBe('gpt-4o-mini');
    expect(completion.choices[0]?.message).toMatchObject({
      role: 'assistant',
      content: 'Mock reply to: Hello there, how are you?',
    });
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toMatchObject({
      prompt_tokens: 7,
      completion_tokens: 8,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    const recorded = server.requests.at(-1);
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      protocol: 'openai.chat',
      status: 200,
    });
    expect(recorded?.headers.authorization).toBe('Bearer test-key');
  });

  it('streams text chunks, a finish chunk, a usage chunk and [DONE]', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Stream this please' }],
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Mock reply to: Stream this please');
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 6, total_tokens: 9 });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(server.requests.at(-1)?.stream).toBe(true);
  });

  it('streams without a usage chunk unless asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: 'No usage' }],
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.usage === undefined && chunk.choices.length === 1)).toBe(true);
  });

  it('calls a tool, then answers the tool result with text', async () => {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What is the weather in Paris?' },
    ];
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    const choice = first.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(call).toMatchObject({
      type: 'function',
      function: { name: 'get_weather', arguments: '{"location":"Paris"}' },
    });
    expect(call?.id).toMatch(/^call_mock\d+$/);
    messages.push(choice!.message, { role: 'tool', tool_call_id: call!.id, content: 'Sunny and 21 degrees' });
    const second = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(second.choices[0]?.message.content).toBe('Based on the tool result: Sunny and 21 degrees');
  });

  it('streams a tool call that the SDK stream helper assembles', async () => {
    const stream = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools: [weatherTool],
      stream_options: { include_usage: true },
    });
    const final = await stream.finalChatCompletion();
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(final.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      function: { name: 'get_weather', arguments: '{"location":"Oslo"}' },
    });
    expect(final.usage?.completion_tokens).toBe(2);
  });

  it('reports cache write, then cached tokens, for a long system prompt', async () => {
    const request = {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system' as const, content: longSystemPrompt },
        { role: 'user' as const, content: 'Cache me' },
      ],
    };
    const first = await client.chat.completions.create(request);
    expect(first.usage?.prompt_tokens).toBe(72);
    expect(first.usage?.prompt_tokens_details).toMatchObject({ cached_tokens: 0, cache_write_tokens: 70 });
    const second = await client.chat.completions.create(request);
    expect(second.usage?.prompt_tokens).toBe(72);
    expect(second.usage?.prompt_tokens_details?.cached_tokens).toBe(70);
    expect(server.requests.at(-1)?.behaviours).toContain('cache-read');
  });

  it('reports reasoning tokens inside completion tokens for a reasoning model', async () => {
    const completion = await client.chat.completions.create({
      model: 'o4-mini',
      messages: [{ role: 'user', content: 'Think hard' }],
    });
    expect(completion.usage?.completion_tokens_details?.reasoning_tokens).toBe(4);
    expect(completion.usage?.completion_tokens).toBe(4 + 5);
  });

  it('stops at max_completion_tokens with finish reason length', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      max_completion_tokens: 2,
      messages: [{ role: 'user', content: 'A long answer please' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Mock reply');
    expect(completion.choices[0]?.finish_reason).toBe('length');
    expect(completion.usage?.completion_tokens).toBe(2);
  });

  it('refuses a request without messages with a 400 in the OpenAI error shape', async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).error).toMatchObject({
      type: 'invalid_request_error',
      message: 'messages: Field required (a non-empty array)',
    });
  });
});
