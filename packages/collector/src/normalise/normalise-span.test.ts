import { createPricer } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import { interopSpan } from './adapters/__fixtures__/load-fixture.ts';
import { ADAPTERS } from './adapters/index.ts';
import { normaliseSpan } from './normalise-span.ts';

const options = { projectId: 'project-1', adapters: ADAPTERS, pricer: createPricer() };

describe('normaliseSpan pricing', () => {
  it('prices a call of a known model from its usage', () => {
    const span = normaliseSpan(interopSpan('openinference-openai-4.2.7-chat.json', 'OpenAI Chat Completions'), options);
    expect(span.usage.inputTokens).toBe(86);
    expect(span.costSource).toBe('calculated');
    expect(span.costUsd).toBeGreaterThan(0);
  });

  it('does not price a call that reports no token counts: its cost is unknown, not $0', () => {
    // OpenInference records no usage for this stream (OpenAI 7, include_usage on).
    const stream = interopSpan('openinference-openai-4.2.7-chat-stream.json', 'OpenAI Chat Completions');
    const span = normaliseSpan(stream, options);
    expect(span).toMatchObject({ spanType: 'llm', requestModel: 'o4-mini', costSource: 'none', costUsd: null });
    expect(span.priceVersion).toBe('');
  });

  it('prices a failed call that reports no usage at a real $0, not an unknown cost', () => {
    const stream = interopSpan('openinference-openai-4.2.7-chat-stream.json', 'OpenAI Chat Completions');
    const failed = { ...stream, status: { code: 'ERROR' as const, message: 'rate limited' } };
    const span = normaliseSpan(failed, options);
    expect(span).toMatchObject({ requestModel: 'o4-mini', costSource: 'calculated', costUsd: 0 });
    expect(span.priceVersion).toMatch(/^genai-prices@/);
  });
});
