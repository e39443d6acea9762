// Hand-written OTLP/JSON per the OTLP specification, and the ways a body can be wrong.
import { describe, expect, it } from 'vitest';
import { decodeTraceRequest } from './decode-traces.ts';

const TRACE_ID = '5B8EFFF798038103D269B633813FC60C';
const SPAN_ID = 'EEE19B7EC3C1B174';
const PARENT_ID = 'EEE19B7EC3C1B173';

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));
}

function request(spans: unknown[]): Uint8Array {
  return json({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
        scopeSpans: [{ scope: { name: 'manual', version: '1.0.0' }, spans }],
      },
    ],
  });
}

const SPEC_SPAN = {
  traceId: TRACE_ID,
  spanId: SPAN_ID,
  parentSpanId: PARENT_ID,
  name: 'chat claude-sonnet-4',
  kind: 3,
  startTimeUnixNano: '1544712660000000000',
  endTimeUnixNano: '1544712661000000999',
  attributes: [
    { key: 'gen_ai.usage.input_tokens', value: { intValue: '1200' } },
    { key: 'gen_ai.usage.output_tokens', value: { intValue: 80 } },
    { key: 'gen_ai.request.temperature', value: { doubleValue: 0.2 } },
    { key: 'gen_ai.request.top_p', value: { doubleValue: '0.9' } },
    { key: 'test.huge', value: { intValue: '9223372036854775807' } },
    { key: 'test.bytes', value: { bytesValue: 'AQL/' } },
    { key: 'test.nan', value: { doubleValue: 'NaN' } },
    { key: 'test.empty', value: {} },
    { key: 'test.empty_string', value: { stringValue: '' } },
    {
      key: 'gen_ai.input.messages',
      value: {
        arrayValue: {
          values: [
            {
              kvlistValue: {
                values: [
                  { key: 'role', value: { stringValue: 'user' } },
                  { key: 'parts', value: { arrayValue: { values: [{ stringValue: 'hi' }] } } },
                ],
              },
            },
          ],
        },
      },
    },
  ],
  events: [{ timeUnixNano: 1544712660500000000, name: 'first-token', attributes: [] }],
  status: { code: 2, message: 'overloaded' },
  futureField: { ignored: true },
};

describe('decodeTraceRequest with spec OTLP/JSON', () => {
  it('decodes upper-case hex ids, int64 strings and numbers, and nested values', () => {
    const decoded = decodeTraceRequest(request([SPEC_SPAN]), 'json');
    expect(decoded.rejected.count).toBe(0);
    expect(decoded.spans).toEqual([
      {
        traceId: TRACE_ID.toLowerCase(),
        spanId: SPAN_ID.toLowerCase(),
        parentSpanId: PARENT_ID.toLowerCase(),
        name: 'chat claude-sonnet-4',
        kind: 'CLIENT',
        startTimeUnixUs: 1_544_712_660_000_000,
        endTimeUnixUs: 1_544_712_661_000_000,
        status: { code: 'ERROR', message: 'overloaded' },
        attributes: {
          'gen_ai.usage.input_tokens': 1200,
          'gen_ai.usage.output_tokens': 80,
          'gen_ai.request.temperature': 0.2,
          'gen_ai.request.top_p': 0.9,
          'test.huge': '9223372036854775807',
          'test.bytes': 'AQL/',
          'test.nan': 'NaN',
          'test.empty': null,
          'test.empty_string': '',
          'gen_ai.input.messages': [{ role: 'user', parts: ['hi'] }],
        },
        events: [{ timeUnixUs: 1_544_712_660_500_000, name: 'first-token', attributes: {} }],
        links: [],
        resource: { 'service.name': 'checkout' },
        scope: { name: 'manual', version: '1.0.0' },
      },
    ]);
  });

  it('tolerates enum names and treats unknown enum values as unspecified', () => {
    const spans = decodeTraceRequest(
      request([
        { ...SPEC_SPAN, kind: 'SPAN_KIND_PRODUCER', status: { code: 'STATUS_CODE_OK' } },
        { ...SPEC_SPAN, spanId: 'eee19b7ec3c1b175', kind: 42, status: { code: '1' } },
      ]),
      'json',
    ).spans;
    expect(spans.map((span) => [span.kind, span.status.code])).toEqual([
      ['PRODUCER', 'OK'],
      ['UNSPECIFIED', 'OK'],
    ]);
  });

  it('treats a missing or all-zero parent id as a root span', () => {
    const spans = decodeTraceRequest(
      request([
        { ...SPEC_SPAN, parentSpanId: '' },
        { ...SPEC_SPAN, parentSpanId: '0000000000000000' },
        { ...SPEC_SPAN, parentSpanId: undefined },
      ]),
      'json',
    ).spans;
    expect(spans.map((span) => span.parentSpanId)).toEqual(['', '', '']);
  });

  it('drops links with invalid ids but keeps the span', () => {
    const [span] = decodeTraceRequest(
      request([
        {
          ...SPEC_SPAN,
          links: [
            { traceId: 'nope', spanId: SPAN_ID },
            { traceId: TRACE_ID, spanId: PARENT_ID, attributes: [{ key: 'k', value: { boolValue: true } }] },
          ],
        },
      ]),
      'json',
    ).spans;
    expect(span?.links).toEqual([
      { traceId: TRACE_ID.toLowerCase(), spanId: PARENT_ID.toLowerCase(), attributes: { k: true } },
    ]);
  });
});

describe('decodeTraceRequest partial rejection of spans with invalid ids', () => {
  it('rejects only the spans with bad ids and says why', () => {
    const decoded = decodeTraceRequest(
      request([
        SPEC_SPAN,
        { ...SPEC_SPAN, traceId: '00000000000000000000000000000000' },
        { ...SPEC_SPAN, traceId: 'abc' },
        { ...SPEC_SPAN, spanId: undefined },
        { ...SPEC_SPAN, spanId: 'zzzzzzzzzzzzzzzz' },
        { ...SPEC_SPAN, parentSpanId: '1234' },
        { ...SPEC_SPAN, spanId: 42 },
      ]),
      'json',
    );
    expect(decoded.spans).toHaveLength(1);
    expect(decoded.rejected.count).toBe(6);
    expect(decoded.rejected.reasons).toMatchInlineSnapshot(`
      [
        "resourceSpans[0].scopeSpans[0].spans[1]: traceId is all zeros",
        "resourceSpans[0].scopeSpans[0].spans[2]: traceId must be 32 hex characters, got "abc"",
        "resourceSpans[0].scopeSpans[0].spans[3]: spanId is missing",
        "resourceSpans[0].scopeSpans[0].spans[4]: spanId must be 16 hex characters, got "zzzzzzzzzzzzzzzz"",
        "resourceSpans[0].scopeSpans[0].spans[5]: parentSpanId must be 16 hex characters, got "1234"",
        "resourceSpans[0].scopeSpans[0].spans[6]: spanId must be a hex string, got number",
      ]
    `);
  });

  it('counts every rejected span but lists only the first ten reasons', () => {
    const bad = Array.from({ length: 25 }, () => ({ ...SPEC_SPAN, traceId: 'bad' }));
    const decoded = decodeTraceRequest(request([SPEC_SPAN, ...bad]), 'json');
    expect(decoded.spans).toHaveLength(1);
    expect(decoded.rejected.count).toBe(25);
    expect(decoded.rejected.reasons).toHaveLength(11);
    expect(decoded.rejected.reasons.at(-1)).toBe('and 15 more');
  });

  it('rejects a batch where some spans lack ids without calling it a logs payload', () => {
    const decoded = decodeTraceRequest(request([SPEC_SPAN, { ...SPEC_SPAN, traceId: '', spanId: '' }]), 'json');
    expect(decoded.spans).toHaveLength(1);
    expect(decoded.rejected.count).toBe(1);
  });
});

describe('decodeTraceRequest errors for bodies that are not ExportTraceServiceRequest', () => {
  const decodeJson = (text: string) => () => decodeTraceRequest(json(text), 'json');

  it('reports JSON syntax errors with their position', () => {
    expect(decodeJson('{"resourceSpans": [}')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: invalid JSON: Unexpected token '}', "{"resourceSpans": [}" is not valid JSON]`,
    );
    expect(decodeJson('{"resourceSpans":[],}')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: invalid JSON at position 20: Expected double-quoted property name]`,
    );
    expect(decodeJson('{"resourceSpans": [')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: invalid JSON at position 19: unexpected end of input]`,
    );
  });

  it('reports bodies that are not JSON objects', () => {
    expect(decodeJson('')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: invalid JSON: body is empty (send {} for an empty request)]`,
    );
    expect(decodeJson('[1]')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: request body must be a JSON object, got an array]`,
    );
    expect(() => decodeTraceRequest(new Uint8Array([0x7b, 0xff, 0x7d]), 'json')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: invalid JSON: body is not valid UTF-8]`,
    );
  });

  it('names the exact location of a structural error', () => {
    expect(decodeJson('{"resourceSpans": {}}')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: resourceSpans must be an array, got an object]`,
    );
    expect(decodeJson('{"resourceSpans": [{"scopeSpans": "x"}]}')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: resourceSpans[0].scopeSpans must be an array, got string "x"]`,
    );
    expect(decodeJson('{"resourceSpans": [{"scopeSpans": [{"spans": [7]}]}]}')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: resourceSpans[0].scopeSpans[0].spans[0] must be an object, got number 7]`,
    );
    expect(() =>
      decodeTraceRequest(request([{ ...SPEC_SPAN, startTimeUnixNano: '-5' }]), 'json'),
    ).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano must be a non-negative integer (number or decimal string), got string "-5"]`,
    );
    expect(() =>
      decodeTraceRequest(request([{ ...SPEC_SPAN, attributes: { key: 'a' } }]), 'json'),
    ).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: resourceSpans[0].scopeSpans[0].spans[0].attributes must be an array, got an object]`,
    );
    expect(() => decodeTraceRequest(request([{ ...SPEC_SPAN, name: 5 }]), 'json')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: resourceSpans[0].scopeSpans[0].spans[0].name must be a string, got number 5]`,
    );
  });

  it('points out snake_case keys, which OTLP/JSON does not use', () => {
    expect(decodeJson('{"resource_spans": []}')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: OTLP/JSON keys are lowerCamelCase: send resourceSpans, not resource_spans]`,
    );
  });

  it('reports malformed protobuf', () => {
    const truncated = new Uint8Array([0x0a, 0x10, 0x01]);
    expect(() => decodeTraceRequest(truncated, 'protobuf')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: protobuf: index out of range]`,
    );
    const badWireType = new Uint8Array([0x0f]);
    expect(() => decodeTraceRequest(badWireType, 'protobuf')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: protobuf: invalid wire type 7 at offset 1]`,
    );
  });
});
