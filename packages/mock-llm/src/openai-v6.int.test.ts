// The previous openai major (6.x, still required by several instrumentations) against the same server.
import OpenAI from 'openai-v6';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockLlmServer } from './server.ts';
import type { MockLlmServer } from './types.ts';

let server: MockLlmServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockLlmServer();
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});
afterAll(() => server.close());

describe('the mock LLM server with openai 6', () => {
  it('answers chat completions, streamed with a usage chunk', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello six' }],
    });
    expect(completion.choices[0]?.message.content).toBe('Mock reply to: Hello six');
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Hello six' }],
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(text).toBe('Mock reply to: Hello six');
    expect(usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 5 });
  });

  it('streams a tool call through the stream helper', async () => {
    const final = await client.chat.completions
      .stream({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Weather in Tokyo?' }],
        tools: [
          {
            type: 'function',
            function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
          },
        ],
      })
      .finalChatCompletion();
    expect(final.choices[0]?.message.tool_calls?.[0]).toMatchObject({
      function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
    });
  });

  it('streams a Responses API answer and decodes base64 embeddings', async () => {
    const final = await client.responses.stream({ model: 'gpt-4.1', input: 'Hello responses' }).finalResponse();
    // openai 6's stream helper does not add the output_text convenience field, so read the message item.
    expect(final.output[0]).toMatchObject({
      type: 'message',
      content: [{ type: 'output_text', text: 'Mock reply to: Hello responses' }],
    });
    expect(final.usage?.input_tokens).toBe(2);
    const embeddings = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'vector please' });
    expect(embeddings.data[0]?.embedding).toHaveLength(16);
  });
});
