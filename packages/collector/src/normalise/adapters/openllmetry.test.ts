import { describe, expect, it } from 'vitest';
import { AttributeReader } from '../attribute-reader.ts';
import { fixtureSpan, fixtureSpans } from './__fixtures__/load-fixture.ts';
import { canonicalView, expectedSpan, mappingView, normalise } from './__fixtures__/normalise-fixture.ts';
import { openllmetryAdapter } from './openllmetry.ts';

const PYTHON_ANTHROPIC = 'openllmetry-semconv-ai-0.4.x-anthropic-chat.json';

describe('openllmetryAdapter', () => {
  it('maps a semconv-ai 0.4 Anthropic span: flattened messages, v0.4 cache keys, association properties', () => {
    const span = fixtureSpan(PYTHON_ANTHROPIC);
    const result = normalise(span);

    expect(canonicalView(result)).toEqual(
      expectedSpan(span, {
        sourceConvention: 'openllmetry',
        spanType: 'llm',
        operation: 'chat',
        provider: 'anthropic',
        requestModel: 'claude-sonnet-4-20250514',
        responseModel: 'claude-sonnet-4-20250514',
        sessionId: 'sess-7',
        userId: 'user-42',
        finishReasons: ['end_turn'],
        // The instrumentation already adds cache read and creation to input_tokens (OTel semantics).
        usage: {
          inputTokens: 2374,
          outputTokens: 86,
          cacheReadTokens: 2048,
          cacheWriteTokens: 312,
          reasoningTokens: 0,
        },
        usageDetails: { total: 2460 },
        countsInTotals: true,
        priceVersion: 'unpriced',
        input: [
          {
            role: 'system',
            parts: [{ type: 'text', content: 'You are a weather assistant. Answer in one sentence.' }],
          },
          { role: 'user', parts: [{ type: 'text', content: 'What is the weather in Paris?' }] },
          {
            role: 'assistant',
            parts: [
              { type: 'text', content: 'Let me check.' },
              { type: 'tool_call', id: 'toolu_01A', name: 'get_weather', arguments: { city: 'Paris' } },
            ],
          },
          { role: 'user', parts: [{ type: 'tool_call_response', id: 'toolu_01A', response: '18C, sunny' }] },
        ],
        output: [
          {
            role: 'assistant',
            parts: [
              { type: 'reasoning', content: 'The tool returned 18C and sunny.' },
              { type: 'text', content: 'It is 18°C and sunny in Paris.' },
            ],
            finish_reason: 'end_turn',
          },
        ],
        requestParameters: { temperature: 0.5, stream: false },
        // Rebuilt from llm.request.functions.0.{name,description,input_schema}.
        toolDefinitions: [
          {
            type: 'function',
            name: 'get_weather',
            description: 'Current weather for a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        ],
        metadata: { tenant: 'acme' },
      }),
    );
    const mapping = mappingView(result);
    expect(mapping.conventions).toEqual(['openllmetry', 'otel_genai']);
    expect(mapping.raw).toEqual(['gen_ai.response.id', 'traceloop.entity.path', 'traceloop.workflow.name']);
    expect(mapping.errors).toEqual([]);
    expect(mapping.mapped).toMatchObject({
      'gen_ai.system': 'openllmetry:provider',
      'llm.request.type': 'openllmetry:spanType',
      'gen_ai.usage.cache_read_input_tokens': 'openllmetry:usage.cacheReadTokens',
      'gen_ai.usage.cache_creation_input_tokens': 'openllmetry:usage.cacheWriteTokens',
      'gen_ai.prompt.2.tool_calls.0.arguments': 'openllmetry:input',
      'gen_ai.completion.0.role': 'openllmetry:output',
      'llm.request.functions.0.input_schema': 'openllmetry:toolDefinitions',
      'traceloop.association.properties.tenant': 'openllmetry:metadata.tenant',
      'gen_ai.usage.input_tokens': 'otel_genai:usage.inputTokens',
      'gen_ai.request.model': 'otel_genai:requestModel',
    });
  });

  it('rebuilds llm.request.functions.N.* into tool definitions', () => {
    const span = fixtureSpan(PYTHON_ANTHROPIC);
    const fields = openllmetryAdapter.map(span, new AttributeReader(span.attributes).forAdapter('openllmetry'));
    expect(fields.toolDefinitions).toEqual([
      {
        type: 'function',
        name: 'get_weather',
        description: 'Current weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ]);
  });

  it('maps @traceloop/instrumentation-anthropic 0.11.6: capitalised system, pre-1.27 usage, JSON content blocks', () => {
    const span = fixtureSpan('traceloop-instrumentation-anthropic-0.11.6.json');
    const result = normalise(span);

    expect(canonicalView(result)).toEqual(
      expectedSpan(span, {
        sourceConvention: 'openllmetry',
        spanType: 'llm',
        operation: 'chat',
        provider: 'anthropic',
        requestModel: 'claude-3-5-haiku-20241022',
        responseModel: 'claude-3-5-haiku-20241022',
        finishReasons: ['end_turn'],
        usage: { inputTokens: 12, outputTokens: 28, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
        usageDetails: { total: 40 },
        countsInTotals: true,
        priceVersion: 'unpriced',
        input: [{ role: 'user', parts: [{ type: 'text', content: 'Name three French cheeses.' }] }],
        output: [
          {
            role: 'assistant',
            parts: [{ type: 'text', content: 'Brie, Comté and Roquefort.' }],
            finish_reason: 'end_turn',
          },
        ],
        requestParameters: { temperature: 0.7, max_tokens: 256 },
      }),
    );
    expect(mappingView(result)).toMatchObject({ conventions: ['openllmetry', 'otel_genai'], raw: [], errors: [] });
    expect(mappingView(result).mapped).toMatchObject({
      'gen_ai.usage.prompt_tokens': 'otel_genai:usage.inputTokens',
      'gen_ai.usage.completion_tokens': 'otel_genai:usage.outputTokens',
      'gen_ai.completion.0.content': 'openllmetry:output',
    });
  });

  it('maps Traceloop SDK workflow, agent and tool spans with entity input/output and association properties', () => {
    const [workflow, agent, tool] = fixtureSpans('traceloop-node-server-sdk-decorators-03e27c3.json').map((span) => ({
      span,
      result: normalise(span),
    }));
    if (!workflow || !agent || !tool) throw new Error('fixture has three spans');

    expect(canonicalView(workflow.result)).toEqual(
      expectedSpan(workflow.span, {
        sourceConvention: 'openllmetry',
        spanType: 'workflow',
        // Association properties name the session explicitly; they win over the conversation id.
        sessionId: 's-1',
        userId: 'u-1',
        input: [{ role: 'user', parts: [{ type: 'other', value: { args: ['Lyon'], kwargs: {} } }] }],
        output: [{ role: 'assistant', parts: [{ type: 'text', content: 'Pack sunglasses.' }] }],
        metadata: { plan: 'pro' },
      }),
    );
    expect(mappingView(workflow.result).raw).toEqual([
      'traceloop.entity.name',
      'traceloop.entity.path',
      'traceloop.workflow.name',
    ]);

    expect(canonicalView(agent.result)).toEqual(
      expectedSpan(agent.span, {
        sourceConvention: 'openllmetry',
        spanType: 'agent',
        agentName: 'trip_planner',
        sessionId: 'conv-9',
        input: [{ role: 'user', parts: [{ type: 'other', value: { args: [], kwargs: { city: 'Lyon' } } }] }],
        output: [{ role: 'assistant', parts: [{ type: 'other', value: { advice: 'Pack sunglasses.' } }] }],
      }),
    );

    expect(canonicalView(tool.result)).toEqual(
      expectedSpan(tool.span, {
        sourceConvention: 'openllmetry',
        spanType: 'tool',
        toolName: 'get_forecast',
        agentName: 'trip_planner',
        sessionId: 'conv-9',
        input: [
          {
            role: 'assistant',
            parts: [{ type: 'tool_call', name: 'get_forecast', arguments: { city: 'Lyon', days: 2 } }],
          },
        ],
        output: [{ role: 'tool', parts: [{ type: 'tool_call_response', response: { summary: 'Sunny', high_c: 24 } }] }],
      }),
    );
    expect(mappingView(tool.result)).toEqual({
      conventions: ['openllmetry', 'otel_genai'],
      mapped: {
        'traceloop.span.kind': 'openllmetry:spanType',
        'traceloop.entity.name': 'openllmetry:toolName',
        'traceloop.entity.input': 'openllmetry:input',
        'traceloop.entity.output': 'openllmetry:output',
        'gen_ai.conversation.id': 'otel_genai:sessionId',
        'gen_ai.agent.name': 'otel_genai:agentName',
      },
      raw: ['traceloop.entity.path', 'traceloop.entity.version', 'traceloop.workflow.name'],
      errors: [],
    });
  });

  it('maps a semconv-ai 0.5 span: OTel names through the generic adapter, v0.5 extras and managed prompts here', () => {
    const span = fixtureSpan('openllmetry-semconv-ai-0.5.0-openai-chat.json');
    const result = normalise(span);

    expect(canonicalView(result)).toEqual(
      expectedSpan(span, {
        sourceConvention: 'openllmetry',
        spanType: 'llm',
        operation: 'chat',
        provider: 'openai',
        requestModel: 'gpt-4.1-mini',
        responseModel: 'gpt-4.1-mini-2025-04-14',
        userId: 'user-9',
        promptName: 'weather-answer',
        promptVersion: '3',
        finishReasons: ['tool_calls'],
        usage: {
          inputTokens: 1200,
          outputTokens: 300,
          cacheReadTokens: 1024,
          cacheWriteTokens: 0,
          reasoningTokens: 128,
        },
        usageDetails: { total: 1500 },
        countsInTotals: true,
        priceVersion: 'unpriced',
        input: [{ role: 'user', parts: [{ type: 'text', content: 'Weather in Oslo?' }] }],
        output: [
          {
            role: 'assistant',
            parts: [{ type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: { city: 'Oslo' } }],
            finish_reason: 'tool_call',
          },
        ],
        requestParameters: { temperature: 0, stream: true },
        toolDefinitions: [
          {
            type: 'function',
            name: 'get_weather',
            description: 'Current weather',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
          },
        ],
      }),
    );
    expect(mappingView(result).mapped).toMatchObject({
      'gen_ai.usage.reasoning_tokens': 'openllmetry:usage.reasoningTokens',
      'gen_ai.usage.cache_read.input_tokens': 'otel_genai:usage.cacheReadTokens',
      'gen_ai.tool.definitions': 'otel_genai:toolDefinitions',
      'traceloop.prompt.key': 'openllmetry:promptName',
      'traceloop.prompt.version': 'openllmetry:promptVersion',
    });
    expect(mappingView(result).raw).toEqual([
      'gen_ai.response.id',
      'traceloop.prompt.managed',
      'traceloop.prompt.version_name',
      'traceloop.workflow.name',
    ]);
  });

  it('keeps the span when a message is not JSON and a token count is "abc"; the rest still maps', () => {
    const span = fixtureSpan(PYTHON_ANTHROPIC);
    span.attributes['gen_ai.prompt.2.content'] = '[{"type": "text", "text": "Let me';
    span.attributes['gen_ai.usage.output_tokens'] = 'abc';
    span.attributes['gen_ai.usage.cache_read_input_tokens'] = { intValue: 'x' };
    const result = normalise(span);

    expect(result.spanType).toBe('llm');
    expect(result.mapping.errors).toEqual([]);
    expect(result.input[2]).toEqual({
      role: 'assistant',
      parts: [
        { type: 'text', content: '[{"type": "text", "text": "Let me' },
        { type: 'tool_call', id: 'toolu_01A', name: 'get_weather', arguments: { city: 'Paris' } },
      ],
    });
    expect(result.usage).toEqual({
      inputTokens: 2374,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 312,
      reasoningTokens: 0,
    });
    expect(result.mapping.raw).toEqual(
      expect.arrayContaining(['gen_ai.usage.output_tokens', 'gen_ai.usage.cache_read_input_tokens']),
    );
    expect(result.userId).toBe('user-42');
    expect(result.output[0]?.finish_reason).toBe('end_turn');
  });

  it('ignores flattened slots past the cap', () => {
    const span = fixtureSpan('traceloop-instrumentation-anthropic-0.11.6.json');
    span.attributes['gen_ai.prompt.1.role'] = 'user';
    span.attributes['gen_ai.prompt.1.content'] = 'Second question';
    span.attributes['gen_ai.prompt.5000.content'] = 'beyond the cap';
    const result = normalise(span);

    expect(result.input.map((message) => message.parts)).toEqual([
      [{ type: 'text', content: 'Name three French cheeses.' }],
      [{ type: 'text', content: 'Second question' }],
    ]);
    expect(result.mapping.raw).toEqual(['gen_ai.prompt.5000.content']);
  });

  it('does not claim spans without OpenLLMetry markers', () => {
    expect(openllmetryAdapter.detect(fixtureSpan('sightline-instrumentation-0.1.0.json'))).toBe(false);
    expect(openllmetryAdapter.detect(fixtureSpan('anthropic-sdk-typescript-1.12.0.json'))).toBe(false);
  });
});
