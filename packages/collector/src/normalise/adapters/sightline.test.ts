import { describe, expect, it } from 'vitest';
import { fixtureSpans } from './__fixtures__/load-fixture.ts';
import { canonicalView, expectedSpan, mappingView, normalise } from './__fixtures__/normalise-fixture.ts';
import { sightlineAdapter } from './sightline.ts';

function spans() {
  const [priced, estimated] = fixtureSpans('sightline-instrumentation-0.1.0.json');
  if (!priced || !estimated) throw new Error('the fixture has two spans');
  return { priced, estimated };
}

describe('sightlineAdapter', () => {
  it('maps prompt version, feature, tags, metadata, provided cost and ids', () => {
    const { priced } = spans();
    const result = normalise(priced);

    expect(canonicalView(result)).toEqual(
      expectedSpan(priced, {
        sourceConvention: 'sightline',
        spanType: 'llm',
        operation: 'chat',
        provider: 'openai',
        requestModel: 'gpt-4.1-mini',
        responseModel: 'gpt-4.1-mini-2025-04-14',
        sessionId: 'session-1',
        userId: 'user-1',
        promptName: 'support-answer',
        promptVersion: '7',
        feature: 'support-chat',
        tags: ['beta', 'eu'],
        finishReasons: ['stop'],
        usage: { inputTokens: 820, outputTokens: 64, cacheReadTokens: 512, cacheWriteTokens: 0, reasoningTokens: 0 },
        countsInTotals: true,
        costUsd: 0.000412,
        costSource: 'provided',
        timeToFirstTokenMs: 350,
        metadata: {
          customer_tier: 'gold',
          region: 'eu-west-1',
          cache_hit: 'false',
          retry_attempt: '1',
          fallback_from: 'gpt-4.1',
          output_valid: 'true',
          price_version: 'genai-prices@0.1.8',
        },
      }),
    );
    expect(mappingView(result)).toEqual({
      conventions: ['sightline', 'otel_genai'],
      mapped: {
        'sightline.span.type': 'sightline:spanType',
        'sightline.prompt.version': 'sightline:promptVersion',
        'sightline.feature': 'sightline:feature',
        'sightline.tags': 'sightline:tags',
        'session.id': 'sightline:sessionId',
        'user.id': 'sightline:userId',
        'sightline.usage.estimated': 'sightline:usageEstimated',
        'sightline.cost.usd': 'sightline:providedCostUsd',
        'sightline.cost.source': 'sightline:providedCostUsd',
        'sightline.metadata.customer_tier': 'sightline:metadata.customer_tier',
        'sightline.metadata.region': 'sightline:metadata.region',
        'sightline.cache.hit': 'sightline:metadata.cache_hit',
        'sightline.retry.attempt': 'sightline:metadata.retry_attempt',
        'sightline.fallback.from': 'sightline:metadata.fallback_from',
        'sightline.output.valid': 'sightline:metadata.output_valid',
        'sightline.cost.price_version': 'sightline:metadata.price_version',
        'gen_ai.operation.name': 'otel_genai:operation',
        'gen_ai.provider.name': 'otel_genai:provider',
        'gen_ai.request.model': 'otel_genai:requestModel',
        'gen_ai.response.model': 'otel_genai:responseModel',
        'gen_ai.usage.input_tokens': 'otel_genai:usage.inputTokens',
        'gen_ai.usage.output_tokens': 'otel_genai:usage.outputTokens',
        'gen_ai.usage.cache_read.input_tokens': 'otel_genai:usage.cacheReadTokens',
        'gen_ai.response.time_to_first_chunk': 'otel_genai:timeToFirstTokenMs',
        'gen_ai.prompt.name': 'otel_genai:promptName',
        'gen_ai.response.finish_reasons': 'otel_genai:finishReasons',
      },
      raw: [],
      errors: [],
    });
  });

  it('flags estimated usage, does not turn an unpriced call into $0, and ignores an unknown span type', () => {
    const { estimated } = spans();
    const result = normalise(estimated);

    expect(canonicalView(result)).toEqual(
      expectedSpan(estimated, {
        sourceConvention: 'sightline',
        spanType: 'llm',
        operation: 'chat',
        provider: 'anthropic',
        requestModel: 'claude-haiku-4-5',
        tags: ['batch'],
        usage: { inputTokens: 120, outputTokens: 30, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
        usageDetails: { estimated: 1 },
        countsInTotals: true,
        priceVersion: 'unpriced',
      }),
    );
    expect(mappingView(result).raw).toEqual(['sightline.cost.source', 'sightline.cost.usd', 'sightline.span.type']);
  });

  it('only claims spans with sightline.* attributes or a Sightline scope', () => {
    const { priced } = spans();
    expect(sightlineAdapter.detect(priced)).toBe(true);
    expect(
      sightlineAdapter.detect({ ...priced, scope: { name: 'other', version: '' }, attributes: { 'user.id': 'u' } }),
    ).toBe(false);
  });
});
