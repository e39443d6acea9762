import type { Attributes, AttributeValue } from '../otlp/types.ts';

export interface MappedAttribute {
  attribute: string;
  field: string;
  adapter: string;
}

/**
 * Typed, recording access to a span's attributes. Adapters read through it so the mapping
 * report can say which attribute fed which canonical field; whatever nobody read is "raw".
 * Readers never throw on bad values: a value of the wrong shape reads as undefined.
 */
export class AttributeReader {
  readonly #attributes: Attributes;
  /** Attribute → its mapping, in the order adapters first read them (the report's order). */
  readonly #mapped = new Map<string, MappedAttribute>();
  #adapter = '';

  constructor(attributes: Attributes) {
    this.#attributes = attributes;
  }

  /** Sets the adapter name recorded for subsequent reads. */
  forAdapter(adapter: string): this {
    this.#adapter = adapter;
    return this;
  }

  has(key: string): boolean {
    const value = this.#attributes[key];
    return value !== undefined && value !== null && value !== '';
  }

  keys(): string[] {
    return Object.keys(this.#attributes);
  }

  keysWithPrefix(prefix: string): string[] {
    const keys: string[] = [];
    for (const key of Object.keys(this.#attributes)) if (key.startsWith(prefix)) keys.push(key);
    return keys;
  }

  /** The raw value, without recording a mapping. */
  peek(key: string): AttributeValue | undefined {
    return this.#attributes[key];
  }

  /** Records that `key` was mapped to `field` (for values an adapter reads through peek()). */
  use(key: string, field: string): void {
    if (!(key in this.#attributes) || this.#mapped.has(key)) return;
    this.#mapped.set(key, { attribute: key, field, adapter: this.#adapter });
  }

  /** use() for a key just read with a value (so it exists): the first mapping of an attribute is kept. */
  #record(key: string, field: string): void {
    if (!this.#mapped.has(key)) this.#mapped.set(key, { attribute: key, field, adapter: this.#adapter });
  }

  /** Whether some adapter already mapped `key` (a convention that ran earlier gave it a meaning). */
  isMapped(key: string): boolean {
    return this.#mapped.has(key);
  }

  /** Reads a value of any shape and records the mapping. */
  value(key: string, field: string): AttributeValue | undefined {
    if (!this.has(key)) return undefined;
    this.#record(key, field);
    return this.#attributes[key];
  }

  string(key: string, field: string): string | undefined {
    const value = this.#attributes[key];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      this.#record(key, field);
      return String(value);
    }
    return undefined;
  }

  /** A finite number; numeric strings (int64 as decimal string, "12") are accepted. */
  number(key: string, field: string): number | undefined {
    const value = this.#attributes[key];
    if (value === undefined) return undefined;
    const parsed = toFiniteNumber(value);
    if (parsed !== undefined) this.#record(key, field);
    return parsed;
  }

  boolean(key: string, field: string): boolean | undefined {
    const value = this.#attributes[key];
    if (typeof value === 'boolean') {
      this.#record(key, field);
      return value;
    }
    if (value === 'true' || value === 'false') {
      this.#record(key, field);
      return value === 'true';
    }
    return undefined;
  }

  /** Structured value: a JSON string is parsed, a kvlist/array is returned as is. Unparseable JSON reads as undefined. */
  json(key: string, field: string): AttributeValue | undefined {
    const value = this.#attributes[key];
    if (value === undefined || value === null || value === '') return undefined;
    const parsed = parseMaybeJson(value);
    if (parsed !== undefined) this.#record(key, field);
    return parsed;
  }

  /** A string array: an OTLP array, a JSON array string, or a single string. */
  stringArray(key: string, field: string): string[] | undefined {
    const value = this.json(key, field) ?? this.#attributes[key];
    if (Array.isArray(value)) {
      const strings = value.filter((item) => item !== null && typeof item !== 'object').map(String);
      if (strings.length > 0) this.#record(key, field);
      return strings;
    }
    if (typeof value === 'string' && value !== '') {
      this.#record(key, field);
      return [value];
    }
    return undefined;
  }

  mapped(): MappedAttribute[] {
    return Array.from(this.#mapped.values());
  }

  unmapped(): string[] {
    const keys: string[] = [];
    for (const key of Object.keys(this.#attributes)) if (!this.#mapped.has(key)) keys.push(key);
    return keys;
  }
}

export function toFiniteNumber(value: AttributeValue | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** Parses JSON-looking strings; returns structured values unchanged and plain strings as themselves. */
export function parseMaybeJson(value: AttributeValue): AttributeValue | undefined {
  if (typeof value !== 'string') return value;
  const trimmed = value.trimStart();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return value;
  try {
    return JSON.parse(value) as AttributeValue;
  } catch {
    return undefined;
  }
}
