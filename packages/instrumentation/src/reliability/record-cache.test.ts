import { trace } from '@opentelemetry/api';
import {
  GEN_AI_PROMPT_NAME,
  SIGHTLINE_CACHE_EVENT,
  SIGHTLINE_CACHE_HIT,
  SIGHTLINE_CACHE_KEY,
  SIGHTLINE_CACHE_KIND,
  SIGHTLINE_CACHE_SIMILARITY,
  SIGHTLINE_PROMPT_VERSION,
} from '@sightline/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { withPrompt } from '../prompts/prompt-registry.ts';
import { recordCacheHit, recordCacheMiss } from './record-cache.ts';
import { startTestTracing } from './test-tracing.ts';

const tracing = startTestTracing();
beforeEach(() => tracing.reset());

describe('cache outcomes', () => {
  it('records a semantic hit on the active span as attributes and an event', async () => {
    trace.getTracer('test').startActiveSpan('answer question', (span) => {
      recordCacheHit({ kind: 'semantic', key: 'faq:refunds', similarity: 0.93 });
      span.end();
    });
    const span = await tracing.span('answer question');
    const expected = {
      [SIGHTLINE_CACHE_HIT]: true,
      [SIGHTLINE_CACHE_KIND]: 'semantic',
      [SIGHTLINE_CACHE_KEY]: 'faq:refunds',
      [SIGHTLINE_CACHE_SIMILARITY]: 0.93,
    };
    expect(span.attributes).toEqual(expected);
    expect(span.events.map((event) => [event.name, event.attributes])).toEqual([[SIGHTLINE_CACHE_EVENT, expected]]);
  });

  it('records a miss on an explicit span', async () => {
    const span = trace.getTracer('test').startSpan('lookup');
    recordCacheMiss({ kind: 'exact', span });
    span.end();
    expect((await tracing.span('lookup')).attributes).toEqual({
      [SIGHTLINE_CACHE_HIT]: false,
      [SIGHTLINE_CACHE_KIND]: 'exact',
    });
  });

  it('outside any span starts a short span of its own, with the prompt in context', async () => {
    withPrompt({ name: 'support', version: 'v3' }, () => recordCacheHit({ kind: 'exact', key: 'k1' }));
    const span = await tracing.span('cache exact');
    expect(span.attributes).toEqual({
      [GEN_AI_PROMPT_NAME]: 'support',
      [SIGHTLINE_PROMPT_VERSION]: 'v3',
      [SIGHTLINE_CACHE_HIT]: true,
      [SIGHTLINE_CACHE_KIND]: 'exact',
      [SIGHTLINE_CACHE_KEY]: 'k1',
    });
  });
});
