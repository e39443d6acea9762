import { describe, expect, it } from 'vitest';
import { InferenceParentIndex } from '../double-counting.ts';
import { interopSpan, interopSpans } from './__fixtures__/load-fixture.ts';
import { normaliseAsCollector } from './adapter-test-support.ts';

// AI SDK 7 (ai 7.0.173 with @ai-sdk/otel 1.0.173), real payloads from normalise/__fixtures__/interop/.
const GENAI_TOOL = 'vercel-ai-otel-7.0.173-generate-text-tool.json';
const GENAI_REASONING = 'vercel-ai-otel-7.0.173-generate-text-reasoning.json';
const GENAI_STREAM = 'vercel-ai-otel-7.0.173-stream-text.json';
const LEGACY_TOOL = 'vercel-ai-legacy-7.0.173-generate-text-tool.json';
const LEGACY_STREAM = 'vercel-ai-legacy-7.0.173-stream-text.json';

function mappedFields(span: ReturnType<typeof normaliseAsCollector>, prefix: string): Record<string, string> {
  const entries = span.mapping.mapped.filter((entry) => entry.attribute.startsWith(prefix));
  return Object.fromEntries(entries.map((entry) => [entry.attribute, `${entry.adapter}:${entry.field}`]));
}

describe('AI SDK 7 runtime context and GenAI spans', () => {
  it('reads the runtime context as user and session on GenAI spans; chat spans carry none', () => {
    const spans = interopSpans(GENAI_TOOL).map((span) => normaliseAsCollector(span));
    expect(spans.map((span) => [span.name, span.userId, span.sessionId])).toEqual([
      ['chat gpt-4o-mini', '', ''],
      ['execute_tool get_weather', '', ''],
      ['step 1', 'user-42', 'session-7'],
      ['chat gpt-4o-mini', '', ''],
      ['step 2', 'user-42', 'session-7'],
      ['invoke_agent gpt-4o-mini', 'user-42', 'session-7'],
    ]);
    const root = spans[5];
    expect(root?.requestParameters).toEqual({});
    expect(root && mappedFields(root, 'ai.settings.context.')).toEqual({
      'ai.settings.context.userId': 'vercel_ai:userId',
      'ai.settings.context.sessionId': 'vercel_ai:sessionId',
    });
  });

  it('reads the runtime context of legacy ai.* spans as user and session, not as request parameters', () => {
    const step = normaliseAsCollector(interopSpan(LEGACY_TOOL, 'ai.generateText.doGenerate'));
    expect(step).toMatchObject({
      userId: 'user-42',
      sessionId: 'session-7',
      metadata: { response_id: 'resp_mock000002' },
    });
    expect(step.requestParameters).toEqual({ maxRetries: 2, toolChoice: { type: 'auto' } });
    expect(mappedFields(step, 'ai.settings.')).toEqual({
      'ai.settings.maxRetries': 'vercel_ai:requestParameters',
      'ai.settings.context.userId': 'vercel_ai:userId',
      'ai.settings.context.sessionId': 'vercel_ai:sessionId',
    });
  });

  it('keeps other runtime context keys as metadata', () => {
    const span = interopSpan(LEGACY_TOOL, 'ai.toolCall');
    const withTenant = { ...span, attributes: { ...span.attributes, 'ai.settings.context.tenant': 'acme' } };
    const normalised = normaliseAsCollector(withTenant);
    expect(normalised).toMatchObject({ userId: 'user-42', metadata: { tenant: 'acme' }, requestParameters: {} });
  });

  it('takes the reasoning share of output from ai.usage.outputTokenDetails on usage-reporting spans only', () => {
    const spans = interopSpans(GENAI_REASONING).map((span) => normaliseAsCollector(span));
    const byName = new Map(spans.map((span) => [span.name, span]));
    expect(byName.get('chat o4-mini')).toMatchObject({
      usage: { inputTokens: 4, outputTokens: 13, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 6 },
      usageDetails: {
        'inputTokenDetails.noCacheTokens': 4,
        'outputTokenDetails.textTokens': 7,
        'outputTokenDetails.reasoningTokens': 6,
      },
    });
    expect(byName.get('invoke_agent o4-mini')?.usage.reasoningTokens).toBe(6);
    // The step repeats the details without reporting usage: it gets none, and the details stay raw.
    const step = byName.get('step 1');
    expect(step?.usage).toEqual({
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
    expect(step?.mapping.raw).toContain('ai.usage.outputTokenDetails.reasoningTokens');
    new InferenceParentIndex().apply(spans);
    expect(spans.filter((span) => span.countsInTotals).map((span) => span.name)).toEqual(['chat o4-mini']);
  });

  it('reads the streamed chat span time to first chunk, given in seconds', () => {
    const chat = normaliseAsCollector(interopSpan(GENAI_STREAM, 'chat claude-sonnet-4-6'));
    expect(chat.timeToFirstTokenMs).toBeCloseTo(45.318, 3);
    expect(mappedFields(chat, 'gen_ai.client.operation.time_to_first_chunk')).toEqual({
      'gen_ai.client.operation.time_to_first_chunk': 'vercel_ai:timeToFirstTokenMs',
    });
  });

  it('reads a root system prompt given as a system message (to carry cacheControl)', () => {
    const root = normaliseAsCollector(interopSpan(LEGACY_STREAM, 'ai.streamText'));
    expect(root.input.map((message) => message.role)).toEqual(['system', 'user']);
    expect(root.input[0]?.parts[0]).toMatchObject({ type: 'text', content: expect.stringMatching(/^Rule 1: /) });
  });
});
