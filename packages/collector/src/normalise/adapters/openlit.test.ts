import { describe, expect, it } from 'vitest';
import { fixtureSpan } from './__fixtures__/load-fixture.ts';
import { canonicalView, expectedSpan, mappingView, normalise } from './__fixtures__/normalise-fixture.ts';
import { openlitAdapter, parseRolePrefixedPrompt } from './openlit.ts';

const ANTHROPIC_STREAM = 'openlit-1.34.34-anthropic-stream.json';

describe('openlitAdapter', () => {
  it('maps an OpenLIT 1.34 Anthropic stream: provided cost, TTFT, span-level environment, cache-exclusive input', () => {
    const span = fixtureSpan(ANTHROPIC_STREAM);
    const result = normalise(span);

    expect(canonicalView(result)).toEqual(
      expectedSpan(span, {
        sourceConvention: 'openlit',
        environment: 'production',
        spanType: 'llm',
        operation: 'chat',
        provider: 'anthropic',
        requestModel: 'claude-3-7-sonnet-latest',
        responseModel: 'claude-3-7-sonnet-20250219',
        finishReasons: ['end_turn'],
        // OpenLIT reports Anthropic's input_tokens (25) without the 4096 cached tokens; OTel input includes them.
        usage: { inputTokens: 4121, outputTokens: 120, cacheReadTokens: 4096, cacheWriteTokens: 0, reasoningTokens: 0 },
        countsInTotals: true,
        costUsd: 0.00234,
        costSource: 'provided',
        timeToFirstTokenMs: 412,
        input: [
          { role: 'system', parts: [{ type: 'text', content: 'You are the support assistant.' }] },
          { role: 'user', parts: [{ type: 'text', content: 'How do I reset my password?' }] },
        ],
        output: [
          {
            role: 'assistant',
            parts: [{ type: 'text', content: 'Open Settings, then Security, then Reset password.' }],
          },
        ],
        requestParameters: { max_tokens: 1024, stop_sequences: [], temperature: 1, top_k: 1, top_p: 1, stream: true },
      }),
    );
    expect(mappingView(result)).toEqual({
      conventions: ['openlit', 'otel_genai'],
      mapped: {
        'gen_ai.prompt': 'openlit:input',
        'gen_ai.usage.cost': 'openlit:providedCostUsd',
        'gen_ai.server.time_to_first_token': 'openlit:timeToFirstTokenMs',
        'deployment.environment': 'openlit:environment',
        'gen_ai.request.is_stream': 'openlit:requestParameters.stream',
        'gen_ai.operation.name': 'otel_genai:operation',
        'gen_ai.system': 'otel_genai:provider',
        'gen_ai.request.model': 'otel_genai:requestModel',
        'gen_ai.response.model': 'otel_genai:responseModel',
        'gen_ai.usage.input_tokens': 'otel_genai:usage.inputTokens',
        'gen_ai.usage.output_tokens': 'otel_genai:usage.outputTokens',
        'gen_ai.usage.cache_read.input_tokens': 'otel_genai:usage.cacheReadTokens',
        'gen_ai.usage.cache_creation.input_tokens': 'otel_genai:usage.cacheWriteTokens',
        'gen_ai.request.max_tokens': 'otel_genai:requestParameters.max_tokens',
        'gen_ai.request.stop_sequences': 'otel_genai:requestParameters.stop_sequences',
        'gen_ai.request.temperature': 'otel_genai:requestParameters.temperature',
        'gen_ai.request.top_k': 'otel_genai:requestParameters.top_k',
        'gen_ai.request.top_p': 'otel_genai:requestParameters.top_p',
        'gen_ai.completion': 'otel_genai:output',
        'gen_ai.response.finish_reasons': 'otel_genai:finishReasons',
      },
      raw: [
        'gen_ai.client.token.usage',
        'gen_ai.output.type',
        'gen_ai.response.id',
        'gen_ai.sdk.version',
        'gen_ai.server.time_per_output_token',
        'server.address',
        'server.port',
        'service.name',
        'telemetry.sdk.name',
      ],
      errors: [],
    });
  });

  it('maps older releases: gen_ai.environment, application name, request user; a zero cost is not a price', () => {
    const span = fixtureSpan('openlit-semcov-application-name-openai-chat.json');
    const result = normalise(span);

    expect(canonicalView(result)).toEqual(
      expectedSpan(span, {
        sourceConvention: 'openlit',
        environment: 'staging',
        spanType: 'llm',
        operation: 'chat',
        provider: 'openai',
        requestModel: 'gpt-4o-mini',
        userId: 'u-77',
        finishReasons: ['stop'],
        usage: { inputTokens: 50, outputTokens: 10, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
        usageDetails: { total: 60 },
        countsInTotals: true,
        priceVersion: 'unpriced',
        input: [
          { role: 'system', parts: [{ type: 'text', content: 'Be short.' }] },
          { role: 'user', parts: [{ type: 'text', content: 'What is OpenTelemetry?\nIt is for traces, right?' }] },
        ],
        output: [{ role: 'assistant', parts: [{ type: 'text', content: 'An observability framework.' }] }],
        requestParameters: { stream: false },
        metadata: { application_name: 'faq-bot' },
      }),
    );
    expect(mappingView(result).raw).toEqual([
      'gen_ai.endpoint',
      'gen_ai.response.id',
      'gen_ai.usage.cost',
      'telemetry.sdk.name',
    ]);
  });

  it('keeps the span when cost and token values are malformed', () => {
    const span = fixtureSpan(ANTHROPIC_STREAM);
    span.attributes['gen_ai.usage.cost'] = 'abc';
    span.attributes['gen_ai.usage.input_tokens'] = 'abc';
    span.attributes['gen_ai.server.time_to_first_token'] = 'soon';
    const result = normalise(span);

    expect(result.costSource).toBe('none');
    expect(result.timeToFirstTokenMs).toBeNull();
    // Input is unknown, so only the cache that Anthropic bills as input is counted.
    expect(result.usage.inputTokens).toBe(4096);
    expect(result.environment).toBe('production');
    expect(result.mapping.raw).toEqual(
      expect.arrayContaining(['gen_ai.usage.cost', 'gen_ai.usage.input_tokens', 'gen_ai.server.time_to_first_token']),
    );
  });

  it('parses OpenLIT role-prefixed prompts and leaves other text alone', () => {
    expect(parseRolePrefixedPrompt('user: hi\nassistant: hello\nuser: bye')).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'hi' }] },
      { role: 'assistant', parts: [{ type: 'text', content: 'hello' }] },
      { role: 'user', parts: [{ type: 'text', content: 'bye' }] },
    ]);
    expect(parseRolePrefixedPrompt('Summarise: the text below')).toBeUndefined();
  });

  it('detects OpenLIT by scope, sdk name or its own attributes only', () => {
    expect(openlitAdapter.detect(fixtureSpan(ANTHROPIC_STREAM))).toBe(true);
    expect(openlitAdapter.detect(fixtureSpan('lilypad-openai-span-events-semconv-1.28.json'))).toBe(false);
  });
});
