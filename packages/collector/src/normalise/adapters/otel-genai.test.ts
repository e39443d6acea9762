import { describe, expect, it } from 'vitest';
import type { Attributes, OtlpEvent, OtlpSpan } from '../../otlp/types.ts';
import { AttributeReader } from '../attribute-reader.ts';
import {
  FIXTURE_RESOURCE,
  FIXTURE_START_US,
  fixtureLogs,
  fixtureSpan,
  fixtureSpans,
} from './__fixtures__/load-fixture.ts';
import { canonicalView, expectedSpan, mappingView, normalise } from './__fixtures__/normalise-fixture.ts';
import { otelGenAiAdapter } from './otel-genai.ts';

/** A span carrying only the given GenAI attributes, for edge cases no single fixture covers. */
function genAiSpan(attributes: Attributes, events: OtlpEvent[] = []): OtlpSpan {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    parentSpanId: '',
    name: 'chat',
    kind: 'CLIENT',
    startTimeUnixUs: FIXTURE_START_US,
    endTimeUnixUs: FIXTURE_START_US + 900_000,
    status: { code: 'UNSET', message: '' },
    attributes,
    events,
    links: [],
    resource: FIXTURE_RESOURCE,
    scope: { name: 'example', version: '1.0.0' },
  };
}

describe('otelGenAiAdapter', () => {
  it('maps pre-1.27 Semantic Kernel spans: response.* usage, singular finish reason, content events', () => {
    const span = fixtureSpan('semantic-kernel-python-model-diagnostics-130f159.json');
    const result = normalise(span);

    expect(canonicalView(result)).toEqual(
      expectedSpan(span, {
        sourceConvention: 'otel_genai',
        spanType: 'llm',
        operation: 'chat.completions',
        provider: 'openai',
        requestModel: 'gpt-4o',
        finishReasons: ['FinishReason.STOP'],
        usage: { inputTokens: 31, outputTokens: 9, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
        countsInTotals: true,
        priceVersion: 'unpriced',
        input: [
          { role: 'system', parts: [{ type: 'text', content: 'You write haiku.' }] },
          { role: 'user', parts: [{ type: 'text', content: 'A haiku about rain.' }] },
        ],
        output: [{ role: 'assistant', parts: [{ type: 'text', content: 'Soft rain on the roof' }] }],
        requestParameters: { max_tokens: 200, temperature: 0.2 },
      }),
    );
    expect(mappingView(result)).toEqual({
      conventions: ['otel_genai'],
      mapped: {
        'gen_ai.operation.name': 'otel_genai:operation',
        'gen_ai.system': 'otel_genai:provider',
        'gen_ai.request.model': 'otel_genai:requestModel',
        'gen_ai.response.prompt_tokens': 'otel_genai:usage.inputTokens',
        'gen_ai.response.completion_tokens': 'otel_genai:usage.outputTokens',
        'gen_ai.request.max_tokens': 'otel_genai:requestParameters.max_tokens',
        'gen_ai.request.temperature': 'otel_genai:requestParameters.temperature',
        'gen_ai.response.finish_reason': 'otel_genai:finishReasons',
      },
      raw: ['gen_ai.response.id'],
      errors: [],
    });
  });

  it('maps 1.28 message events that arrive as span events', () => {
    const span = fixtureSpan('lilypad-openai-span-events-semconv-1.28.json');
    const result = normalise(span);

    expect(canonicalView(result)).toEqual(
      expectedSpan(span, {
        sourceConvention: 'otel_genai',
        spanType: 'llm',
        operation: 'chat',
        provider: 'openai',
        requestModel: 'gpt-4o-mini',
        responseModel: 'gpt-4o-mini-2024-07-18',
        finishReasons: ['stop'],
        usage: { inputTokens: 96, outputTokens: 14, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
        countsInTotals: true,
        priceVersion: 'unpriced',
        input: [
          { role: 'system', parts: [{ type: 'text', content: 'You are terse.' }] },
          { role: 'user', parts: [{ type: 'text', content: 'Weather in Rome?' }] },
          {
            role: 'assistant',
            parts: [{ type: 'tool_call', id: 'call_9', name: 'get_weather', arguments: { city: 'Rome' } }],
          },
          // lilypad leaves the content out of tool message events that carry the call id.
          { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_9', response: null }] },
        ],
        output: [{ role: 'assistant', parts: [{ type: 'text', content: 'Sunny, 24C.' }], finish_reason: 'stop' }],
        requestParameters: { seed: 7 },
      }),
    );
    expect(mappingView(result).raw).toEqual(['gen_ai.response.id', 'server.address']);
  });

  it('maps a 1.37 inference details event on the span, with kvlist message values', () => {
    const details = fixtureLogs('otel-genai-1.37-details-and-1.38-evaluation-logs.json')[0];
    if (!details) throw new Error('fixture has a details record');
    const span = genAiSpan(
      { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini' },
      [{ name: details.eventName, timeUnixUs: FIXTURE_START_US + 10, attributes: details.attributes }],
    );
    const result = normalise(span);

    expect(result.input).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'Be kind.' }] },
      { role: 'user', parts: [{ type: 'text', content: 'Hi' }] },
    ]);
    expect(result.output).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: 'Hello!' }], finish_reason: 'stop' },
    ]);
    expect(result.finishReasons).toEqual(['stop']);
  });

  it('treats invoke_agent spans that carry usage as aggregates of their model calls', () => {
    const [run, firstChat, tool, secondChat] = fixtureSpans('pydantic-ai-invoke-agent-aggregated-usage.json');
    if (!run || !firstChat || !tool || !secondChat) throw new Error('fixture has four spans');
    const results = [run, firstChat, tool, secondChat].map(normalise);

    expect(canonicalView(results[0] ?? normalise(run))).toEqual(
      expectedSpan(run, {
        sourceConvention: 'otel_genai',
        spanType: 'agent',
        operation: 'invoke_agent',
        sessionId: 'conv-pyd-1',
        agentName: 'weather_agent',
        usage: { inputTokens: 740, outputTokens: 64, cacheReadTokens: 512, cacheWriteTokens: 0, reasoningTokens: 0 },
        countsInTotals: false,
      }),
    );
    expect(otelGenAiAdapter.map(run, new AttributeReader(run.attributes)).aggregatesChildren).toBe(true);
    // The same root with standard usage names (AI SDK v7 style) is an aggregate too.
    const renamed = Object.fromEntries(
      Object.entries(run.attributes).map(([key, value]) => [
        key.replace('gen_ai.aggregated_usage.', 'gen_ai.usage.'),
        value,
      ]),
    );
    expect(otelGenAiAdapter.map(run, new AttributeReader(renamed)).aggregatesChildren).toBe(true);

    const counted = results.filter((span) => span.countsInTotals);
    expect(counted.map((span) => span.spanId)).toEqual([firstChat.spanId, secondChat.spanId]);
    const totalInput = counted.reduce((sum, span) => sum + span.usage.inputTokens, 0);
    expect(totalInput).toBe(results[0]?.usage.inputTokens);

    expect(canonicalView(results[2] ?? normalise(tool))).toEqual(
      expectedSpan(tool, {
        sourceConvention: 'otel_genai',
        spanType: 'tool',
        operation: 'execute_tool',
        toolName: 'get_weather',
        input: [
          {
            role: 'assistant',
            parts: [{ type: 'tool_call', id: 'call_oslo', name: 'get_weather', arguments: { city: 'Oslo' } }],
          },
        ],
        output: [{ role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_oslo', response: '-3°C' }] }],
      }),
    );
  });

  it('maps old provider names onto gen_ai.provider.name values', () => {
    const provider = (attributes: Attributes) =>
      normalise(genAiSpan({ 'gen_ai.operation.name': 'chat', ...attributes })).provider;
    expect(provider({ 'gen_ai.system': 'az.ai.openai' })).toBe('azure.ai.openai');
    expect(provider({ 'gen_ai.system': 'az.ai.inference' })).toBe('azure.ai.inference');
    expect(provider({ 'gen_ai.system': 'vertex_ai' })).toBe('gcp.vertex_ai');
    expect(provider({ 'gen_ai.system': 'gemini' })).toBe('gcp.gemini');
    expect(provider({ 'gen_ai.system': 'OpenAI' })).toBe('openai');
    expect(provider({ 'gen_ai.system': 'openai', 'gen_ai.provider.name': 'azure.ai.openai' })).toBe('azure.ai.openai');
  });

  it('reads 1.40+ usage names, both cache-write spellings, TTFT in seconds, and the user id', () => {
    const result = normalise(
      genAiSpan({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'o4-mini',
        'gen_ai.usage.input_tokens': 3000,
        'gen_ai.usage.output_tokens': 900,
        'gen_ai.usage.cache_read.input_tokens': 1000,
        'gen_ai.usage.cache_write.input_tokens': 500,
        'gen_ai.usage.reasoning.output_tokens': 700,
        'gen_ai.usage.audio.input_tokens': 40,
        'gen_ai.response.time_to_first_chunk': 0.25,
        'enduser.id': 'end-user-3',
        'error.type': 'timeout',
      }),
    );

    expect(result.usage).toEqual({
      inputTokens: 3000,
      outputTokens: 900,
      cacheReadTokens: 1000,
      cacheWriteTokens: 500,
      reasoningTokens: 700,
    });
    expect(result.usageDetails).toEqual({ 'audio.input_tokens': 40 });
    expect(result.timeToFirstTokenMs).toBe(250);
    expect(result.userId).toBe('end-user-3');
    expect(result.errorType).toBe('timeout');
  });

  it('adds cache to input when an emitter reports input without it (cache larger than input)', () => {
    const result = normalise(
      genAiSpan({
        'gen_ai.operation.name': 'chat',
        'gen_ai.system': 'anthropic',
        'gen_ai.request.model': 'claude-sonnet-4-5',
        'gen_ai.usage.input_tokens': 14,
        'gen_ai.usage.output_tokens': 20,
        'gen_ai.usage.cache_read.input_tokens': 2048,
        'gen_ai.usage.cache_creation.input_tokens': 312,
      }),
    );
    expect(result.usage).toEqual({
      inputTokens: 2374,
      outputTokens: 20,
      cacheReadTokens: 2048,
      cacheWriteTokens: 312,
      reasoningTokens: 0,
    });
  });

  it('keeps the span when the messages are not JSON and a token count is "abc"; the rest still maps', () => {
    const result = normalise(
      genAiSpan({
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.input.messages': '[{"role": "user", "parts": [{"type": "text", "content": "Hel',
        'gen_ai.output.messages': '[{"role": "assistant", "parts": [{"type": "text", "content": "Hi"}]}]',
        'gen_ai.usage.input_tokens': 'abc',
        'gen_ai.usage.output_tokens': 5,
        'gen_ai.conversation.id': 'conv-1',
      }),
    );

    expect(result.spanType).toBe('llm');
    expect(result.mapping.errors).toEqual([]);
    // The unparseable list is kept as text rather than lost.
    expect(result.input).toEqual([
      {
        role: 'user',
        parts: [{ type: 'text', content: '[{"role": "user", "parts": [{"type": "text", "content": "Hel' }],
      },
    ]);
    expect(result.output).toEqual([{ role: 'assistant', parts: [{ type: 'text', content: 'Hi' }] }]);
    expect(result.usage).toEqual({
      inputTokens: 0,
      outputTokens: 5,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    expect(result.sessionId).toBe('conv-1');
    expect(result.mapping.raw).toEqual(['gen_ai.usage.input_tokens']);
  });

  it('maps retrieval spans: the query is the input, the documents the output', () => {
    const result = normalise(
      genAiSpan({
        'gen_ai.operation.name': 'retrieval',
        'gen_ai.data_source.id': 'kb-main',
        'gen_ai.retrieval.query.text': 'refund policy',
        'gen_ai.retrieval.documents': '[{"id": "doc-1", "score": 0.91}]',
      }),
    );
    expect(result.spanType).toBe('retriever');
    expect(result.input).toEqual([{ role: 'user', parts: [{ type: 'text', content: 'refund policy' }] }]);
    expect(result.output).toEqual([
      { role: 'assistant', parts: [{ type: 'other', value: [{ id: 'doc-1', score: 0.91 }] }] },
    ]);
  });

  it('does not claim spans without any gen_ai data', () => {
    expect(otelGenAiAdapter.detect(genAiSpan({ 'http.route': '/health' }))).toBe(false);
    expect(otelGenAiAdapter.detect(genAiSpan({}, [{ name: 'gen_ai.choice', timeUnixUs: 1, attributes: {} }]))).toBe(
      true,
    );
  });
});
