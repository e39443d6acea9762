import type { TokenUsage } from '@sightline/core';
import type { SpanFields } from './types.ts';

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/**
 * Merges adapter results in priority order: for each field the first non-empty value wins.
 * Usage merges per token kind, so one convention may supply input tokens and another cache reads.
 * Record-valued fields (metadata, usage details) are unioned, earlier keys winning.
 */
export function mergeFields(results: SpanFields[]): SpanFields {
  const merged: Record<string, unknown> = {};
  const usage: Partial<TokenUsage> = {};
  for (const fields of results) {
    for (const [key, value] of Object.entries(fields)) {
      if (isEmpty(value)) continue;
      if (key === 'usage') {
        for (const [kind, count] of Object.entries(value as Partial<TokenUsage>)) {
          const tokenKind = kind as keyof TokenUsage;
          if (usage[tokenKind] === undefined && typeof count === 'number' && Number.isFinite(count)) {
            usage[tokenKind] = count;
          }
        }
      } else if (key === 'metadata' || key === 'usageDetails' || key === 'requestParameters') {
        merged[key] = { ...(value as object), ...((merged[key] as object | undefined) ?? {}) };
      } else if (merged[key] === undefined) {
        merged[key] = value;
      }
    }
  }
  if (Object.keys(usage).length > 0) merged.usage = usage;
  return merged as SpanFields;
}
