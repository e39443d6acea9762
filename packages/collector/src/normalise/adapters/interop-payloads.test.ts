import { describe, expect, it } from 'vitest';
import { InferenceParentIndex } from '../double-counting.ts';
import { interopSpan, interopSpans } from './__fixtures__/load-fixture.ts';
import { normaliseAsCollector } from './adapter-test-support.ts';

// Adapter fixes found by replaying real third-party payloads (normalise/__fixtures__/interop/).

describe('OpenInference on real payloads (@arizeai/openinference-instrumentation-openai 4.2.7)', () => {
  it('reads Responses API output_text content as text', () => {
    const span = normaliseAsCollector(interopSpan('openinference-openai-4.2.7-responses.json', 'OpenAI Responses'));
    expect(span.output).toEqual([
      { role: 'assistant', parts: [{ type: 'reasoning', content: '' }] },
      { role: 'assistant', parts: [{ type: 'text', content: 'Mock reply to: Name three primary colours' }] },
    ]);
  });

  it('names agents and tools traced by openinference-core after their span when no attribute does', () => {
    const file = 'openinference-openai-4.2.7-tool-call.json';
    const agent = normaliseAsCollector(interopSpan(file, 'weather-agent'));
    const tool = normaliseAsCollector(interopSpan(file, 'get_weather'));
    expect(agent).toMatchObject({ spanType: 'agent', agentName: 'weather-agent' });
    expect(tool).toMatchObject({
      spanType: 'tool',
      toolName: 'get_weather',
      input: [{ role: 'assistant', parts: [{ type: 'tool_call', name: 'get_weather', arguments: 'Paris' }] }],
      output: [{ role: 'tool', parts: [{ type: 'tool_call_response', response: 'Sunny and 21 degrees in Paris' }] }],
    });
  });
});

describe('OpenLLMetry JS on real payloads (@traceloop/node-server-sdk 0.27.0)', () => {
  const MESSAGES = 'openllmetry-0.27.0-anthropic-messages.json';

  it('adds cache to the cache-exclusive input of its Anthropic spans; the native SDK span counts', () => {
    const spans = interopSpans(MESSAGES).map((span) => normaliseAsCollector(span));
    new InferenceParentIndex().apply(spans);
    const calls = spans.filter((span) => span.spanType === 'llm');
    expect(calls.map((span) => [span.scopeName, span.usage, span.countsInTotals])).toEqual([
      [
        'com.anthropic.sdk.typescript',
        { inputTokens: 83, outputTokens: 6, cacheReadTokens: 0, cacheWriteTokens: 80, reasoningTokens: 0 },
        true,
      ],
      [
        'com.anthropic.sdk.typescript',
        { inputTokens: 84, outputTokens: 7, cacheReadTokens: 80, cacheWriteTokens: 0, reasoningTokens: 0 },
        true,
      ],
      [
        '@traceloop/instrumentation-anthropic',
        { inputTokens: 83, outputTokens: 6, cacheReadTokens: 0, cacheWriteTokens: 80, reasoningTokens: 0 },
        false,
      ],
      [
        '@traceloop/instrumentation-anthropic',
        { inputTokens: 84, outputTokens: 7, cacheReadTokens: 80, cacheWriteTokens: 0, reasoningTokens: 0 },
        false,
      ],
    ]);
  });

  it('declares the input cache-exclusive even when it exceeds the cache (no guess from the sizes)', () => {
    const span = interopSpan(MESSAGES, 'chat claude-sonnet-4-6', 1);
    const longer = { ...span, attributes: { ...span.attributes, 'gen_ai.usage.input_tokens': 300 } };
    expect(normaliseAsCollector(longer).usage).toMatchObject({ inputTokens: 380, cacheReadTokens: 80 });
  });

  it('stores no finish reason for the empty one of a streamed Anthropic tool call', () => {
    const span = normaliseAsCollector(
      interopSpan('openllmetry-0.27.0-anthropic-stream-tool.json', 'chat claude-haiku-4-5'),
    );
    expect(span.finishReasons).toEqual([]);
    expect(span.output).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'tool_call', id: 'toolu_mock000001', name: 'get_weather', arguments: {} }],
      },
    ]);
  });
});
