import type { TokenUsage } from '@sightline/core';
import { describe, expect, it } from 'vitest';
import type { OtlpSpan } from '../otlp/types.ts';
import { fixtureSpan } from './adapters/__fixtures__/load-fixture.ts';
import { normalise } from './adapters/__fixtures__/normalise-fixture.ts';
import { InferenceParentIndex } from './double-counting.ts';
import type { NormalisedSpan } from './types.ts';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const WRAPPER_ID = '00000000000000c1';

/**
 * OpenLLMetry's Anthropic instrumentation wraps `messages.create`, and the SDK (1.x) emits its own
 * span for the same call inside it: two LLM spans, one call, the same usage on both.
 */
function wrappedCall(): { wrapper: OtlpSpan; native: OtlpSpan; failedNative: OtlpSpan } {
  const wrapper = {
    ...fixtureSpan('openllmetry-semconv-ai-0.4.x-anthropic-chat.json'),
    traceId: TRACE_ID,
    spanId: WRAPPER_ID,
  };
  const native = {
    ...fixtureSpan('anthropic-sdk-typescript-1.12.0.json', 0),
    traceId: TRACE_ID,
    spanId: '00000000000000c2',
    parentSpanId: WRAPPER_ID,
  };
  const failedNative = {
    ...fixtureSpan('anthropic-sdk-typescript-1.12.0.json', 2),
    traceId: TRACE_ID,
    spanId: '00000000000000c3',
    parentSpanId: WRAPPER_ID,
  };
  return { wrapper, native, failedNative };
}

function totals(spans: NormalisedSpan[]): TokenUsage {
  const sum = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
  for (const span of spans) {
    if (!span.countsInTotals) continue;
    for (const kind of Object.keys(sum) as Array<keyof TokenUsage>) sum[kind] += span.usage[kind];
  }
  return sum;
}

describe('InferenceParentIndex', () => {
  it('counts an SDK-native LLM span under an instrumentation LLM span once, within one batch', () => {
    const { wrapper, native } = wrappedCall();
    const batch = [normalise(wrapper), normalise(native)];
    expect(batch.map((span) => [span.spanType, span.countsInTotals])).toEqual([
      ['llm', true],
      ['llm', true],
    ]);

    new InferenceParentIndex().apply(batch);

    expect(batch.map((span) => [span.sourceConvention, span.countsInTotals])).toEqual([
      ['openllmetry', false],
      ['anthropic_sdk', true],
    ]);
    expect(totals(batch)).toEqual({
      inputTokens: 2374,
      outputTokens: 48,
      cacheReadTokens: 2048,
      cacheWriteTokens: 312,
      reasoningTokens: 30,
    });
  });

  it('counts it once when the native span arrived in an earlier batch', () => {
    const { wrapper, native } = wrappedCall();
    const index = new InferenceParentIndex();
    const first = [normalise(native)];
    index.apply(first);
    const second = [normalise(wrapper)];
    index.apply(second);

    expect([...first, ...second].map((span) => span.countsInTotals)).toEqual([true, false]);
    expect(totals([...first, ...second]).inputTokens).toBe(2374);
  });

  it('counts it once when the wrapper arrived in an earlier batch (a child that ended after its parent)', () => {
    const { wrapper, native } = wrappedCall();
    const index = new InferenceParentIndex();
    const first = [normalise(wrapper)];
    index.apply(first);
    const second = [normalise(native)];
    index.apply(second);

    expect([...first, ...second].map((span) => [span.sourceConvention, span.countsInTotals])).toEqual([
      ['openllmetry', true],
      ['anthropic_sdk', false],
    ]);
    expect(totals([...first, ...second]).inputTokens).toBe(2374);
  });

  it('counts a later child normally when its parent was not counted (a wrapper already left out)', () => {
    const { wrapper, native } = wrappedCall();
    const index = new InferenceParentIndex();
    const first = [normalise(wrapper), normalise(native)];
    index.apply(first);
    const retried = { ...normalise(native), spanId: '00000000000000c9' };
    index.apply([retried]);
    // The wrapper was left out in favour of the first child; a second call under it counts too.
    expect([...first, retried].map((span) => span.countsInTotals)).toEqual([false, true, true]);
  });

  it('leaves the wrapper counted when the native span under it reported no usage', () => {
    const { wrapper, failedNative } = wrappedCall();
    const batch = [normalise(wrapper), normalise(failedNative)];
    new InferenceParentIndex().apply(batch);

    expect(batch.map((span) => [span.errorType, span.countsInTotals])).toEqual([
      ['', true],
      ['overloaded_error', true],
    ]);
    expect(totals(batch).inputTokens).toBe(2374);
  });

  it('keeps projects apart: the same ids in another project are not wrappers', () => {
    const { wrapper, native } = wrappedCall();
    const index = new InferenceParentIndex();
    index.apply([normalise(native)]);
    const otherProject = { ...normalise(wrapper), projectId: 'project-2' };
    index.apply([otherProject]);
    expect(otherProject.countsInTotals).toBe(true);
  });
});
