// 64-bit integers arrive as long.js objects (protobuf, --force-long), decimal strings or numbers (OTLP/JSON).
import type { AttributeValue } from './types.ts';

interface LongBits {
  low: number;
  high: number;
  unsigned: boolean;
}

const DECIMAL_INTEGER = /^-?\d+$/;
const UNSIGNED_DECIMAL = /^\d+$/;
const TWO_TO_32 = 4_294_967_296;

export function isLong(value: unknown): value is LongBits {
  return typeof value === 'object' && value !== null && typeof (value as LongBits).low === 'number';
}

/** An int64 AnyValue as a number when it is a safe integer, else as its exact decimal string. */
export function int64ToAttribute(value: unknown): AttributeValue {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (!DECIMAL_INTEGER.test(value)) return value;
    const asNumber = Number(value);
    return Number.isSafeInteger(asNumber) ? asNumber : BigInt(value).toString();
  }
  if (isLong(value)) return int64BitsToAttribute(value.low, value.unsigned ? value.high >>> 0 : value.high | 0);
  return null;
}

/** A 64-bit integer given as its low 32 bits and its (signed or unsigned) high part, as int64ToAttribute returns it. */
export function int64BitsToAttribute(low: number, high: number): AttributeValue {
  const asNumber = high * TWO_TO_32 + (low >>> 0);
  if (Number.isSafeInteger(asNumber)) return asNumber;
  return ((BigInt(high) << 32n) + BigInt(low >>> 0)).toString();
}

/**
 * Unsigned nanoseconds since the epoch → whole microseconds, exact until the year 2255 (nanosecond counts exceed 2^53).
 * Returns undefined when the value is not a non-negative integer.
 */
export function nanosToMicros(value: unknown): number | undefined {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'string') {
    if (!UNSIGNED_DECIMAL.test(value)) return undefined;
    return value.length <= 3 ? 0 : Number(value.slice(0, -3));
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? Math.floor(value / 1000) : undefined;
  }
  if (isLong(value)) return nanoBitsToMicros(value.low, value.high);
  return undefined;
}

/** Unsigned 64-bit nanoseconds given as two 32-bit halves → whole microseconds (see nanosToMicros). */
export function nanoBitsToMicros(lowBits: number, highBits: number): number {
  const high = highBits >>> 0;
  const low = lowBits >>> 0;
  // 2^32 = 4_294_967 * 1000 + 296, so the division splits into two exact parts.
  return high * 4_294_967 + Math.floor((high * 296 + low) / 1000);
}

/** Whole microseconds → nanoseconds as an exact decimal string (for encoding). */
export function microsToNanosString(micros: number): string {
  const whole = Math.max(0, Math.trunc(micros));
  return whole === 0 ? '0' : `${whole}000`;
}
