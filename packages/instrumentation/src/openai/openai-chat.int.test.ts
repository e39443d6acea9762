import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  ERROR_TYPE,
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_REQUEST_MAX_TOKENS,
  GEN_AI_REQUEST_STREAM,
  GEN_AI_REQUEST_TEMPERATURE,
  GEN_AI_RESPONSE_FINISH_REASONS,
  GEN_AI_RESPONSE_ID,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  GEN_AI_TOOL_DEFINITIONS,
  GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  SIGHTLINE_USAGE_ESTIMATED,
} from '@sightline/core';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI, * as openaiModule from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureRuntime } from '../runtime/settings.ts';
import { expectedCost, messagesJson, startAttributes } from '../test-support/expected-attributes.ts';
import { type InMemoryTracing, startInMemoryTracing } from '../test-support/in-memory-tracing.ts';

let server: MockLlmServer;
let tracing: InMemoryTracing;
let client: OpenAI;

const QUESTION = [{ role: 'user' as const, content: 'Hello there friend' }];
const REPLY = [
  { role: 'assistant', parts: [{ type: 'text', content: 'Mock reply to: Hello there friend' }], finish_reason: 'stop' },
];
const WEATHER_TOOL = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Current weather',
    parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
  },
};

function base(): Record<string, unknown> {
  return startAttributes({ operation: 'chat', provider: 'openai', model: 'gpt-4o-mini', port: server.port });
}

beforeAll(async () => {
  server = await startMockLlmServer();
  tracing = startInMemoryTracing({ modules: { openai: openaiModule } });
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});

beforeEach(() => {
  tracing.exporter.reset();
  server.requests.length = 0;
  configureRuntime({ streamUsage: 'request' });
});

afterAll(async () => {
  await tracing.stop();
  await server.close();
});

describe('openai chat completions, not streamed', () => {
  it('records one CLIENT span with request, response, usage, cost and content', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: QUESTION,
      temperature: 0.2,
      max_tokens: 50,
    });
    expect(completion.choices[0]?.message.content).toBe('Mock reply to: Hello there friend');
    await tracing.handle.flush();
    const span = tracing.spanNamed('chat gpt-4o-mini');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.instrumentationScope.name).toBe('@sightline/instrumentation');
    expect(span.attributes).toEqual({
      ...base(),
      [GEN_AI_REQUEST_TEMPERATURE]: 0.2,
      [GEN_AI_REQUEST_MAX_TOKENS]: 50,
      [GEN_AI_INPUT_MESSAGES]: messagesJson([
        { role: 'user', parts: [{ type: 'text', content: 'Hello there friend' }] },
      ]),
      [GEN_AI_RESPONSE_ID]: completion.id,
      [GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini',
      [GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
      [GEN_AI_USAGE_INPUT_TOKENS]: 3,
      [GEN_AI_USAGE_OUTPUT_TOKENS]: 6,
      [GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 0,
      [GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: 0,
      ...expectedCost('openai', 'gpt-4o-mini', { inputTokens: 3, outputTokens: 6 }),
      [GEN_AI_OUTPUT_MESSAGES]: messagesJson(REPLY),
    });
  });

  it('records tool calls and tool definitions in the OTel parts shape', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [WEATHER_TOOL],
    });
    const call = completion.choices[0]?.message.tool_calls?.[0];
    expect(call?.type === 'function' ? call.function.arguments : undefined).toBe('{"location":"Paris"}');
    await tracing.handle.flush();
    const span = tracing.spanNamed('chat gpt-4o-mini');
    expect(span.attributes[GEN_AI_RESPONSE_FINISH_REASONS]).toEqual(['tool_calls']);
    expect(JSON.parse(String(span.attributes[GEN_AI_TOOL_DEFINITIONS]))).toEqual([
      {
        type: 'function',
        name: 'get_weather',
        description: 'Current weather',
        parameters: WEATHER_TOOL.function.parameters,
      },
    ]);
    expect(JSON.parse(String(span.attributes[GEN_AI_OUTPUT_MESSAGES]))).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: call?.id, name: 'get_weather', arguments: { location: 'Paris' } }],
        finish_reason: 'tool_calls',
      },
    ]);
  });

  it('records a tool result turn as a tool message', async () => {
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are terse' },
        { role: 'user', content: 'Weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'Sunny, 21 C' },
      ],
      tools: [WEATHER_TOOL],
    });
    await tracing.handle.flush();
    expect(JSON.parse(String(tracing.spanNamed('chat gpt-4o-mini').attributes[GEN_AI_INPUT_MESSAGES]))).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'You are terse' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { location: 'Paris' } }],
      },
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: 'Sunny, 21 C' }] },
    ]);
  });

  it('keeps withResponse() and asResponse() working', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: QUESTION })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Mock reply to: Hello there friend');
    expect(response.status).toBe(200);
    const raw = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION }).asResponse();
    expect(((await raw.json()) as { object: string }).object).toBe('chat.completion');
    await tracing.handle.flush();
    const [withResponse, asResponse] = tracing.spans();
    expect(withResponse?.attributes[GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(6);
    // The raw body was the app's to read: the span ends without response details.
    expect(asResponse?.attributes[GEN_AI_USAGE_OUTPUT_TOKENS]).toBeUndefined();
    expect(asResponse?.ended).toBe(true);
  });

  it('marks the span failed with the HTTP status and lets the app see the same error', async () => {
    const error = await client.chat.completions
      .create({ model: 'gpt-4o-mini-fail-429', messages: QUESTION })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    await tracing.handle.flush();
    const span = tracing.spanNamed('chat gpt-4o-mini-fail-429');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes[ERROR_TYPE]).toBe('429');
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
  });
});

describe('openai chat completions, streamed', () => {
  async function readAll<T>(stream: AsyncIterable<T>): Promise<T[]> {
    const chunks: T[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    return chunks;
  }

  it('asks for usage without the app seeing the extra chunk or field', async () => {
    const chunks = await readAll(
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION, stream: true }),
    );
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(chunks.every((chunk) => chunk.choices.length > 0 && !('usage' in chunk))).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'Mock reply to: Hello there friend',
    );
    await tracing.handle.flush();
    expect(tracing.spans()).toHaveLength(1);
    const span = tracing.spanNamed('chat gpt-4o-mini');
    expect(span.attributes).toEqual({
      ...base(),
      [GEN_AI_REQUEST_STREAM]: true,
      [GEN_AI_INPUT_MESSAGES]: messagesJson([
        { role: 'user', parts: [{ type: 'text', content: 'Hello there friend' }] },
      ]),
      [GEN_AI_RESPONSE_ID]: chunks[0]?.id,
      [GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini',
      [GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
      [GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]: expect.any(Number),
      [GEN_AI_USAGE_INPUT_TOKENS]: 3,
      [GEN_AI_USAGE_OUTPUT_TOKENS]: 6,
      [GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 0,
      [GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]: 0,
      ...expectedCost('openai', 'gpt-4o-mini', { inputTokens: 3, outputTokens: 6 }),
      [GEN_AI_OUTPUT_MESSAGES]: messagesJson(REPLY),
    });
    expect(span.attributes[GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]).toBeGreaterThan(0);
  });

  it('leaves the usage chunk to an app that asked for it', async () => {
    const chunks = await readAll(
      await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: QUESTION,
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(6);
    await tracing.handle.flush();
    expect(tracing.spans()).toHaveLength(1);
    // Nothing hidden from this app: its chunks are kept and read into the span at export.
    expect(tracing.spanNamed('chat gpt-4o-mini').attributes).toMatchObject({
      [GEN_AI_USAGE_OUTPUT_TOKENS]: 6,
      [GEN_AI_RESPONSE_ID]: chunks[0]?.id,
      [GEN_AI_RESPONSE_FINISH_REASONS]: ['stop'],
      [GEN_AI_OUTPUT_MESSAGES]: messagesJson(REPLY),
    });
  });

  it('estimates usage with the tokenizer when told not to ask the provider', async () => {
    configureRuntime({ streamUsage: 'estimate' });
    await readAll(await client.chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION, stream: true }));
    expect(server.requests[0]?.body).not.toHaveProperty('stream_options');
    await tracing.handle.flush();
    expect(tracing.spans()).toHaveLength(1);
    const span = tracing.spanNamed('chat gpt-4o-mini');
    expect(span.attributes[SIGHTLINE_USAGE_ESTIMATED]).toBe(true);
    // o200k: "Hello there friend" is 3 tokens, "Mock reply to: Hello there friend" 7.
    expect(span.attributes[GEN_AI_USAGE_INPUT_TOKENS]).toBe(3);
    expect(span.attributes[GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(7);
  });

  it('accumulates streamed tool call arguments', async () => {
    const chunks = await readAll(
      await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
        tools: [WEATHER_TOOL],
        stream: true,
      }),
    );
    const callId = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []).find((call) => call.id)?.id;
    await tracing.handle.flush();
    expect(tracing.spans()).toHaveLength(1);
    expect(JSON.parse(String(tracing.spanNamed('chat gpt-4o-mini').attributes[GEN_AI_OUTPUT_MESSAGES]))).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: callId, name: 'get_weather', arguments: { location: 'Paris' } }],
        finish_reason: 'tool_calls',
      },
    ]);
  });

  it('reads a tee()d stream once and leaves both branches whole', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION, stream: true });
    const [left, right] = stream.tee();
    const [leftChunks, rightChunks] = await Promise.all([readAll(left), readAll(right)]);
    expect(leftChunks).toEqual(rightChunks);
    expect(leftChunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'Mock reply to: Hello there friend',
    );
    await tracing.handle.flush();
    expect(tracing.spans()).toHaveLength(1);
    expect(tracing.spanNamed('chat gpt-4o-mini').attributes[GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(6);
  });

  it('works with withResponse() on a stream and with the ChatCompletionStream helper', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: QUESTION, stream: true })
      .withResponse();
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    await readAll(data);
    const helper = client.chat.completions.stream({ model: 'gpt-4o-mini', messages: QUESTION });
    const final = await helper.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe('Mock reply to: Hello there friend');
    await tracing.handle.flush();
    expect(tracing.spans()).toHaveLength(2);
    expect(tracing.spans().map((span) => span.attributes[GEN_AI_USAGE_OUTPUT_TOKENS])).toEqual([6, 6]);
  });

  it('works through toReadableStream() and the parse() helper', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION, stream: true });
    const text = await new Response(stream.toReadableStream()).text();
    const chunks = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { choices: Array<{ delta: { content?: string } }>; usage?: unknown });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'Mock reply to: Hello there friend',
    );
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
    const parsed = await client.chat.completions.parse({ model: 'gpt-4o-mini', messages: QUESTION });
    expect(parsed.choices[0]?.message.content).toBe('Mock reply to: Hello there friend');
    await tracing.handle.flush();
    expect(tracing.spans().map((span) => span.attributes[GEN_AI_USAGE_OUTPUT_TOKENS])).toEqual([6, 6]);
  });

  it('ends the span when the app stops reading early, with estimated usage', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION, stream: true });
    let read = 0;
    for await (const _chunk of stream) {
      read += 1;
      if (read === 3) break;
    }
    await tracing.handle.flush();
    expect(tracing.spans()).toHaveLength(1);
    const span = tracing.spanNamed('chat gpt-4o-mini');
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes[SIGHTLINE_USAGE_ESTIMATED]).toBe(true);
    expect(JSON.parse(String(span.attributes[GEN_AI_OUTPUT_MESSAGES]))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Mock reply' }] },
    ]);
  });

  it('records an error sent mid-stream and rethrows it to the app', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini-stream-error',
      messages: QUESTION,
      stream: true,
    });
    const error = await readAll(stream).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    await tracing.handle.flush();
    expect(tracing.spans()).toHaveLength(1);
    const span = tracing.spanNamed('chat gpt-4o-mini-stream-error');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes[ERROR_TYPE]).toBe((error as { constructor: { name: string } }).constructor.name);
  });
});
