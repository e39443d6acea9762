// ExportTraceServiceRequest protobuf → OtlpSpan[] in one pass over the bytes, without protobufjs message
// objects, Long objects or id byte copies in between: the ingest hot path. It produces exactly what the
// generated decoder plus the generic walk (decode-traces.ts) produce, for the input it accepts: well-formed
// requests whose spans all have valid ids, with fields in the usual order (unknown fields are skipped, as
// protobufjs skips them). Anything else (malformed bytes, rejected spans, odd encodings) returns undefined
// and takes the general path, which owns every error message and partial-success reason.
import { readKeyValue } from './any-value-direct.ts';
import { nanoBitsToMicros } from './int64.ts';
import { RejectionCollector } from './rejections.ts';
import {
  type Attributes,
  type DecodedTraces,
  type InstrumentationScope,
  type OtlpEvent,
  type OtlpLink,
  type OtlpSpan,
  SPAN_KINDS,
  STATUS_CODES,
} from './types.ts';
import {
  UNSUPPORTED,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
  WireReader,
} from './wire-reader.ts';

// Tags, (field number << 3) | wire type, as constants so that the switches compare numbers.
const FIELD_1_FIXED64 = (1 << 3) | WIRE_FIXED64;
const FIELD_1_DELIMITED = (1 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_2_DELIMITED = (2 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_2_VARINT = (2 << 3) | WIRE_VARINT;
const FIELD_3_DELIMITED = (3 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_3_VARINT = (3 << 3) | WIRE_VARINT;
const FIELD_4_DELIMITED = (4 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_4_VARINT = (4 << 3) | WIRE_VARINT;
const FIELD_5_DELIMITED = (5 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_5_VARINT = (5 << 3) | WIRE_VARINT;
const FIELD_6_FIXED32 = (6 << 3) | WIRE_FIXED32;
const FIELD_6_VARINT = (6 << 3) | WIRE_VARINT;
const FIELD_7_FIXED64 = (7 << 3) | WIRE_FIXED64;
const FIELD_8_FIXED64 = (8 << 3) | WIRE_FIXED64;
const FIELD_9_DELIMITED = (9 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_10_VARINT = (10 << 3) | WIRE_VARINT;
const FIELD_11_DELIMITED = (11 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_12_VARINT = (12 << 3) | WIRE_VARINT;
const FIELD_13_DELIMITED = (13 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_14_VARINT = (14 << 3) | WIRE_VARINT;
const FIELD_15_DELIMITED = (15 << 3) | WIRE_LENGTH_DELIMITED;
const FIELD_16_FIXED32 = (16 << 3) | WIRE_FIXED32;
const TRACE_ID_BYTES = 16;
const SPAN_ID_BYTES = 8;

/** The decoded request, or undefined when the general decoder must handle this body. */
export function decodeTracesDirect(body: Uint8Array): DecodedTraces | undefined {
  const reader = new WireReader(body);
  const spans: OtlpSpan[] = [];
  try {
    const end = reader.length;
    while (reader.pos < end) {
      const tag = reader.tag(end);
      if (tag === FIELD_1_DELIMITED) readResourceSpans(reader, reader.delimitedEnd(end), spans);
      else reader.skip(tag, end);
    }
  } catch {
    // UNSUPPORTED or anything unexpected: the general decoder decides (and names the problem).
    return undefined;
  }
  return { spans, rejected: new RejectionCollector().result() };
}

function readResourceSpans(reader: WireReader, end: number, spans: OtlpSpan[]): void {
  let resource: Attributes | undefined;
  while (reader.pos < end) {
    const tag = reader.tag(end);
    switch (tag) {
      case FIELD_1_DELIMITED: // resource
        // A second resource (merged by protobufjs) or one after the spans that use it: general path.
        if (resource !== undefined) throw UNSUPPORTED;
        resource = readResource(reader, reader.delimitedEnd(end));
        break;
      case FIELD_2_DELIMITED: // scope_spans
        resource ??= {};
        readScopeSpans(reader, reader.delimitedEnd(end), resource, spans);
        break;
      case FIELD_3_DELIMITED: // schema_url
        reader.string(end); // validated as protobufjs does, not kept
        break;
      default:
        reader.skip(tag, end); // unknown to protobufjs too: it skips the field
    }
  }
}

function readResource(reader: WireReader, end: number): Attributes {
  const attributes: Attributes = {};
  while (reader.pos < end) {
    const tag = reader.tag(end);
    switch (tag) {
      case FIELD_1_DELIMITED: // attributes
        readKeyValue(reader, reader.delimitedEnd(end), attributes, 0);
        break;
      case FIELD_2_VARINT: // dropped_attributes_count
        reader.uint32(end);
        break;
      default:
        reader.skip(tag, end); // unknown to protobufjs too: it skips the field
    }
  }
  return attributes;
}

function readScopeSpans(reader: WireReader, end: number, resource: Attributes, spans: OtlpSpan[]): void {
  let scope: InstrumentationScope | undefined;
  while (reader.pos < end) {
    const tag = reader.tag(end);
    switch (tag) {
      case FIELD_1_DELIMITED: // scope
        if (scope !== undefined) throw UNSUPPORTED;
        scope = readScope(reader, reader.delimitedEnd(end));
        break;
      case FIELD_2_DELIMITED: // spans
        scope ??= { name: '', version: '' };
        spans.push(readSpan(reader, reader.delimitedEnd(end), resource, scope));
        break;
      case FIELD_3_DELIMITED: // schema_url
        reader.string(end); // validated, not kept
        break;
      default:
        reader.skip(tag, end); // unknown to protobufjs too: it skips the field
    }
  }
}

function readScope(reader: WireReader, end: number): InstrumentationScope {
  let name = '';
  let version = '';
  while (reader.pos < end) {
    const tag = reader.tag(end);
    switch (tag) {
      case FIELD_1_DELIMITED: // name
        name = reader.string(end);
        break;
      case FIELD_2_DELIMITED: // version
        version = reader.string(end);
        break;
      case FIELD_3_DELIMITED: // attributes
        // Scope attributes are not kept, but are read so that bad ones fail as they would.
        readKeyValue(reader, reader.delimitedEnd(end), {}, 0);
        break;
      case FIELD_4_VARINT: // dropped_attributes_count
        reader.uint32(end);
        break;
      default:
        reader.skip(tag, end); // unknown to protobufjs too: it skips the field
    }
  }
  return { name, version };
}

/** Offsets of the id fields of one span; the last occurrence of a field wins, as in protobufjs. */
interface IdFields {
  traceStart: number;
  traceLength: number;
  spanStart: number;
  spanLength: number;
  parentStart: number;
  parentLength: number;
}

function readSpan(reader: WireReader, end: number, resource: Attributes, scope: InstrumentationScope): OtlpSpan {
  const ids: IdFields = { traceStart: 0, traceLength: 0, spanStart: 0, spanLength: 0, parentStart: 0, parentLength: 0 };
  let name = '';
  let kind = 0;
  let startTimeUnixUs = 0;
  let endTimeUnixUs = 0;
  let status: OtlpSpan['status'] | undefined;
  const attributes: Attributes = {};
  const events: OtlpEvent[] = [];
  const links: OtlpLink[] = [];
  while (reader.pos < end) {
    const tag = reader.tag(end);
    switch (tag) {
      case FIELD_1_DELIMITED: // trace_id
        ids.traceStart = reader.bytesRange(end);
        ids.traceLength = reader.pos - ids.traceStart;
        break;
      case FIELD_2_DELIMITED: // span_id
        ids.spanStart = reader.bytesRange(end);
        ids.spanLength = reader.pos - ids.spanStart;
        break;
      case FIELD_4_DELIMITED: // parent_span_id
        ids.parentStart = reader.bytesRange(end);
        ids.parentLength = reader.pos - ids.parentStart;
        break;
      case FIELD_3_DELIMITED: // trace_state
        reader.string(end); // validated, not kept
        break;
      case FIELD_5_DELIMITED: // name
        name = reader.string(end);
        break;
      case FIELD_6_VARINT: // kind
        kind = reader.int32(end);
        break;
      case FIELD_7_FIXED64: // start_time_unix_nano
        reader.fixed64(end);
        startTimeUnixUs = nanoBitsToMicros(reader.low, reader.high);
        break;
      case FIELD_8_FIXED64: // end_time_unix_nano
        reader.fixed64(end);
        endTimeUnixUs = nanoBitsToMicros(reader.low, reader.high);
        break;
      case FIELD_9_DELIMITED: // attributes
        readKeyValue(reader, reader.delimitedEnd(end), attributes, 0);
        break;
      case FIELD_11_DELIMITED: // events
        events.push(readEvent(reader, reader.delimitedEnd(end)));
        break;
      case FIELD_13_DELIMITED: {
        // links
        const link = readLink(reader, reader.delimitedEnd(end));
        if (link !== undefined) links.push(link);
        break;
      }
      case FIELD_15_DELIMITED: // status
        // protobufjs merges a repeated status into the first: left to it.
        if (status !== undefined) throw UNSUPPORTED;
        status = readStatus(reader, reader.delimitedEnd(end));
        break;
      case FIELD_10_VARINT: // dropped_attributes_count
      case FIELD_12_VARINT: // dropped_events_count
      case FIELD_14_VARINT: // dropped_links_count
        reader.uint32(end);
        break;
      case FIELD_16_FIXED32: // flags
        reader.skipFixed32(end);
        break;
      default:
        reader.skip(tag, end); // unknown to protobufjs too: it skips the field
    }
  }
  const [traceId, spanId, parentSpanId] = spanIds(reader, ids);
  return {
    traceId,
    spanId,
    parentSpanId,
    name,
    kind: SPAN_KINDS[kind] ?? SPAN_KINDS[0],
    startTimeUnixUs,
    endTimeUnixUs,
    status: status ?? { code: STATUS_CODES[0], message: '' },
    attributes,
    events,
    links,
    resource,
    scope,
  };
}

/** Hex ids of a span whose trace and span ids are valid; any span the general path would reject goes there. */
function spanIds(reader: WireReader, ids: IdFields): [string, string, string] {
  if (ids.traceLength !== TRACE_ID_BYTES || ids.spanLength !== SPAN_ID_BYTES) throw UNSUPPORTED;
  const traceId = reader.hexId(ids.traceStart, TRACE_ID_BYTES);
  const spanId = reader.hexId(ids.spanStart, SPAN_ID_BYTES);
  if (traceId === '' || spanId === '') throw UNSUPPORTED;
  // A missing or all-zero parent is a root span; a parent of the wrong length is a rejection.
  if (ids.parentLength === 0) return [traceId, spanId, ''];
  if (ids.parentLength !== SPAN_ID_BYTES) throw UNSUPPORTED;
  return [traceId, spanId, reader.hexId(ids.parentStart, SPAN_ID_BYTES)];
}

function readStatus(reader: WireReader, end: number): OtlpSpan['status'] {
  let code = 0;
  let message = '';
  while (reader.pos < end) {
    const tag = reader.tag(end);
    switch (tag) {
      case FIELD_2_DELIMITED: // message
        message = reader.string(end);
        break;
      case FIELD_3_VARINT: // code
        code = reader.int32(end);
        break;
      default:
        reader.skip(tag, end); // unknown to protobufjs too: it skips the field
    }
  }
  return { code: STATUS_CODES[code] ?? STATUS_CODES[0], message };
}

function readEvent(reader: WireReader, end: number): OtlpEvent {
  let timeUnixUs = 0;
  let name = '';
  const attributes: Attributes = {};
  while (reader.pos < end) {
    const tag = reader.tag(end);
    switch (tag) {
      case FIELD_1_FIXED64: // time_unix_nano
        reader.fixed64(end);
        timeUnixUs = nanoBitsToMicros(reader.low, reader.high);
        break;
      case FIELD_2_DELIMITED: // name
        name = reader.string(end);
        break;
      case FIELD_3_DELIMITED: // attributes
        readKeyValue(reader, reader.delimitedEnd(end), attributes, 0);
        break;
      case FIELD_4_VARINT: // dropped_attributes_count
        reader.uint32(end);
        break;
      default:
        reader.skip(tag, end); // unknown to protobufjs too: it skips the field
    }
  }
  return { timeUnixUs, name, attributes };
}

/** A link, or undefined when its ids are not valid (such links point nowhere and are dropped). */
function readLink(reader: WireReader, end: number): OtlpLink | undefined {
  let traceStart = 0;
  let traceLength = 0;
  let spanStart = 0;
  let spanLength = 0;
  const attributes: Attributes = {};
  while (reader.pos < end) {
    const tag = reader.tag(end);
    switch (tag) {
      case FIELD_1_DELIMITED: // trace_id
        traceStart = reader.bytesRange(end);
        traceLength = reader.pos - traceStart;
        break;
      case FIELD_2_DELIMITED: // span_id
        spanStart = reader.bytesRange(end);
        spanLength = reader.pos - spanStart;
        break;
      case FIELD_3_DELIMITED: // trace_state
        reader.string(end); // validated, not kept
        break;
      case FIELD_4_DELIMITED: // attributes
        readKeyValue(reader, reader.delimitedEnd(end), attributes, 0);
        break;
      case FIELD_5_VARINT: // dropped_attributes_count
        reader.uint32(end);
        break;
      case FIELD_6_FIXED32: // flags
        reader.skipFixed32(end);
        break;
      default:
        reader.skip(tag, end); // unknown to protobufjs too: it skips the field
    }
  }
  if (traceLength !== TRACE_ID_BYTES || spanLength !== SPAN_ID_BYTES) return undefined;
  const traceId = reader.hexId(traceStart, TRACE_ID_BYTES);
  const spanId = reader.hexId(spanStart, SPAN_ID_BYTES);
  if (traceId === '' || spanId === '') return undefined;
  return { traceId, spanId, attributes };
}
