// KeyValue and AnyValue straight from protobuf bytes into flattened attributes, for the direct trace
// decoder (decode-traces-direct.ts): the same values flattenAnyValue makes of protobufjs messages.
import { doubleToAttribute, setAttribute } from './any-value.ts';
import { int64BitsToAttribute } from './int64.ts';
import type { Attributes, AttributeValue } from './types.ts';
import { UNSUPPORTED, WIRE_FIXED64, WIRE_LENGTH_DELIMITED, WIRE_VARINT, type WireReader } from './wire-reader.ts';

/** Deeper nesting goes to the general path, whose depth limits and messages apply. */
const MAX_DIRECT_DEPTH = 16;

// Tags, (field number << 3) | wire type, as constants so that the switches compare numbers.
const FIELD_1_DELIMITED = (1 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_2_DELIMITED = (2 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_2_VARINT = (2 << 3) | WIRE_VARINT;
const FIELD_3_VARINT = (3 << 3) | WIRE_VARINT;
const FIELD_4_FIXED64 = (4 << 3) | WIRE_FIXED64;
const FIELD_5_DELIMITED = (5 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_6_DELIMITED = (6 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_7_DELIMITED = (7 << 3) | WIRE_LENGTH_DELIMITED;

/** One KeyValue into `attributes` (a missing key reads as '', a missing value as null, as in protobufjs). */
export function readKeyValue(reader: WireReader, end: number, attributes: Attributes, depth: number): void {
  let key = '';
  let value: AttributeValue = null;
  let hasValue = false;
  while (reader.pos < end) {
    const tag = reader.tag(end);
    switch (tag) {
      case FIELD_1_DELIMITED: // key
        key = reader.recurringString(end);
        break;
      case FIELD_2_DELIMITED: // value
        // protobufjs merges a repeated value message: left to it.
        if (hasValue) throw UNSUPPORTED;
        hasValue = true;
        value = readAnyValue(reader, reader.delimitedEnd(end), depth);
        break;
      default:
        reader.skip(tag, end); // unknown to protobufjs too: it skips the field
    }
  }
  setAttribute(attributes, key, value);
}

/** Marks a field that is not an AnyValue value (skipped, as protobufjs skips it). */
const NOT_A_VALUE = Symbol('not a value field');

/**
 * One AnyValue, flattened as flattenAnyValue does. protobufjs keeps every value field it meets and
 * flattenAnyValue then picks by kind, not by position: more than one is left to the general path.
 */
function readAnyValue(reader: WireReader, end: number, depth: number): AttributeValue {
  let value: AttributeValue = null;
  let hasValue = false;
  while (reader.pos < end) {
    const field = readValueField(reader, reader.tag(end), end, depth);
    if (field === NOT_A_VALUE) continue;
    if (hasValue) throw UNSUPPORTED;
    hasValue = true;
    value = field;
  }
  return value;
}

function readValueField(
  reader: WireReader,
  tag: number,
  end: number,
  depth: number,
): AttributeValue | typeof NOT_A_VALUE {
  switch (tag) {
    case FIELD_1_DELIMITED: // string_value
      return reader.string(end);
    case FIELD_2_VARINT: // bool_value
      return reader.bool(end);
    case FIELD_3_VARINT: // int_value
      reader.varint64(end);
      return int64BitsToAttribute(reader.low, reader.high | 0);
    case FIELD_4_FIXED64: // double_value
      return doubleToAttribute(reader.double(end));
    case FIELD_5_DELIMITED: // array_value
      return readArrayValue(reader, reader.delimitedEnd(end), depth + 1);
    case FIELD_6_DELIMITED: // kvlist_value
      return readKeyValueList(reader, reader.delimitedEnd(end), depth + 1);
    case FIELD_7_DELIMITED: {
      // bytes_value
      const start = reader.bytesRange(end);
      return reader.base64(start, reader.pos);
    }
    default:
      reader.skip(tag, end); // unknown to protobufjs too: it skips the field
      return NOT_A_VALUE;
  }
}

function readArrayValue(reader: WireReader, end: number, depth: number): AttributeValue[] {
  if (depth > MAX_DIRECT_DEPTH) throw UNSUPPORTED;
  const values: AttributeValue[] = [];
  while (reader.pos < end) {
    const tag = reader.tag(end);
    if (tag === FIELD_1_DELIMITED) values.push(readAnyValue(reader, reader.delimitedEnd(end), depth));
    else reader.skip(tag, end);
  }
  return values;
}

function readKeyValueList(reader: WireReader, end: number, depth: number): Attributes {
  if (depth > MAX_DIRECT_DEPTH) throw UNSUPPORTED;
  const attributes: Attributes = {};
  while (reader.pos < end) {
    const tag = reader.tag(end);
    if (tag === FIELD_1_DELIMITED) readKeyValue(reader, reader.delimitedEnd(end), attributes, depth);
    else reader.skip(tag, end);
  }
  return attributes;
}
