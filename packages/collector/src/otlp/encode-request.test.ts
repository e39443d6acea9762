import { describe, expect, it } from 'vitest';
import { decodeLogsRequest } from './decode-logs.ts';
import { decodeTraceRequest } from './decode-traces.ts';
import { encodeLogsRequest, encodeTraceRequest } from './encode-request.ts';
import { opentelemetry } from './generated/otlp.gen.js';
import type { OtlpLogRecord, OtlpSpan } from './types.ts';

const CHAT_SERVICE = { 'service.name': 'chat', 'service.instance.id': 'pod-1' };
const RAG_SERVICE = { 'service.name': 'rag' };

function span(overrides: Partial<OtlpSpan>): OtlpSpan {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    parentSpanId: '',
    name: 'chat gpt-4o',
    kind: 'CLIENT',
    startTimeUnixUs: 1_735_787_045_123_456,
    endTimeUnixUs: 1_735_787_046_000_001,
    status: { code: 'UNSET', message: '' },
    attributes: {},
    events: [],
    links: [],
    resource: CHAT_SERVICE,
    scope: { name: 'openai-instrumentation', version: '1.2.0' },
    ...overrides,
  };
}

const SPANS: OtlpSpan[] = [
  span({
    attributes: {
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.request.temperature': 0.5,
      'gen_ai.request.stream': true,
      'gen_ai.input.messages': [{ role: 'user', parts: [{ type: 'text', content: 'hi' }] }],
      'test.null': null,
    },
    events: [{ timeUnixUs: 1_735_787_045_500_000, name: 'first-token', attributes: { index: 0 } }],
    status: { code: 'ERROR', message: 'boom' },
  }),
  span({
    spanId: 'b7ad6b7169203332',
    parentSpanId: 'b7ad6b7169203331',
    kind: 'INTERNAL',
    name: 'tool lookup',
    links: [{ traceId: '1af7651916cd43dd8448eb211c80319c', spanId: 'c7ad6b7169203331', attributes: { why: 'retry' } }],
  }),
  span({ spanId: 'b7ad6b7169203333', scope: { name: 'langchain', version: '' }, kind: 'SERVER' }),
  span({ spanId: 'b7ad6b7169203334', resource: RAG_SERVICE, kind: 'PRODUCER', status: { code: 'OK', message: '' } }),
];

describe.each(['protobuf', 'json'] as const)('encodeTraceRequest (%s)', (format) => {
  it('round-trips through decodeTraceRequest unchanged', () => {
    const body = encodeTraceRequest(SPANS, format);
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const decoded = decodeTraceRequest(bytes, format);
    expect(decoded.rejected.count).toBe(0);
    expect(decoded.spans).toEqual(SPANS);
  });
});

describe('encodeTraceRequest grouping', () => {
  it('groups spans by resource, then by scope, as an SDK exporter does', () => {
    const request = opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest.decode(
      encodeTraceRequest(SPANS, 'protobuf'),
    );
    const shape = request.resourceSpans.map((resourceSpans) =>
      (resourceSpans.scopeSpans ?? []).map((scopeSpans) => [scopeSpans.scope?.name, scopeSpans.spans?.length]),
    );
    expect(shape).toEqual([
      [
        ['openai-instrumentation', 2],
        ['langchain', 1],
      ],
      [['openai-instrumentation', 1]],
    ]);
  });

  it('writes OTLP/JSON with hex ids and int64 as strings', () => {
    const request = JSON.parse(encodeTraceRequest([SPANS[0] as OtlpSpan], 'json'));
    const encoded = request.resourceSpans[0].scopeSpans[0].spans[0];
    expect(encoded.traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(encoded.startTimeUnixNano).toBe('1735787045123456000');
    expect(encoded.kind).toBe(3);
    expect(encoded.attributes[1]).toEqual({ key: 'gen_ai.usage.input_tokens', value: { intValue: '100' } });
  });
});

const RECORDS: OtlpLogRecord[] = [
  {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    timeUnixUs: 1_735_787_045_123_456,
    eventName: 'gen_ai.choice',
    severityText: 'INFO',
    body: { index: 0, message: { role: 'assistant', content: 'ok' } },
    attributes: { 'gen_ai.system': 'openai' },
    resource: CHAT_SERVICE,
    scope: { name: 'openai-instrumentation', version: '1.2.0' },
  },
  {
    traceId: '',
    spanId: '',
    timeUnixUs: 1_735_787_045_200_000,
    eventName: '',
    severityText: '',
    body: null,
    attributes: {},
    resource: RAG_SERVICE,
    scope: { name: 'app', version: '' },
  },
];

describe.each(['protobuf', 'json'] as const)('encodeLogsRequest (%s)', (format) => {
  it('round-trips through decodeLogsRequest unchanged', () => {
    const body = encodeLogsRequest(RECORDS, format);
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    expect(decodeLogsRequest(bytes, format).records).toEqual(RECORDS);
  });
});
