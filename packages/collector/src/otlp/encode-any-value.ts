// Flattened attribute values back into OTLP AnyValue / KeyValue trees (the inverse of any-value.ts), for building
// requests in tests and benchmarks. Integers become intValue, other numbers doubleValue.
import type { OtlpFormat } from './format.ts';
import type { Attributes, AttributeValue } from './types.ts';

export interface AnyValueTree {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values: AnyValueTree[] };
  kvlistValue?: { values: KeyValueTree[] };
}

export interface KeyValueTree {
  key: string;
  value: AnyValueTree;
}

export function toAnyValue(value: AttributeValue, format: OtlpFormat): AnyValueTree {
  if (value === null) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { doubleValue: value };
    // OTLP/JSON writes int64 as a decimal string; the protobuf writer takes the number.
    return { intValue: format === 'json' ? String(value) : value };
  }
  if (Array.isArray(value)) return { arrayValue: { values: value.map((item) => toAnyValue(item, format)) } };
  return { kvlistValue: { values: toKeyValues(value, format) } };
}

export function toKeyValues(attributes: Attributes, format: OtlpFormat): KeyValueTree[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value: toAnyValue(value, format) }));
}
