import type { AttributeValue } from '../../otlp/types.ts';
import { type AttributeReader, parseMaybeJson, toFiniteNumber } from '../attribute-reader.ts';

// Value coercions shared by the OpenInference, Vercel AI SDK and Langfuse adapters. None of them throws:
// a value of the wrong shape reads as undefined, so the attribute stays "raw" in the mapping report.

export type JsonRecord = Record<string, AttributeValue>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A non-negative count from a number, a numeric string, or an OTLP AnyValue wrapper that an exporter
 * serialised as JSON (`{"intValue":"12"}`, seen on AI SDK `ai.usage.*` attributes) or as a kvlist.
 */
export function toCount(value: AttributeValue | undefined): number | undefined {
  let candidate: AttributeValue | undefined = value;
  if (typeof candidate === 'string' && candidate.trimStart().startsWith('{')) candidate = parseMaybeJson(candidate);
  if (isRecord(candidate)) candidate = candidate.intValue ?? candidate.doubleValue;
  const count = toFiniteNumber(candidate);
  return count !== undefined && count >= 0 ? count : undefined;
}

/** Reads a count and records the mapping only when the value is usable. */
export function readCount(reader: AttributeReader, key: string, field: string): number | undefined {
  const count = toCount(reader.peek(key));
  if (count !== undefined) reader.use(key, field);
  return count;
}

/** Reads every key (so duplicates show as mapped) and returns the first usable count. */
export function firstCount(reader: AttributeReader, keys: readonly string[], field: string): number | undefined {
  let first: number | undefined;
  for (const key of keys) {
    const count = readCount(reader, key, field);
    if (first === undefined) first = count;
  }
  return first;
}

/** Parses a structured value (JSON string or kvlist) and records it only when `accept` says it has the right shape. */
export function readStructured<T extends AttributeValue>(
  reader: AttributeReader,
  key: string,
  field: string,
  accept: (value: AttributeValue) => value is T,
): T | undefined {
  const raw = reader.peek(key);
  if (raw === undefined || raw === null || raw === '') return undefined;
  const parsed = parseMaybeJson(raw);
  if (parsed === undefined || !accept(parsed)) return undefined;
  reader.use(key, field);
  return parsed;
}

export function readRecord(reader: AttributeReader, key: string, field: string): JsonRecord | undefined {
  return readStructured(reader, key, field, isRecord);
}

/** A table entry for an attribute-supplied key; inherited properties (`constructor`, ...) never match. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Strings as they are, everything else as JSON. */
export function stringifyValue(value: AttributeValue | undefined): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Flattens one level of a record into string values (the canonical metadata shape). */
export function toStringRecord(value: JsonRecord): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null || entry === undefined) continue;
    result[key] = stringifyValue(entry);
  }
  return result;
}

/** Numeric entries of a record (numbers or numeric strings); anything else is skipped. */
export function toNumberRecord(value: JsonRecord): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [key, entry] of Object.entries(value)) {
    const number = toFiniteNumber(entry);
    if (number !== undefined) result[key] = number;
  }
  return result;
}

/** Tags from an OTLP array, a JSON array string, or a comma-separated string. */
export function toTags(value: AttributeValue | undefined): string[] | undefined {
  const parsed = typeof value === 'string' ? parseMaybeJson(value) : value;
  if (Array.isArray(parsed)) {
    const tags = parsed.filter((tag) => tag !== null && typeof tag !== 'object').map((tag) => String(tag).trim());
    return tags.filter((tag) => tag !== '');
  }
  if (typeof parsed === 'string') {
    const tags = parsed
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== '');
    return tags.length > 0 ? tags : undefined;
  }
  return undefined;
}

export function readTags(reader: AttributeReader, key: string, field: string): string[] | undefined {
  const tags = toTags(reader.peek(key));
  if (tags !== undefined && tags.length > 0) {
    reader.use(key, field);
    return tags;
  }
  return undefined;
}

/**
 * Microseconds since the epoch from an ISO-8601 timestamp, keeping sub-millisecond digits
 * (Python SDKs write microseconds). Accepts a JSON-quoted string, as the Langfuse JS SDK writes it.
 */
export function isoToUnixUs(value: AttributeValue | undefined): number | undefined {
  if (typeof value !== 'string') return undefined;
  let text = value.trim();
  if (text.startsWith('"')) {
    const parsed = parseMaybeJsonString(text);
    if (parsed === undefined) return undefined;
    text = parsed;
  }
  // Only ISO dates: Date.parse would read a bare number ("12") as a year.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return undefined;
  const fraction = /\.(\d+)/.exec(text);
  const withoutFraction = fraction ? text.replace(fraction[0], '') : text;
  const milliseconds = Date.parse(withoutFraction);
  if (!Number.isFinite(milliseconds)) return undefined;
  const fractionUs = fraction?.[1] ? Math.round(Number(`0.${fraction[1]}`) * 1_000_000) : 0;
  return milliseconds * 1000 + fractionUs;
}

function parseMaybeJsonString(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** An object whose optional properties may also be explicitly undefined. */
export type Loose<T> = { [K in keyof T]?: T[K] | undefined };

/** Drops undefined entries, so optional fields stay absent (exactOptionalPropertyTypes). */
export function compact<T extends object>(value: Loose<T>): T {
  const result: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) result[key] = entry;
  }
  return result as T;
}
