// The one AnyValue-flattening path for protobuf messages and OTLP/JSON objects: both use the same lowerCamelCase
// field names and differ only in how int64 (Long vs string/number) and bytes (Uint8Array vs base64) are carried.
// Odd values are tolerated rather than thrown, so one bad attribute never loses a span.
import { OtlpDecodeError } from './errors.ts';
import { int64ToAttribute } from './int64.ts';
import type { Attributes, AttributeValue } from './types.ts';

/** Deeper nesting than this is hostile input rather than telemetry (protobuf stops earlier, at its own limit). */
export const MAX_ANY_VALUE_DEPTH = 64;

interface AnyValueFields {
  stringValue?: unknown;
  boolValue?: unknown;
  intValue?: unknown;
  doubleValue?: unknown;
  arrayValue?: { values?: unknown } | null;
  kvlistValue?: { values?: unknown } | null;
  bytesValue?: unknown;
}

interface KeyValueFields {
  key?: unknown;
  value?: unknown;
}

export function flattenAnyValue(value: unknown, depth = 0): AttributeValue {
  if (value === null || typeof value !== 'object') return null;
  const fields = value as AnyValueFields;
  if (fields.stringValue != null) return typeof fields.stringValue === 'string' ? fields.stringValue : null;
  if (fields.boolValue != null) return fields.boolValue === true || fields.boolValue === 'true';
  if (fields.intValue != null) return int64ToAttribute(fields.intValue);
  if (fields.doubleValue != null) return doubleToAttribute(fields.doubleValue);
  if (fields.arrayValue != null) return flattenArray(fields.arrayValue.values, depth + 1);
  if (fields.kvlistValue != null) return flattenKeyValues(fields.kvlistValue.values, depth + 1);
  if (fields.bytesValue != null) return bytesToAttribute(fields.bytesValue);
  return null;
}

/** A repeated KeyValue as a plain object; later duplicates win, entries without a string key are skipped. */
export function flattenKeyValues(list: unknown, depth = 0): Attributes {
  const attributes: Attributes = {};
  if (!Array.isArray(list)) return attributes;
  if (depth > MAX_ANY_VALUE_DEPTH) throw tooDeep();
  for (const entry of list) {
    if (entry === null || typeof entry !== 'object') continue;
    const { key, value } = entry as KeyValueFields;
    if (typeof key !== 'string') continue;
    setAttribute(attributes, key, flattenAnyValue(value, depth));
  }
  return attributes;
}

/** Adds one flattened key-value; a later duplicate replaces the value and keeps the first position. */
export function setAttribute(attributes: Attributes, key: string, value: AttributeValue): void {
  if (key === '__proto__') {
    // A plain assignment would replace the object's prototype instead of adding a key.
    Object.defineProperty(attributes, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    attributes[key] = value;
  }
}

function flattenArray(values: unknown, depth: number): AttributeValue[] {
  if (!Array.isArray(values)) return [];
  if (depth > MAX_ANY_VALUE_DEPTH) throw tooDeep();
  const flattened: AttributeValue[] = [];
  for (const item of values) flattened.push(flattenAnyValue(item, depth));
  return flattened;
}

export function doubleToAttribute(value: unknown): AttributeValue {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  // JSON storage cannot hold NaN or ±Infinity; keep their proto3 JSON names instead.
  if (Number.isFinite(number)) return number;
  return typeof value === 'string' ? value : String(number);
}

function bytesToAttribute(value: unknown): AttributeValue {
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return typeof value === 'string' ? value : null;
}

function tooDeep(): OtlpDecodeError {
  return new OtlpDecodeError(`attribute value nested deeper than ${MAX_ANY_VALUE_DEPTH} levels`);
}
