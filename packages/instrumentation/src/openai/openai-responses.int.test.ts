import {
  GEN_AI_EMBEDDINGS_DIMENSION_COUNT,
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_REQUEST_MAX_TOKENS,
  GEN_AI_REQUEST_STREAM,
  GEN_AI_RESPONSE_FINISH_REASONS,
  GEN_AI_RESPONSE_ID,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  GEN_AI_SYSTEM_INSTRUCTIONS,
  GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
} from '@sightline/core';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI, * as openaiModule from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectedCost, messagesJson, startAttributes } from '../test-support/expected-attributes.ts';
import { type InMemoryTracing, startInMemoryTracing } from '../test-support/in-memory-tracing.ts';

let server: MockLlmServer;
let tracing: InMemoryTracing;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockLlmServer();
  tracing = startInMemoryTracing({ modules: { openai: openaiModule } });
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});

beforeEach(() => tracing.exporter.reset());

afterAll(async () => {
  await tracing.stop();
  await server.close();
});

describe('openai responses API', () => {
  it('records instructions, input, output, usage and cost', async () => {
    const response = await client.responses.create({
      model: 'gpt-4o-mini',
      instructions: 'Answer briefly',
      input: 'Name a colour',
      max_output_tokens: 40,
    });
    expect(response.output_text).toBe('Mock reply to: Name a colour');
    await tracing.handle.flush();
    const span = tracing.spanNamed('chat gpt-4o-mini');
    expect(span.attributes).toEqual({
      ...startAttributes({ operation: 'chat', provider: 'openai', model: 'gpt-4o-mini', port: server.port }),
      [GEN_AI_REQUEST_MAX_TOKENS]: 40,
      [GEN_AI_SYSTEM_INSTRUCTIONS]: JSON.stringify([{ type: 'text', content: 'Answer briefly' }]),
      [GEN_AI_INPUT_MESSAGES]: messagesJson([{ role: 'user', parts: [{ type: 'text', content: 'Name a colour' }] }]),
      [GEN_AI_RESPONSE_ID]: response.id,
      [GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini',
      [GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
      [GEN_AI_USAGE_INPUT_TOKENS]: 5,
      [GEN_AI_USAGE_OUTPUT_TOKENS]: 6,
      [GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 0,
      [GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: 0,
      [GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: 0,
      ...expectedCost('openai', 'gpt-4o-mini', { inputTokens: 5, outputTokens: 6 }),
      [GEN_AI_OUTPUT_MESSAGES]: messagesJson([
        {
          role: 'assistant',
          parts: [{ type: 'text', content: 'Mock reply to: Name a colour' }],
          finish_reason: 'stop',
        },
      ]),
    });
  });

  it('takes streamed usage from the final event', async () => {
    const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'Name a colour', stream: true });
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types.at(-1)).toBe('response.completed');
    await tracing.handle.flush();
    const span = tracing.spanNamed('chat gpt-4o-mini');
    expect(span.attributes[GEN_AI_REQUEST_STREAM]).toBe(true);
    expect(span.attributes[GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]).toBeGreaterThan(0);
    expect(span.attributes[GEN_AI_USAGE_INPUT_TOKENS]).toBe(3);
    expect(span.attributes[GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(6);
  });

  it('records one span for the responses.stream() helper', async () => {
    const helper = client.responses.stream({ model: 'gpt-4o-mini', input: 'Name a colour' });
    const final = await helper.finalResponse();
    expect(final.output_text).toBe('Mock reply to: Name a colour');
    await tracing.handle.flush();
    expect(tracing.spans()).toHaveLength(1);
    expect(tracing.spanNamed('chat gpt-4o-mini').attributes[GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(
      final.usage?.output_tokens,
    );
  });

  it('records function calls and reasoning tokens', async () => {
    const response = await client.responses.create({
      model: 'o4-mini',
      reasoning: { effort: 'low' },
      input: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
          strict: true,
        },
      ],
    });
    const call = response.output.find((item) => item.type === 'function_call');
    await tracing.handle.flush();
    const span = tracing.spanNamed('chat o4-mini');
    expect(span.attributes[GEN_AI_RESPONSE_FINISH_REASONS]).toEqual(['tool_calls']);
    expect(span.attributes[GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]).toBe(
      response.usage?.output_tokens_details.reasoning_tokens,
    );
    expect(Number(span.attributes[GEN_AI_USAGE_REASONING_OUTPUT_TOKENS])).toBeGreaterThan(0);
    const [output] = JSON.parse(String(span.attributes[GEN_AI_OUTPUT_MESSAGES])) as Array<{
      parts: Array<{ type: string }>;
    }>;
    expect(output?.parts).toContainEqual({
      type: 'tool_call',
      id: call?.type === 'function_call' ? call.call_id : '',
      name: 'get_weather',
      arguments: { location: 'Paris' },
    });
  });
});

describe('openai embeddings', () => {
  it('records an embedding span with input tokens and cost, and no content', async () => {
    const result = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['first text here', 'second'],
      dimensions: 8,
    });
    expect(result.data).toHaveLength(2);
    await tracing.handle.flush();
    const span = tracing.spanNamed('embeddings text-embedding-3-small');
    expect(span.attributes).toEqual({
      ...startAttributes({
        operation: 'embeddings',
        provider: 'openai',
        model: 'text-embedding-3-small',
        port: server.port,
        spanType: 'embedding',
      }),
      [GEN_AI_EMBEDDINGS_DIMENSION_COUNT]: 8,
      [GEN_AI_RESPONSE_MODEL]: 'text-embedding-3-small',
      [GEN_AI_USAGE_INPUT_TOKENS]: 4,
      [GEN_AI_USAGE_OUTPUT_TOKENS]: 0,
      ...expectedCost('openai', 'text-embedding-3-small', { inputTokens: 4 }),
    });
  });
});
