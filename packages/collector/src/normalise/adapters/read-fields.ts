// Small reading helpers the convention adapters share. Everything reads through the AttributeReader
// so the mapping report records which attribute fed which field.
import type { AttributeValue } from '../../otlp/types.ts';
import type { AttributeReader } from '../attribute-reader.ts';
import type { SpanFields } from '../types.ts';

/** The first of `keys` that holds a finite number. */
export function firstNumber(reader: AttributeReader, keys: readonly string[], field: string): number | undefined {
  for (const key of keys) {
    const value = reader.number(key, field);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The first of `keys` that holds a non-empty scalar, as a string. */
export function firstString(reader: AttributeReader, keys: readonly string[], field: string): string | undefined {
  for (const key of keys) {
    const value = reader.string(key, field);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** A duration attribute in seconds, as milliseconds; zero and negative values mean "not measured". */
export function secondsAsMs(reader: AttributeReader, key: string, field: string): number | undefined {
  const seconds = reader.peek(key);
  if (typeof seconds !== 'number' && typeof seconds !== 'string') return undefined;
  const value = Number(seconds);
  if (!Number.isFinite(value) || value <= 0) return undefined;
  reader.use(key, field);
  return value * 1000;
}

/** Sets a field only when there is a value, so absent fields stay absent (exactOptionalPropertyTypes). */
export function put<K extends keyof SpanFields>(fields: SpanFields, key: K, value: SpanFields[K] | undefined): void {
  if (value === undefined) return;
  fields[key] = value;
}

export interface IndexedSlot {
  index: number;
  /** Field path after `prefix.N.` → the full attribute key. */
  keys: Map<string, string>;
}

/** Flattened lists (`gen_ai.prompt.3.content`) can be huge or hostile; slots past this are ignored. */
export const MAX_FLATTENED_SLOTS = 1000;

/** Groups `prefix.N.rest` attribute keys by N, in index order, ignoring N ≥ maxSlots. */
export function indexedSlots(keys: readonly string[], prefix: string, maxSlots = MAX_FLATTENED_SLOTS): IndexedSlot[] {
  const slots = new Map<number, Map<string, string>>();
  for (const key of keys) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf('.');
    const digits = dot === -1 ? rest : rest.slice(0, dot);
    if (!/^\d{1,6}$/.test(digits)) continue;
    const index = Number(digits);
    if (index >= maxSlots) continue;
    let fields = slots.get(index);
    if (!fields) {
      fields = new Map();
      slots.set(index, fields);
    }
    fields.set(dot === -1 ? '' : rest.slice(dot + 1), key);
  }
  return [...slots.entries()].sort(([a], [b]) => a - b).map(([index, fields]) => ({ index, keys: fields }));
}

/** Reads one field of a slot through the reader. */
export function slotValue(
  reader: AttributeReader,
  slot: IndexedSlot,
  path: string,
  field: string,
): AttributeValue | undefined {
  const key = slot.keys.get(path);
  return key === undefined ? undefined : reader.value(key, field);
}

/** A scalar as a string, for metadata values. */
export function scalarText(value: AttributeValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
