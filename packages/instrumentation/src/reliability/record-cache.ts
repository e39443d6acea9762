// Cache outcomes (the app's own response cache, exact or semantic) as span attributes plus a
// `sightline.cache.lookup` event, so hit rates can be charted and a hit explains a trace with no LLM call.
import type { Attributes } from '@opentelemetry/api';
import {
  SIGHTLINE_CACHE_EVENT,
  SIGHTLINE_CACHE_HIT,
  SIGHTLINE_CACHE_KEY,
  SIGHTLINE_CACHE_KIND,
  SIGHTLINE_CACHE_SIMILARITY,
} from '@sightline/core';
import { safely } from '../diagnostics/safely.ts';
import { type RecordTarget, recordOnSpan } from './recording-span.ts';

export type CacheKind = 'exact' | 'semantic';

export interface CacheLookup extends RecordTarget {
  kind: CacheKind;
  /** The cache key (or a hash of it); keep user content out of it unless content capture is fine. */
  key?: string;
  /** For semantic hits: the similarity of the matched entry (0–1). */
  similarity?: number;
}

function recordLookup(lookup: CacheLookup, hit: boolean): void {
  safely('recording a cache lookup', () => {
    const attributes: Attributes = { [SIGHTLINE_CACHE_HIT]: hit, [SIGHTLINE_CACHE_KIND]: lookup.kind };
    if (lookup.key !== undefined) attributes[SIGHTLINE_CACHE_KEY] = lookup.key;
    if (lookup.similarity !== undefined) attributes[SIGHTLINE_CACHE_SIMILARITY] = lookup.similarity;
    recordOnSpan(lookup, `cache ${lookup.kind}`, (span) => {
      span.setAttributes(attributes);
      span.addEvent(SIGHTLINE_CACHE_EVENT, attributes);
    });
  });
}

/** Records that the app answered from its cache: sightline.cache.hit=true on the active span. */
export function recordCacheHit(lookup: CacheLookup): void {
  recordLookup(lookup, true);
}

/** Records a cache miss (sightline.cache.hit=false), so hit rates have a denominator. */
export function recordCacheMiss(lookup: CacheLookup): void {
  recordLookup(lookup, false);
}
