import OpenAI from 'openai';
import type { FunctionTool, ResponseStreamEvent } from 'openai/resources/responses/responses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlmServer } from './server.ts';
import type { MockLlmServer } from './types.ts';

const weatherTool: FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Get the weather',
  parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  strict: false,
};
const longInstructions = Array.from({ length: 64 }, (_, index) => `guideline${index}`).join(' ');

let server: MockLlmServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockLlmServer();
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});
afterAll(() => server.close());

describe('POST /v1/responses with the openai SDK', () => {
  it('answers a string input with a message item and usage', async () => {
    const response = await client.responses.create({
      model: 'gpt-4.1',
      input: 'Tell me a joke',
      instructions: 'Be funny',
    });
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.output_text).toBe('Mock reply to: Tell me a joke');
    expect(response.output[0]).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' });
    expect(response.usage).toEqual({
      input_tokens: 6,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: 7,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 13,
    });
    expect(server.requests.at(-1)).toMatchObject({ path: '/v1/responses', protocol: 'openai.responses' });
  });

  it('streams created, text deltas and completed with cache and reasoning usage', async () => {
    const request = {
      model: 'o4-mini',
      instructions: longInstructions,
      input: [{ role: 'user' as const, content: [{ type: 'input_text' as const, text: 'Hello stream' }] }],
      stream: true as const,
    };
    await client.responses.create({ ...request, stream: false });
    const stream = await client.responses.create(request);
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    const types = events.map((event) => event.type);
    expect(types[0]).toBe('response.created');
    expect(types).toContain('response.output_text.delta');
    expect(types.at(-1)).toBe('response.completed');
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index));
    const text = events.flatMap((event) => (event.type === 'response.output_text.delta' ? [event.delta] : [])).join('');
    expect(text).toBe('Mock reply to: Hello stream');
    const completed = events.at(-1);
    if (completed?.type !== 'response.completed') throw new Error('expected response.completed last');
    expect(completed.response.usage).toEqual({
      input_tokens: 66,
      input_tokens_details: { cached_tokens: 64, cache_write_tokens: 0 },
      output_tokens: 5 + 4,
      output_tokens_details: { reasoning_tokens: 4 },
      total_tokens: 75,
    });
    expect(completed.response.output.map((item) => item.type)).toEqual(['reasoning', 'message']);
  });

  it('calls a function, then answers its output', async () => {
    const first = await client.responses.create({
      model: 'gpt-4.1',
      input: 'What is the weather in Rome?',
      tools: [weatherTool],
    });
    const call = first.output.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ name: 'get_weather', arguments: '{"location":"Rome"}', status: 'completed' });
    if (call?.type !== 'function_call') throw new Error('expected a function call');
    const second = await client.responses.create({
      model: 'gpt-4.1',
      tools: [weatherTool],
      input: [
        { role: 'user', content: 'What is the weather in Rome?' },
        call,
        { type: 'function_call_output', call_id: call.call_id, output: 'Cloudy, 18 degrees' },
      ],
    });
    expect(second.output_text).toBe('Based on the tool result: Cloudy, 18 degrees');
  });

  it('streams a function call that the SDK stream helper assembles', async () => {
    const stream = client.responses.stream({ model: 'gpt-4.1', input: 'Weather in Lima?', tools: [weatherTool] });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toContain('response.function_call_arguments.delta');
    expect(types).toContain('response.function_call_arguments.done');
    const final = await stream.finalResponse();
    expect(final.output[0]).toMatchObject({
      type: 'function_call',
      name: 'get_weather',
      arguments: '{"location":"Lima"}',
    });
  });

  it('marks a response cut at max_output_tokens as incomplete', async () => {
    const response = await client.responses.create({ model: 'gpt-4.1', input: 'Ramble on', max_output_tokens: 2 });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.output_text).toBe('Mock reply');
  });
});
