import type { TokenUsage } from '@sightline/core';
import type { SpanFields } from './types.ts';

/** Whether a value has an own enumerable key, without building the key list. */
function hasOwnKeys(value: object): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
}

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return !hasOwnKeys(value);
  return false;
}

/** Copies finite token counts the merge does not have yet (usage merges per token kind). */
function mergeUsage(usage: Partial<TokenUsage>, value: Partial<TokenUsage>): void {
  for (const kind of Object.keys(value) as (keyof TokenUsage)[]) {
    const count = value[kind];
    if (usage[kind] === undefined && typeof count === 'number' && Number.isFinite(count)) usage[kind] = count;
  }
}

/**
 * Merges adapter results in priority order: for each field the first non-empty value wins.
 * Usage merges per token kind, so one convention may supply input tokens and another cache reads.
 * Record-valued fields (metadata, usage details) are unioned, earlier keys winning.
 */
export function mergeFields(results: SpanFields[]): SpanFields {
  const merged: Record<string, unknown> = {};
  const usage: Partial<TokenUsage> = {};
  let hasUsage = false;
  for (const fields of results) {
    const record = fields as Record<string, unknown>;
    // Object.keys, not entries: this runs for every adapter result of every span.
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (isEmpty(value)) continue;
      if (key === 'usage') {
        mergeUsage(usage, value as Partial<TokenUsage>);
        hasUsage ||= hasOwnKeys(usage);
      } else if (key === 'metadata' || key === 'usageDetails' || key === 'requestParameters') {
        merged[key] = { ...(value as object), ...((merged[key] as object | undefined) ?? {}) };
      } else if (merged[key] === undefined) {
        merged[key] = value;
      }
    }
  }
  if (hasUsage) merged.usage = usage;
  return merged as SpanFields;
}
