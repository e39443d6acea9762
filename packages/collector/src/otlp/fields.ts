// Structural checks shared by the protobuf and JSON paths. Decoded protobuf always passes them; OTLP/JSON may not,
// and then the error names the exact location.
import { OtlpDecodeError } from './errors.ts';
import { nanosToMicros } from './int64.ts';

export type Fields = Record<string, unknown>;

const EMPTY: readonly unknown[] = [];

/** A repeated field: absent → empty, anything but an array → error. */
export function arrayField(value: unknown, path: string): readonly unknown[] {
  if (value === undefined || value === null) return EMPTY;
  if (Array.isArray(value)) return value;
  throw new OtlpDecodeError(`${path} must be an array, got ${describe(value)}`);
}

/** A message field: absent → undefined, anything but an object → error. */
export function objectField(value: unknown, path: string): Fields | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return value as Fields;
  throw new OtlpDecodeError(`${path} must be an object, got ${describe(value)}`);
}

export function stringField(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  throw new OtlpDecodeError(`${path} must be a string, got ${describe(value)}`);
}

/** A time in nanoseconds (number, decimal string or Long) as whole microseconds. */
export function timeField(value: unknown, path: string): number {
  const micros = nanosToMicros(value);
  if (micros !== undefined) return micros;
  throw new OtlpDecodeError(
    `${path} must be a non-negative integer (number or decimal string), got ${describe(value)}`,
  );
}

/**
 * An enum as its name without prefix. OTLP/JSON requires integers; enum names (with or without the prefix) are
 * tolerated. Unknown values map to the first (unspecified) name, as proto3 treats them.
 */
export function enumField<Name extends string>(
  value: unknown,
  names: readonly Name[],
  prefix: string,
  path: string,
): Name {
  const fallback = names[0] as Name;
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return names[value] ?? fallback;
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return names[Number(value)] ?? fallback;
    const upper = value.toUpperCase();
    const bare = upper.startsWith(prefix) ? upper.slice(prefix.length) : upper;
    return names.find((name) => name === bare) ?? fallback;
  }
  throw new OtlpDecodeError(`${path} must be an integer enum value, got ${describe(value)}`);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
