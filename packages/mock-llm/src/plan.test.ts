import { describe, expect, it } from 'vitest';
import { readBehaviours } from './behaviours.ts';
import { type PlanContext, planReply } from './plan.ts';
import type { Conversation } from './types.ts';

const weatherTool = { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    model: 'gpt-4o-mini',
    systemText: '',
    lastUserText: 'What is the weather in Paris?',
    toolResultText: undefined,
    promptText: 'What is the weather in Paris?',
    tools: [],
    toolChoice: { kind: 'auto' },
    maxOutputTokens: undefined,
    reasoningRequested: false,
    hasCacheBreakpoint: false,
    ...overrides,
  };
}

function context(overrides: Partial<PlanContext> = {}): PlanContext {
  return {
    behaviours: readBehaviours('gpt-4o-mini', {}),
    cachedPrompts: new Set(),
    cacheMinTokens: 4,
    automaticCaching: true,
    idSuffix: '000001',
    toolCallIdPrefix: 'call_mock',
    ...overrides,
  };
}

describe('planReply', () => {
  it('echoes the last user message and counts words as tokens', () => {
    const plan = planReply(conversation(), context());
    expect(plan.text).toBe('Mock reply to: What is the weather in Paris?');
    expect(plan.finishReason).toBe('stop');
    expect(plan.toolCall).toBeUndefined();
    expect(plan.usage).toEqual({
      inputTokens: 6,
      outputTokens: 9,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('calls the first tool with schema-derived arguments', () => {
    const plan = planReply(conversation({ tools: [weatherTool] }), context());
    expect(plan.toolCall).toEqual({ id: 'call_mock000001', name: 'get_weather', arguments: '{"city":"Paris"}' });
    expect(plan.finishReason).toBe('tool_calls');
    expect(plan.text).toBe('');
    expect(plan.usage.outputTokens).toBe(2);
  });

  it('answers with text once the conversation ends with tool results, or when tools are refused', () => {
    const afterTool = planReply(conversation({ tools: [weatherTool], toolResultText: 'Sunny, 21 C' }), context());
    expect(afterTool.toolCall).toBeUndefined();
    expect(afterTool.text).toBe('Based on the tool result: Sunny, 21 C');
    const refused = planReply(conversation({ tools: [weatherTool], toolChoice: { kind: 'none' } }), context());
    expect(refused.toolCall).toBeUndefined();
    const noTools = planReply(
      conversation({ tools: [weatherTool] }),
      context({ behaviours: readBehaviours('no-tools', {}) }),
    );
    expect(noTools.toolCall).toBeUndefined();
  });

  it('calls the tool the request names', () => {
    const other = { name: 'lookup', parameters: {} };
    const plan = planReply(
      conversation({ tools: [weatherTool, other], toolChoice: { kind: 'named', name: 'lookup' } }),
      context(),
    );
    expect(plan.toolCall?.name).toBe('lookup');
    expect(plan.toolCall?.arguments).toBe('{}');
  });

  it('truncates at the output limit with finish reason length', () => {
    const plan = planReply(conversation({ maxOutputTokens: 3 }), context());
    expect(plan.text).toBe('Mock reply to:');
    expect(plan.finishReason).toBe('length');
    expect(plan.usage.outputTokens).toBe(3);
  });

  it('writes a long system prompt to the cache once, then reads it', () => {
    const shared = context();
    const cached = conversation({ systemText: 'one two three four five', promptText: 'one two three four five hi' });
    expect(planReply(cached, shared).usage).toMatchObject({ inputTokens: 6, cacheWriteTokens: 5, cacheReadTokens: 0 });
    expect(planReply(cached, shared).usage).toMatchObject({ inputTokens: 6, cacheWriteTokens: 0, cacheReadTokens: 5 });
  });

  it('caches only at a breakpoint when caching is not automatic, and obeys a forced outcome', () => {
    const long = conversation({ systemText: 'one two three four five', promptText: 'one two three four five hi' });
    expect(planReply(long, context({ automaticCaching: false })).usage.cacheWriteTokens).toBe(0);
    const withBreakpoint = { ...long, hasCacheBreakpoint: true };
    expect(planReply(withBreakpoint, context({ automaticCaching: false })).usage.cacheWriteTokens).toBe(5);
    const forced = context({ behaviours: readBehaviours('x', { 'x-mock-cache': 'read' }) });
    expect(planReply(conversation({ systemText: 'short' }), forced).usage.cacheReadTokens).toBe(1);
    const none = context({ behaviours: readBehaviours('x', { 'x-mock-cache': 'none' }) });
    expect(planReply(long, none).usage.cacheWriteTokens).toBe(0);
  });

  it('adds reasoning tokens (inside output tokens) for reasoning models and requests', () => {
    const plan = planReply(conversation({ model: 'o4-mini' }), context());
    expect(plan.reasoningText).toBe('Reasoning about: What is the weather in Paris?');
    expect(plan.usage.reasoningTokens).toBe(8);
    expect(plan.usage.outputTokens).toBe(9 + 8);
    expect(planReply(conversation({ reasoningRequested: true }), context()).usage.reasoningTokens).toBe(8);
  });
});
