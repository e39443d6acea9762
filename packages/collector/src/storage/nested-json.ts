// JSON stored in a String column (input, output) is escaped twice on the way to JSONEachRow: once by
// JSON.stringify(value), once more as a string inside the row. For large message lists that second pass
// costs as much as the first. This walks the value once and writes the twice-escaped text directly:
// strings without characters JSON escapes (most prompt text) are copied as they are.

/** Characters JSON.stringify escapes in a string (surrogates are checked by the slow branch). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what JSON escapes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** Beyond this nesting the plain path decides (it throws on cycles and very deep values; callers catch that). */
const MAX_DEPTH = 64;

export interface NestedJson {
  /** JSON.stringify(JSON.stringify(value)) without its outer quotes: ready to sit between quotes in a row. */
  escaped: string;
  /** JSON.stringify(value).length, for size caps that are defined on the once-encoded text. */
  jsonLength: number;
}

/** Thrown inside the walk for values whose JSON.stringify result the walk does not reproduce. */
const UNSUPPORTED = Symbol('unsupported');

/**
 * The value's JSON text, escaped for use inside a JSON string, exactly as JSON.stringify would make it;
 * undefined for values it does not handle (toJSON, class instances, bigint, very deep nesting, anything
 * that throws), which the caller serialises the plain way.
 */
export function nestedJson(value: unknown): NestedJson | undefined {
  const walk = new NestedJsonWalk();
  try {
    const escaped = walk.value(value, 0);
    return { escaped, jsonLength: walk.jsonLength };
  } catch {
    // UNSUPPORTED, or anything else unusual (a throwing getter): the plain path decides, as it always did.
    return undefined;
  }
}

class NestedJsonWalk {
  /** Length of the once-encoded JSON written so far. */
  jsonLength = 0;

  /** A string as JSON.stringify writes it, escaped once more (quotes included). */
  string(text: string): string {
    if (!NEEDS_ESCAPE.test(text)) {
      this.jsonLength += text.length + 2;
      return `\\"${text}\\"`;
    }
    const once = JSON.stringify(text);
    this.jsonLength += once.length;
    return JSON.stringify(once).slice(1, -1);
  }

  value(value: unknown, depth: number): string {
    switch (typeof value) {
      case 'string':
        return this.string(value);
      case 'number': {
        const text = Number.isFinite(value) ? String(value) : 'null';
        this.jsonLength += text.length;
        return text;
      }
      case 'boolean':
        this.jsonLength += value ? 4 : 5;
        return value ? 'true' : 'false';
      case 'object':
        if (value === null) {
          this.jsonLength += 4;
          return 'null';
        }
        if (depth >= MAX_DEPTH || typeof (value as { toJSON?: unknown }).toJSON === 'function') throw UNSUPPORTED;
        return Array.isArray(value) ? this.array(value, depth + 1) : this.object(value, depth + 1);
      default:
        throw UNSUPPORTED;
    }
  }

  array(items: readonly unknown[], depth: number): string {
    let text = '[';
    for (let index = 0; index < items.length; index++) {
      if (index > 0) text += ',';
      const item = items[index];
      // JSON.stringify writes array entries it cannot represent as null.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') {
        this.jsonLength += 4;
        text += 'null';
      } else {
        text += this.value(item, depth);
      }
    }
    this.jsonLength += 1 + Math.max(0, items.length - 1) + 1;
    return `${text}]`;
  }

  object(value: object, depth: number): string {
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) throw UNSUPPORTED;
    const record = value as Record<string, unknown>;
    let text = '{';
    let written = 0;
    for (const key of Object.keys(record)) {
      const entry = record[key];
      // JSON.stringify leaves these properties out.
      if (entry === undefined || typeof entry === 'function' || typeof entry === 'symbol') continue;
      if (written > 0) text += ',';
      text += `${this.string(key)}:${this.value(entry, depth)}`;
      written++;
    }
    this.jsonLength += 1 + written + Math.max(0, written - 1) + 1;
    return `${text}}`;
  }
}

/** A string's JSON escaping without the quotes: what JSON.stringify writes between them. */
export function escapedStringContent(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text).slice(1, -1) : text;
}
