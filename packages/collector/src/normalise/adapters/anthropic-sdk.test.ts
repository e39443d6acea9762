import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '../../otlp/types.ts';
import { fixtureSpans, loadFixture } from './__fixtures__/load-fixture.ts';
import { canonicalView, expectedSpan, mappingView, normalise } from './__fixtures__/normalise-fixture.ts';
import { recordAnthropicSdkSpans } from './__fixtures__/record-anthropic-sdk.ts';
import { anthropicSdkAdapter } from './anthropic-sdk.ts';

const FIXTURE = 'anthropic-sdk-typescript-1.12.0.json';
const HTTP_RAW = [
  'anthropic.request.id',
  'http.request.method',
  'http.response.status_code',
  'http.route',
  'server.address',
  'server.port',
  'url.full',
  'url.path',
  'url.scheme',
];

function spansByName() {
  const spans = fixtureSpans(FIXTURE);
  const [create, stream, overloaded, countTokens, toolTurn, toolUse, finalTurn, runner] = spans;
  if (!create || !stream || !overloaded || !countTokens || !toolTurn || !toolUse || !finalTurn || !runner) {
    throw new Error('the fixture records eight spans');
  }
  return { create, stream, overloaded, countTokens, toolTurn, toolUse, finalTurn, runner };
}

describe('anthropicSdkAdapter', () => {
  it('maps messages.create with thinking and prompt caching; input already includes the cache', () => {
    const { create } = spansByName();
    const result = normalise(create);

    expect(canonicalView(result)).toEqual(
      expectedSpan(create, {
        sourceConvention: 'anthropic_sdk',
        spanType: 'llm',
        operation: 'chat',
        provider: 'anthropic',
        requestModel: 'claude-sonnet-4-6',
        responseModel: 'claude-sonnet-4-6',
        sessionId: 'conv-capitals',
        finishReasons: ['end_turn'],
        // 14 uncached + 2048 read + 312 written, as the SDK sums them: no fix-up on top.
        usage: {
          inputTokens: 2374,
          outputTokens: 48,
          cacheReadTokens: 2048,
          cacheWriteTokens: 312,
          reasoningTokens: 30,
        },
        usageDetails: { cache_write_5m: 312, cache_write_1h: 0 },
        countsInTotals: true,
        priceVersion: 'unpriced',
        input: [
          { role: 'system', parts: [{ type: 'text', content: 'Answer in one word.' }] },
          { role: 'user', parts: [{ type: 'text', content: 'What is the capital of France?' }] },
        ],
        output: [
          {
            role: 'assistant',
            parts: [
              { type: 'reasoning', content: 'The user wants the capital.' },
              { type: 'text', content: 'Paris.' },
            ],
          },
        ],
        requestParameters: { max_tokens: 1024, thinking_type: 'enabled', thinking_budget_tokens: 512 },
        metadata: { service_tier: 'standard' },
      }),
    );
    expect(mappingView(result)).toEqual({
      conventions: ['anthropic_sdk', 'otel_genai'],
      mapped: {
        'anthropic.message.stop_reason': 'anthropic_sdk:finishReasons',
        'anthropic.usage.cache_creation.ephemeral_5m_input_tokens': 'anthropic_sdk:usageDetails.cache_write_5m',
        'anthropic.usage.cache_creation.ephemeral_1h_input_tokens': 'anthropic_sdk:usageDetails.cache_write_1h',
        'anthropic.thinking.type': 'anthropic_sdk:requestParameters.thinking_type',
        'anthropic.thinking.budget_tokens': 'anthropic_sdk:requestParameters.thinking_budget_tokens',
        'anthropic.response.service_tier': 'anthropic_sdk:metadata.service_tier',
        'gen_ai.operation.name': 'otel_genai:operation',
        'gen_ai.provider.name': 'otel_genai:provider',
        'gen_ai.request.model': 'otel_genai:requestModel',
        'gen_ai.response.model': 'otel_genai:responseModel',
        'gen_ai.usage.input_tokens': 'otel_genai:usage.inputTokens',
        'gen_ai.usage.output_tokens': 'otel_genai:usage.outputTokens',
        'gen_ai.usage.cache_read.input_tokens': 'otel_genai:usage.cacheReadTokens',
        'gen_ai.usage.cache_write.input_tokens': 'otel_genai:usage.cacheWriteTokens',
        'gen_ai.usage.reasoning.output_tokens': 'otel_genai:usage.reasoningTokens',
        'gen_ai.conversation.id': 'otel_genai:sessionId',
        'gen_ai.request.max_tokens': 'otel_genai:requestParameters.max_tokens',
        'gen_ai.system_instructions': 'otel_genai:input',
        'gen_ai.input.messages': 'otel_genai:input',
        'gen_ai.output.messages': 'otel_genai:output',
      },
      raw: [...HTTP_RAW.slice(0, 1), 'gen_ai.response.id', ...HTTP_RAW.slice(1)],
      errors: [],
    });
  });

  it('maps a streamed call with its time to first chunk, and a failed call with its error type', () => {
    const { stream, overloaded } = spansByName();
    const streamed = normalise(stream);
    const ttftSeconds = stream.attributes['gen_ai.response.time_to_first_chunk'];

    expect(canonicalView(streamed)).toEqual(
      expectedSpan(stream, {
        sourceConvention: 'anthropic_sdk',
        spanType: 'llm',
        operation: 'chat',
        provider: 'anthropic',
        requestModel: 'claude-haiku-4-5',
        responseModel: 'claude-haiku-4-5-20251001',
        finishReasons: ['end_turn'],
        usage: { inputTokens: 9, outputTokens: 6, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
        countsInTotals: true,
        priceVersion: 'unpriced',
        timeToFirstTokenMs: Number(ttftSeconds) * 1000,
        input: [{ role: 'user', parts: [{ type: 'text', content: 'Say hello in French.' }] }],
        output: [{ role: 'assistant', parts: [{ type: 'text', content: 'Bonjour !' }] }],
        requestParameters: { max_tokens: 64, stream: true },
      }),
    );

    expect(canonicalView(normalise(overloaded))).toEqual(
      expectedSpan(overloaded, {
        sourceConvention: 'anthropic_sdk',
        spanType: 'llm',
        operation: 'chat',
        provider: 'anthropic',
        requestModel: 'claude-overloaded',
        errorType: 'overloaded_error',
        countsInTotals: true,
        // A failed call consumed nothing: it is priced with zero usage (here by the stub pricer, which
        // knows no model, so costSource stays none but the price version is recorded).
        priceVersion: 'unpriced',
        input: [{ role: 'user', parts: [{ type: 'text', content: 'Hi' }] }],
        requestParameters: { max_tokens: 16 },
      }),
    );
  });

  it('types non-inference API calls as other, so a request model does not make them LLM calls', () => {
    const { countTokens } = spansByName();
    const result = normalise(countTokens);

    expect(canonicalView(result)).toEqual(
      expectedSpan(countTokens, {
        sourceConvention: 'anthropic_sdk',
        spanType: 'other',
        operation: 'messages.count_tokens',
        provider: 'anthropic',
        requestModel: 'claude-sonnet-4-6',
        usageDetails: { count_tokens_input: 42 },
      }),
    );
    expect(mappingView(result).raw).toEqual(HTTP_RAW.slice(1));
  });

  it('maps the tool runner: its agent span, the tool call with its result, and both model turns', () => {
    const { toolTurn, toolUse, finalTurn, runner } = spansByName();
    expect([toolTurn, toolUse, finalTurn].map((span) => span.parentSpanId)).toEqual([
      runner.spanId,
      runner.spanId,
      runner.spanId,
    ]);

    const tool = normalise(toolUse);
    expect(canonicalView(tool)).toEqual(
      expectedSpan(toolUse, {
        sourceConvention: 'anthropic_sdk',
        spanType: 'tool',
        operation: 'execute_tool',
        provider: 'anthropic',
        toolName: 'get_weather',
        input: [
          {
            role: 'assistant',
            parts: [{ type: 'tool_call', id: 'toolu_01', name: 'get_weather', arguments: { city: 'Paris' } }],
          },
        ],
        output: [
          {
            role: 'tool',
            parts: [
              {
                type: 'tool_call_response',
                id: 'toolu_01',
                response: [{ type: 'text', text: '18°C and sunny in Paris' }],
              },
            ],
          },
        ],
      }),
    );
    expect(mappingView(tool).raw).toEqual(['gen_ai.tool.description', 'gen_ai.tool.type']);

    const agent = normalise(runner);
    expect(canonicalView(agent)).toEqual(
      expectedSpan(runner, {
        sourceConvention: 'anthropic_sdk',
        spanType: 'agent',
        operation: 'invoke_agent',
        provider: 'anthropic',
        requestModel: 'claude-sonnet-4-6',
      }),
    );

    const first = normalise(toolTurn);
    const last = normalise(finalTurn);
    expect(first.finishReasons).toEqual(['tool_use']);
    expect(first.output).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'toolu_01', name: 'get_weather', arguments: { city: 'Paris' } }],
      },
    ]);
    expect(first.requestParameters).toEqual({ max_tokens: 256, anthropic_beta: ['message-threads-2026-08-12'] });
    expect(last.input).toEqual([
      {
        role: 'user',
        parts: [
          { type: 'tool_call_response', id: 'toolu_01', response: [{ type: 'text', text: '18°C and sunny in Paris' }] },
        ],
      },
    ]);
    expect([first, last].map((span) => [span.usage.inputTokens, span.usage.outputTokens, span.countsInTotals])).toEqual(
      [
        [380, 40, true],
        [450, 12, true],
      ],
    );
  });

  it('detects the SDK by its instrumentation scope only', () => {
    const { create } = spansByName();
    expect(anthropicSdkAdapter.detect(create)).toBe(true);
    expect(
      anthropicSdkAdapter.detect({
        ...create,
        scope: { name: '@traceloop/instrumentation-anthropic', version: '0.11.6' },
      }),
    ).toBe(false);
  });

  it('matches what the installed @anthropic-ai/sdk emits today', async () => {
    // Values that depend on the run (ports, timing) are left out of the comparison.
    const volatile = new Set(['server.port', 'url.full', 'gen_ai.response.time_to_first_chunk']);
    const comparable = (span: {
      name: string;
      kind?: string | undefined;
      scope: { name: string };
      status?: unknown;
      attributes: Record<string, AttributeValue>;
    }) => ({
      name: span.name,
      kind: span.kind,
      scope: span.scope.name,
      status: span.status,
      attributes: Object.fromEntries(Object.entries(span.attributes).filter(([key]) => !volatile.has(key))),
    });
    const recorded = await recordAnthropicSdkSpans();
    expect(recorded.map(comparable)).toEqual((loadFixture(FIXTURE).spans ?? []).map(comparable));
    expect(recorded.every((span) => span.scope.version === '1.12.0')).toBe(true);
  });
});
