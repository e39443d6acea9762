// Sightline's own instrumentation: OTel GenAI names (read by the generic adapter) plus the
// sightline.* attributes for prompt versions, features, tags, metadata, cost and cache/retry facts.
import {
  SIGHTLINE_CACHE_HIT,
  SIGHTLINE_CACHE_KIND,
  SIGHTLINE_COST_SOURCE,
  SIGHTLINE_COST_USD,
  SIGHTLINE_FALLBACK_FROM,
  SIGHTLINE_FEATURE,
  SIGHTLINE_METADATA_PREFIX,
  SIGHTLINE_OUTPUT_ISSUES,
  SIGHTLINE_OUTPUT_VALID,
  SIGHTLINE_PREFIX,
  SIGHTLINE_PRICE_VERSION,
  SIGHTLINE_PROMPT_VERSION,
  SIGHTLINE_RETRY_ATTEMPT,
  SIGHTLINE_SCOPE_PREFIX,
  SIGHTLINE_SESSION_ID,
  SIGHTLINE_SPAN_TYPE,
  SIGHTLINE_TAGS,
  SIGHTLINE_USAGE_ESTIMATED,
  SIGHTLINE_USER_ID,
  SPAN_TYPES,
  type SpanType,
} from '@sightline/core';
import type { OtlpSpan } from '../../otlp/types.ts';
import type { AttributeReader } from '../attribute-reader.ts';
import type { ConventionAdapter, SpanFields } from '../types.ts';
import { put, scalarText } from './read-fields.ts';

/** Facts about the call that have no canonical column; they go to metadata under these names. */
const METADATA_FACTS: ReadonlyArray<[name: string, key: string, field: string]> = (
  [
    ['cache_hit', SIGHTLINE_CACHE_HIT],
    ['cache_kind', SIGHTLINE_CACHE_KIND],
    ['retry_attempt', SIGHTLINE_RETRY_ATTEMPT],
    ['fallback_from', SIGHTLINE_FALLBACK_FROM],
    ['output_valid', SIGHTLINE_OUTPUT_VALID],
    ['output_issues', SIGHTLINE_OUTPUT_ISSUES],
    ['price_version', SIGHTLINE_PRICE_VERSION],
  ] as const
).map(([name, key]) => [name, key, `metadata.${name}`]);

function isSpanType(value: string): value is SpanType {
  return (SPAN_TYPES as readonly string[]).includes(value);
}

function detectSightline(span: OtlpSpan): boolean {
  if (span.scope.name.startsWith(SIGHTLINE_SCOPE_PREFIX)) return true;
  for (const key in span.attributes) if (key.startsWith(SIGHTLINE_PREFIX)) return true;
  return false;
}

function mapSightline(_span: OtlpSpan, reader: AttributeReader): SpanFields {
  const fields: SpanFields = {};
  const spanType = reader.peek(SIGHTLINE_SPAN_TYPE);
  if (typeof spanType === 'string' && isSpanType(spanType)) {
    reader.use(SIGHTLINE_SPAN_TYPE, 'spanType');
    fields.spanType = spanType;
  }
  put(fields, 'promptVersion', reader.string(SIGHTLINE_PROMPT_VERSION, 'promptVersion'));
  put(fields, 'feature', reader.string(SIGHTLINE_FEATURE, 'feature'));
  put(fields, 'tags', reader.stringArray(SIGHTLINE_TAGS, 'tags'));
  put(fields, 'sessionId', reader.string(SIGHTLINE_SESSION_ID, 'sessionId'));
  put(fields, 'userId', reader.string(SIGHTLINE_USER_ID, 'userId'));
  if (reader.boolean(SIGHTLINE_USAGE_ESTIMATED, 'usageEstimated') === true) fields.usageEstimated = true;

  // A cost the instrumentation could not price is marked source "none"; it is not a $0 call.
  if (reader.peek(SIGHTLINE_COST_SOURCE) !== 'none') {
    const cost = reader.number(SIGHTLINE_COST_USD, 'providedCostUsd');
    if (cost !== undefined && cost >= 0) {
      reader.use(SIGHTLINE_COST_SOURCE, 'providedCostUsd');
      fields.providedCostUsd = cost;
    }
  }

  const metadata: Record<string, string> = {};
  for (const key of reader.keysWithPrefix(SIGHTLINE_METADATA_PREFIX)) {
    const name = key.slice(SIGHTLINE_METADATA_PREFIX.length);
    const value = scalarText(reader.value(key, `metadata.${name}`));
    if (value !== undefined && name !== '') metadata[name] = value;
  }
  for (const [name, key, field] of METADATA_FACTS) {
    const value = scalarText(reader.value(key, field));
    if (value !== undefined) metadata[name] = value;
  }
  if (Object.keys(metadata).length > 0) fields.metadata = metadata;
  return fields;
}

export const sightlineAdapter: ConventionAdapter = {
  name: 'sightline',
  detect: detectSightline,
  map: mapSightline,
};
