import Anthropic, * as anthropicModule from '@anthropic-ai/sdk';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  ANTHROPIC_SPAN_MESSAGES_CREATE,
  ERROR_TYPE,
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
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { configureRuntime } from '../runtime/settings.ts';
import { expectedCost, messagesJson, startAttributes } from '../test-support/expected-attributes.ts';
import { type InMemoryTracing, startInMemoryTracing } from '../test-support/in-memory-tracing.ts';

const MODEL = 'claude-sonnet-4-6';
const LONG_SYSTEM = Array.from({ length: 80 }, (_, index) => `rule${index}`).join(' ');

let server: MockLlmServer;
let tracing: InMemoryTracing;
let client: Anthropic;

beforeAll(async () => {
  server = await startMockLlmServer();
  tracing = startInMemoryTracing({ modules: { anthropic: anthropicModule } });
  client = new Anthropic({ baseURL: server.anthropicBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});

beforeEach(() => {
  tracing.exporter.reset();
  configureRuntime({ anthropicNativeSpans: 'suppress' });
});

afterAll(async () => {
  await tracing.stop();
  await server.close();
});

const QUESTION = [{ role: 'user' as const, content: 'Hello there friend' }];

describe('anthropic messages', () => {
  it('records one span (the SDK native span is suppressed) with usage, cost and content', async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      system: 'Be kind',
      messages: QUESTION,
    });
    expect(message.content[0]).toEqual({ type: 'text', text: 'Mock reply to: Hello there friend' });
    await tracing.handle.flush();
    expect(tracing.spans().map((span) => span.name)).toEqual([`chat ${MODEL}`]);
    const span = tracing.spanNamed(`chat ${MODEL}`);
    expect(span.kind).toBe(SpanKind.CLIENT);
    const usage = message.usage;
    expect(span.attributes).toEqual({
      ...startAttributes({ operation: 'chat', provider: 'anthropic', model: MODEL, port: server.port }),
      [GEN_AI_REQUEST_MAX_TOKENS]: 100,
      [GEN_AI_SYSTEM_INSTRUCTIONS]: JSON.stringify([{ type: 'text', content: 'Be kind' }]),
      [GEN_AI_INPUT_MESSAGES]: messagesJson([
        { role: 'user', parts: [{ type: 'text', content: 'Hello there friend' }] },
      ]),
      [GEN_AI_RESPONSE_ID]: message.id,
      [GEN_AI_RESPONSE_MODEL]: MODEL,
      [GEN_AI_RESPONSE_FINISH_REASONS]: ['end_turn'],
      [GEN_AI_USAGE_INPUT_TOKENS]: usage.input_tokens,
      [GEN_AI_USAGE_OUTPUT_TOKENS]: usage.output_tokens,
      [GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 0,
      [GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]: 0,
      ...expectedCost('anthropic', MODEL, { inputTokens: usage.input_tokens, outputTokens: usage.output_tokens }),
      [GEN_AI_OUTPUT_MESSAGES]: messagesJson([
        {
          role: 'assistant',
          parts: [{ type: 'text', content: 'Mock reply to: Hello there friend' }],
          finish_reason: 'end_turn',
        },
      ]),
    });
  });

  it('adds cache reads and writes to input tokens, as OTel counts them', async () => {
    const request = {
      model: MODEL,
      max_tokens: 100,
      system: [{ type: 'text' as const, text: LONG_SYSTEM, cache_control: { type: 'ephemeral' as const } }],
      messages: QUESTION,
    };
    const written = await client.messages.create(request);
    const read = await client.messages.create(request);
    expect(written.usage.cache_creation_input_tokens).toBe(80);
    expect(read.usage.cache_read_input_tokens).toBe(80);
    await tracing.handle.flush();
    const [writeSpan, readSpan] = tracing.spans();
    expect(writeSpan?.attributes[GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]).toBe(80);
    expect(writeSpan?.attributes[GEN_AI_USAGE_INPUT_TOKENS]).toBe(written.usage.input_tokens + 80);
    expect(readSpan?.attributes[GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]).toBe(80);
    expect(readSpan?.attributes[GEN_AI_USAGE_INPUT_TOKENS]).toBe(read.usage.input_tokens + 80);
    expect(readSpan?.attributes).toMatchObject(
      expectedCost('anthropic', MODEL, {
        inputTokens: read.usage.input_tokens + 80,
        outputTokens: read.usage.output_tokens,
        cacheReadTokens: 80,
      }),
    );
  });

  it('records tool use and tool results', async () => {
    const tools = [
      {
        name: 'get_weather',
        description: 'Current weather',
        input_schema: { type: 'object' as const, properties: { location: { type: 'string' } } },
      },
    ];
    const first = await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools,
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
    });
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    expect(toolUse).toMatchObject({ name: 'get_weather', input: { location: 'Paris' } });
    await client.messages.create({
      model: MODEL,
      max_tokens: 100,
      tools,
      messages: [
        { role: 'user', content: 'What is the weather in Paris?' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: toolUse?.type === 'tool_use' ? toolUse.id : '', content: 'Sunny' },
          ],
        },
      ],
    });
    await tracing.handle.flush();
    const [callSpan, resultSpan] = tracing.spans();
    expect(callSpan?.attributes[GEN_AI_RESPONSE_FINISH_REASONS]).toEqual(['tool_use']);
    expect(JSON.parse(String(callSpan?.attributes[GEN_AI_OUTPUT_MESSAGES]))).toEqual([
      {
        role: 'assistant',
        parts: [
          {
            type: 'tool_call',
            id: toolUse?.type === 'tool_use' ? toolUse.id : '',
            name: 'get_weather',
            arguments: { location: 'Paris' },
          },
        ],
        finish_reason: 'tool_use',
      },
    ]);
    expect(JSON.parse(String(resultSpan?.attributes[GEN_AI_INPUT_MESSAGES])).at(-1)).toEqual({
      role: 'tool',
      parts: [{ type: 'tool_call_response', id: toolUse?.type === 'tool_use' ? toolUse.id : '', response: 'Sunny' }],
    });
  });

  it('records thinking as reasoning tokens and parts', async () => {
    const message = await client.messages.create({
      model: MODEL,
      max_tokens: 200,
      thinking: { type: 'enabled', budget_tokens: 100 },
      messages: QUESTION,
    });
    await tracing.handle.flush();
    const span = tracing.spanNamed(`chat ${MODEL}`);
    expect(Number(span.attributes[GEN_AI_USAGE_REASONING_OUTPUT_TOKENS])).toBeGreaterThan(0);
    const [output] = JSON.parse(String(span.attributes[GEN_AI_OUTPUT_MESSAGES])) as Array<{
      parts: Array<{ type: string }>;
    }>;
    expect(output?.parts.map((part) => part.type)).toEqual(
      message.content.map((block) => (block.type === 'thinking' ? 'reasoning' : block.type)),
    );
  });

  it('fails the span with the HTTP status of an API error', async () => {
    const error = await client.messages
      .create({ model: `${MODEL}-fail-529`, max_tokens: 10, messages: QUESTION })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    await tracing.handle.flush();
    const span = tracing.spanNamed(`chat ${MODEL}-fail-529`);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes[ERROR_TYPE]).toBe('529');
  });
});

describe('anthropic streaming', () => {
  it('records usage and content from create({ stream: true })', async () => {
    const stream = await client.messages.create({ model: MODEL, max_tokens: 100, messages: QUESTION, stream: true });
    let text = '';
    for await (const event of stream)
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    expect(text).toBe('Mock reply to: Hello there friend');
    await tracing.handle.flush();
    const span = tracing.spanNamed(`chat ${MODEL}`);
    expect(span.attributes[GEN_AI_REQUEST_STREAM]).toBe(true);
    expect(span.attributes[GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]).toBeGreaterThan(0);
    expect(span.attributes[GEN_AI_USAGE_INPUT_TOKENS]).toBe(3);
    expect(span.attributes[GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(6);
    expect(span.attributes[GEN_AI_OUTPUT_MESSAGES]).toBe(
      messagesJson([
        {
          role: 'assistant',
          parts: [{ type: 'text', content: 'Mock reply to: Hello there friend' }],
          finish_reason: 'end_turn',
        },
      ]),
    );
  });

  it('records one span for messages.stream() and leaves the helper working', async () => {
    const helper = client.messages.stream({
      model: MODEL,
      max_tokens: 100,
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } }],
    });
    const final = await helper.finalMessage();
    expect(final.content[0]).toMatchObject({ type: 'tool_use', input: { location: 'Paris' } });
    await tracing.handle.flush();
    expect(tracing.spans().map((span) => span.name)).toEqual([`chat ${MODEL}`]);
    const span = tracing.spanNamed(`chat ${MODEL}`);
    expect(span.attributes[GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(final.usage.output_tokens);
    expect(JSON.parse(String(span.attributes[GEN_AI_OUTPUT_MESSAGES]))[0].parts[0]).toMatchObject({
      type: 'tool_call',
      name: 'get_weather',
      arguments: { location: 'Paris' },
    });
  });

  it('keeps the SDK native span as a child when asked to', async () => {
    configureRuntime({ anthropicNativeSpans: 'keep' });
    await client.messages.create({ model: MODEL, max_tokens: 100, messages: QUESTION });
    await tracing.handle.flush();
    const ours = tracing.spanNamed(`chat ${MODEL}`);
    const native = tracing.spanNamed(ANTHROPIC_SPAN_MESSAGES_CREATE);
    expect(native.instrumentationScope.name).toBe('com.anthropic.sdk.typescript');
    expect(native.parentSpanContext?.spanId).toBe(ours.spanContext().spanId);
    expect(native.spanContext().traceId).toBe(ours.spanContext().traceId);
  });
});
