import { describe, expect, it } from 'vitest';
import { flattenAnyValue, flattenKeyValues, MAX_ANY_VALUE_DEPTH } from './any-value.ts';
import { OtlpDecodeError } from './errors.ts';
import { opentelemetry } from './generated/otlp.gen.js';
import { int64ToAttribute, microsToNanosString, nanosToMicros } from './int64.ts';

const { AnyValue } = opentelemetry.proto.common.v1;

/** Round-trips an AnyValue through protobuf so the decoder sees real decoded messages (Long, Uint8Array). */
function viaProtobuf(value: opentelemetry.proto.common.v1.IAnyValue) {
  return AnyValue.decode(AnyValue.encode(value).finish());
}

describe('flattenAnyValue on decoded protobuf', () => {
  it('turns int64 into numbers when safe and exact decimal strings when not', () => {
    expect(flattenAnyValue(viaProtobuf({ intValue: 42 }))).toBe(42);
    expect(flattenAnyValue(viaProtobuf({ intValue: -42 }))).toBe(-42);
    expect(flattenAnyValue(viaProtobuf({ intValue: '9007199254740991' }))).toBe(9_007_199_254_740_991);
    expect(flattenAnyValue(viaProtobuf({ intValue: '9007199254740993' }))).toBe('9007199254740993');
    expect(flattenAnyValue(viaProtobuf({ intValue: '9223372036854775807' }))).toBe('9223372036854775807');
    expect(flattenAnyValue(viaProtobuf({ intValue: '-9223372036854775808' }))).toBe('-9223372036854775808');
  });

  it('turns bytes into base64 and keeps empty strings and false', () => {
    expect(flattenAnyValue(viaProtobuf({ bytesValue: new Uint8Array([0, 1, 254, 255]) }))).toBe('AAH+/w==');
    expect(flattenAnyValue(viaProtobuf({ stringValue: '' }))).toBe('');
    expect(flattenAnyValue(viaProtobuf({ boolValue: false }))).toBe(false);
    expect(flattenAnyValue(viaProtobuf({ doubleValue: 0 }))).toBe(0);
    expect(flattenAnyValue(viaProtobuf({}))).toBeNull();
  });

  it('keeps non-finite doubles as their proto3 JSON names', () => {
    expect(flattenAnyValue(viaProtobuf({ doubleValue: Number.NaN }))).toBe('NaN');
    expect(flattenAnyValue(viaProtobuf({ doubleValue: Number.NEGATIVE_INFINITY }))).toBe('-Infinity');
  });

  it('turns kvlists into objects and arrays into arrays, recursively', () => {
    const value = viaProtobuf({
      kvlistValue: {
        values: [
          { key: 'role', value: { stringValue: 'tool' } },
          { key: 'ids', value: { arrayValue: { values: [{ intValue: 1 }, { stringValue: 'two' }, {}] } } },
          { key: 'nested', value: { kvlistValue: { values: [{ key: 'ok', value: { boolValue: true } }] } } },
        ],
      },
    });
    expect(flattenAnyValue(value)).toEqual({ role: 'tool', ids: [1, 'two', null], nested: { ok: true } });
  });
});

describe('flattenKeyValues', () => {
  it('lets later duplicates win and skips entries without a string key', () => {
    expect(
      flattenKeyValues([
        { key: 'a', value: { stringValue: 'first' } },
        { value: { stringValue: 'no key' } },
        null,
        { key: 'a', value: { stringValue: 'second' } },
      ]),
    ).toEqual({ a: 'second' });
  });

  it('stores a "__proto__" key as data without touching the prototype', () => {
    const attributes = flattenKeyValues([
      { key: '__proto__', value: { kvlistValue: { values: [{ key: 'polluted', value: { boolValue: true } }] } } },
    ]);
    expect(Object.getPrototypeOf(attributes)).toBe(Object.prototype);
    expect(Object.keys(attributes)).toEqual(['__proto__']);
    expect((attributes as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses values nested deeper than the limit', () => {
    let value: unknown = { stringValue: 'leaf' };
    for (let depth = 0; depth <= MAX_ANY_VALUE_DEPTH + 1; depth++) value = { arrayValue: { values: [value] } };
    expect(() => flattenKeyValues([{ key: 'deep', value }])).toThrow(OtlpDecodeError);
  });
});

describe('int64 helpers', () => {
  it('converts nanoseconds to whole microseconds exactly from every representation', () => {
    const { Span } = opentelemetry.proto.trace.v1;
    const decoded = Span.decode(Span.encode({ startTimeUnixNano: '1735787045123456789' }).finish());
    expect(nanosToMicros(decoded.startTimeUnixNano)).toBe(1_735_787_045_123_456);
    expect(
      nanosToMicros(Span.decode(Span.encode({ startTimeUnixNano: '7258118400123456789' }).finish()).startTimeUnixNano),
    ).toBe(7_258_118_400_123_456);
    expect(nanosToMicros('1735787045123456789')).toBe(1_735_787_045_123_456);
    expect(nanosToMicros('999')).toBe(0);
    expect(nanosToMicros(1_735_787_045_123_456_000)).toBe(1_735_787_045_123_456);
    expect(nanosToMicros(undefined)).toBe(0);
    expect(nanosToMicros('-1')).toBeUndefined();
    expect(nanosToMicros('1e9')).toBeUndefined();
  });

  it('keeps unparseable int strings as given', () => {
    expect(int64ToAttribute('12abc')).toBe('12abc');
    expect(int64ToAttribute('007')).toBe(7);
  });

  it('writes microseconds back as nanosecond strings', () => {
    expect(microsToNanosString(1_735_787_045_123_456)).toBe('1735787045123456000');
    expect(microsToNanosString(0)).toBe('0');
  });
});
