// The direct protobuf decoder must give exactly what protobufjs plus the generic walk give, or hand the body over.
import { describe, expect, it } from 'vitest';
import { realisticChatSpan } from '../bench/realistic-spans.ts';
import { decodeTraceRequest, decodeTraceRequestInGeneral } from './decode-traces.ts';
import { decodeTracesDirect } from './decode-traces-direct.ts';
import { encodeTraceRequest } from './encode-request.ts';
import { opentelemetry } from './generated/otlp.gen.js';
import { recordTraces, serialiseTraces } from './test-support/sdk-payloads.ts';
import type { DecodedTraces } from './types.ts';

const { ExportTraceServiceRequest } = opentelemetry.proto.collector.trace.v1;
type RequestProperties = opentelemetry.proto.collector.trace.v1.IExportTraceServiceRequest;

const TRACE_ID = Uint8Array.from({ length: 16 }, (_, index) => index + 1);
const SPAN_ID = Uint8Array.from({ length: 8 }, (_, index) => 0xa0 + index);
const PARENT_ID = Uint8Array.from({ length: 8 }, (_, index) => 0xb0 + index);

function encode(request: unknown): Uint8Array {
  // The writer takes decimal strings and Buffers where the generated types name Long and Uint8Array.
  return ExportTraceServiceRequest.encode(request as RequestProperties).finish();
}

function requestWith(span: Record<string, unknown>, extra: { resource?: unknown; scope?: unknown } = {}): Uint8Array {
  return encode({
    resourceSpans: [
      {
        resource: extra.resource ?? { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
        scopeSpans: [{ scope: extra.scope ?? { name: 'scope', version: '1.0' }, spans: [span] }],
      },
    ],
  });
}

function span(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    traceId: TRACE_ID,
    spanId: SPAN_ID,
    name: 'chat',
    kind: 3,
    startTimeUnixNano: '1772445600123456789',
    endTimeUnixNano: '1772445601000000000',
    ...fields,
  };
}

/** A field's tag as a varint (numbers from 16 on take two bytes). */
function tag(field: number, wireType: number): number[] {
  const value = (field << 3) | wireType;
  return value < 128 ? [value] : [(value & 127) | 128, value >> 7];
}

/** A length-delimited field: tag, length, bytes (lengths below 128 only, enough for these tests). */
function delimited(field: number, bytes: number[]): number[] {
  if (bytes.length >= 128) throw new Error('test helper writes one-byte lengths only');
  return [...tag(field, 2), bytes.length, ...bytes];
}

/** JSON text keeps key order and tells -0 from 0 only where JSON does, which is what storage sees. */
function snapshot(decoded: DecodedTraces): string {
  return JSON.stringify(decoded);
}

function expectSameAsGeneral(body: Uint8Array): DecodedTraces {
  const direct = decodeTracesDirect(body);
  expect(direct).toBeDefined();
  expect(snapshot(direct as DecodedTraces)).toBe(snapshot(decodeTraceRequestInGeneral(body, 'protobuf')));
  return direct as DecodedTraces;
}

/** The general path's answer, as a value or as the error it throws. */
function generalOutcome(body: Uint8Array): string {
  try {
    return snapshot(decodeTraceRequestInGeneral(body, 'protobuf'));
  } catch (error) {
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

describe('decodeTracesDirect', () => {
  it('decodes OpenTelemetry JS SDK output exactly as the general decoder', async () => {
    const recorded = await recordTraces();
    const decoded = expectSameAsGeneral(serialiseTraces(recorded.spans, 'protobuf'));
    expect(decoded.spans).toHaveLength(3);
  });

  it('decodes realistic LLM spans exactly as the general decoder, sharing resource and scope objects per group', () => {
    const spans = Array.from({ length: 50 }, (_, index) => realisticChatSpan(index));
    const decoded = expectSameAsGeneral(encodeTraceRequest(spans, 'protobuf'));
    expect(decoded.spans).toHaveLength(50);
    // Four services: the spans of each share one resource object and one scope object, as in the general path.
    expect(new Set(decoded.spans.map((item) => item.resource)).size).toBe(4);
    expect(new Set(decoded.spans.map((item) => item.scope)).size).toBe(4);
  });

  it('flattens every AnyValue kind as the general decoder does', () => {
    const attributes = [
      { key: 'text', value: { stringValue: 'héllo "quoted" \u2028 😀' } },
      { key: 'empty', value: { stringValue: '' } },
      { key: 'flag', value: { boolValue: true } },
      { key: 'off', value: { boolValue: false } },
      { key: 'small', value: { intValue: -42 } },
      { key: 'unsafe', value: { intValue: '9007199254740993' } },
      { key: 'minimum', value: { intValue: '-9223372036854775808' } },
      { key: 'ratio', value: { doubleValue: 0.25 } },
      { key: 'nan', value: { doubleValue: Number.NaN } },
      { key: 'infinite', value: { doubleValue: Number.NEGATIVE_INFINITY } },
      { key: 'bytes', value: { bytesValue: Buffer.from([1, 2, 255]) } },
      { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, {}, { intValue: 1 }] } } },
      { key: 'map', value: { kvlistValue: { values: [{ key: 'nested', value: { arrayValue: {} } }] } } },
      { key: '__proto__', value: { stringValue: 'not a prototype' } },
      { key: 'twice', value: { stringValue: 'first' } },
      { key: 'twice', value: { intValue: 2 } },
      { key: 'no value' },
      { value: { stringValue: 'no key' } },
    ];
    const decoded = expectSameAsGeneral(requestWith(span({ attributes })));
    const decodedAttributes = decoded.spans[0]?.attributes ?? {};
    expect(Object.getPrototypeOf(decodedAttributes)).toBe(Object.prototype);
    expect(decodedAttributes.twice).toBe(2);
  });

  it('reads status, events, links, parents and dropped counts as the general decoder does', () => {
    const body = requestWith(
      span({
        parentSpanId: PARENT_ID,
        traceState: 'vendor=1',
        flags: 257,
        droppedAttributesCount: 3,
        status: { code: 2, message: 'rate limited' },
        events: [
          { timeUnixNano: '1772445600500000000', name: 'gen_ai.content.prompt', attributes: [] },
          { name: 'no time', droppedAttributesCount: 1 },
        ],
        links: [
          { traceId: TRACE_ID, spanId: PARENT_ID, attributes: [{ key: 'k', value: { intValue: 1 } }], flags: 1 },
          { traceId: new Uint8Array(16), spanId: PARENT_ID },
          { traceId: TRACE_ID, spanId: new Uint8Array(4) },
        ],
      }),
      { scope: { name: 'scope', version: '2', attributes: [{ key: 'ignored', value: { stringValue: 'x' } }] } },
    );
    const decoded = expectSameAsGeneral(body);
    expect(decoded.spans[0]?.links).toHaveLength(1);
    expect(decoded.spans[0]?.status).toEqual({ code: 'ERROR', message: 'rate limited' });
  });

  it('treats an all-zero parent as a root span and unknown enum values as unspecified', () => {
    expectSameAsGeneral(requestWith(span({ parentSpanId: new Uint8Array(8), kind: 99, status: { code: -1 } })));
    expectSameAsGeneral(requestWith(span({ kind: -3 }), { resource: {} }));
    expectSameAsGeneral(encode({ resourceSpans: [{ scopeSpans: [{ spans: [span()] }] }, {}] }));
    expectSameAsGeneral(encode({}));
  });

  it('skips unknown fields and known fields of another wire type, as protobufjs does', () => {
    const { Span } = opentelemetry.proto.trace.v1;
    const unknownVarint = [...tag(30, 0), 0xff, 0x01];
    const nameAsVarint = [...tag(5, 0), 7];
    const unknownFixed = [...tag(31, 1), 1, 2, 3, 4, 5, 6, 7, 8, ...tag(32, 5), 1, 2, 3, 4];
    const value = [...unknownVarint, ...delimited(1, [...Buffer.from('v')]), ...tag(33, 2), 0];
    const attribute = delimited(9, [...delimited(1, [...Buffer.from('k')]), ...delimited(2, value)]);
    const spanBytes = [
      ...Span.encode(span() as never).finish(),
      ...unknownVarint,
      ...nameAsVarint,
      ...unknownFixed,
      ...attribute,
    ];
    const scopeSpans = [...delimited(2, spanBytes), ...unknownVarint];
    const resourceSpans = [...delimited(2, scopeSpans), ...delimited(9, [1, 2, 3])];
    const body = Uint8Array.from([...delimited(1, resourceSpans), ...tag(2, 2), 0, ...tag(1, 0), 5]);
    const decoded = expectSameAsGeneral(body);
    expect(decoded.spans[0]?.attributes).toEqual({ k: 'v' });
  });

  it('hands over what it does not handle, and the general path decides', () => {
    // Invalid UTF-8 in the span name, written by hand: tag 0x2a (field 5, length-delimited), length 2, bytes c3 28.
    const invalidUtf8 = Buffer.from(requestWith(span({ name: 'ab' })));
    const nameAt = invalidUtf8.indexOf(Buffer.from([0x2a, 0x02, 0x61, 0x62]));
    invalidUtf8[nameAt + 2] = 0xc3;
    invalidUtf8[nameAt + 3] = 0x28;
    const rejected = requestWith(span({ traceId: new Uint8Array(16) }));
    const handedOver = [
      rejected,
      requestWith(span({ spanId: new Uint8Array(4) })),
      requestWith(span({ parentSpanId: new Uint8Array(3) })),
      requestWith(span({ traceId: undefined, spanId: undefined })),
      requestWith(span({ status: { code: 2 }, events: [] }), { resource: { droppedAttributesCount: 1 } }).subarray(
        0,
        20,
      ),
      Uint8Array.from([0x0a, 0x05, 0x12, 0x03, 0x0a, 0x01]), // truncated
      Uint8Array.from([0x0a, 0x02, 0x1a, 0x01]), // schema_url overruns its message
      Uint8Array.from([0x13, 0x14]), // a group, which protobufjs skips in its own way
      Uint8Array.from([0x0f]), // an invalid wire type
      Uint8Array.from([0x00, 0x00]), // field number 0
      Uint8Array.from([0x8a, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00]), // a tag longer than protobufjs reads
      Uint8Array.from([0x0a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]), // a length longer than protobufjs reads
      invalidUtf8,
    ];
    for (const body of handedOver) expect(decodeTracesDirect(body)).toBeUndefined();
    expect(() => decodeTraceRequest(invalidUtf8, 'protobuf')).toThrow(/protobuf: .*utf-8/);
    expect(decodeTraceRequest(rejected, 'protobuf').rejected.count).toBe(1);
  });

  it('matches the general decoder on thousands of corrupted bodies (or hands them over)', () => {
    const base = encodeTraceRequest(
      Array.from({ length: 3 }, (_, index) => realisticChatSpan(index)),
      'protobuf',
    );
    // A fixed-seed generator keeps the cases the same on every run.
    let seed = 12345;
    const random = (limit: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % limit;
    };
    let decodedDirectly = 0;
    for (let round = 0; round < 3000; round++) {
      let body = Uint8Array.from(base);
      const changes = 1 + random(3);
      for (let change = 0; change < changes; change++) body[random(body.length)] = random(256);
      const at = random(body.length);
      // Some bodies also gain or lose a byte, or end early, so that lengths and tags shift.
      if (round % 7 === 1) body = Uint8Array.from([...body.subarray(0, at), random(256), ...body.subarray(at)]);
      if (round % 7 === 2) body = Uint8Array.from([...body.subarray(0, at), ...body.subarray(at + 1)]);
      if (round % 5 === 0) body = body.subarray(0, at);
      const direct = decodeTracesDirect(body);
      if (direct === undefined) continue;
      decodedDirectly++;
      expect(snapshot(direct)).toBe(generalOutcome(body));
    }
    // Most single-byte changes land in text or numbers, which the direct path must then decode identically.
    expect(decodedDirectly).toBeGreaterThan(300);
  });
});
