import { beforeAll, describe, expect, it } from 'vitest';
import { decodeTraceRequest, OtlpDecodeError } from './decode-traces.ts';
import { encodeLogsRequest } from './encode-request.ts';
import { opentelemetry } from './generated/otlp.gen.js';
import {
  CHAT_ATTRIBUTES,
  RESOURCE_ATTRIBUTES,
  type RecordedTraces,
  recordLogs,
  recordTraces,
  SCOPE,
  START_MICROS,
  serialiseTraces,
} from './test-support/sdk-payloads.ts';
import type { OtlpLogRecord, OtlpSpan } from './types.ts';

const FORMATS = ['protobuf', 'json'] as const;

function bySpanName(spans: OtlpSpan[], name: string): OtlpSpan {
  const span = spans.find((candidate) => candidate.name === name);
  if (!span) throw new Error(`no span named ${name}`);
  return span;
}

describe.each(FORMATS)('decodeTraceRequest with OpenTelemetry JS SDK output (%s)', (format) => {
  let recorded: RecordedTraces;
  let decoded: ReturnType<typeof decodeTraceRequest>;

  beforeAll(async () => {
    recorded = await recordTraces();
    decoded = decodeTraceRequest(serialiseTraces(recorded.spans, format), format);
  });

  it('decodes every span with nothing rejected', () => {
    expect(decoded.rejected).toEqual({ count: 0, reasons: [] });
    expect(decoded.spans.map((span) => span.name).sort()).toEqual([
      'chat gpt-4o-mini',
      'invoke_agent support',
      'previous turn',
    ]);
  });

  it('keeps ids, parentage, kind, times and status', () => {
    const root = bySpanName(decoded.spans, 'invoke_agent support');
    const child = bySpanName(decoded.spans, 'chat gpt-4o-mini');
    expect(root.traceId).toBe(recorded.root.spanContext().traceId);
    expect(root.spanId).toBe(recorded.root.spanContext().spanId);
    expect(root.parentSpanId).toBe('');
    expect(root.kind).toBe('SERVER');
    expect(root.status).toEqual({ code: 'OK', message: '' });
    expect(child.traceId).toBe(root.traceId);
    expect(child.spanId).toBe(recorded.child.spanContext().spanId);
    expect(child.parentSpanId).toBe(root.spanId);
    expect(child.kind).toBe('CLIENT');
    expect(child.status).toEqual({ code: 'ERROR', message: 'rate limited (429)' });
    expect(child.startTimeUnixUs).toBe(START_MICROS);
    expect(child.endTimeUnixUs).toBe(1_735_787_047_500_000);
  });

  it('flattens strings, ints, doubles, bools and arrays of each', () => {
    const child = bySpanName(decoded.spans, 'chat gpt-4o-mini');
    expect(child.attributes).toEqual(CHAT_ATTRIBUTES);
    expect(child.attributes['gen_ai.request.temperature']).toBe(0.7);
    expect(child.attributes['test.large_int']).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('keeps events and links with their attributes', () => {
    const child = bySpanName(decoded.spans, 'chat gpt-4o-mini');
    const linked = bySpanName(decoded.spans, 'previous turn');
    expect(child.events).toEqual([
      {
        timeUnixUs: 1_735_787_046_000_001,
        name: 'gen_ai.content.prompt',
        attributes: { 'gen_ai.prompt': 'Hello?', 'test.event_int': 7 },
      },
    ]);
    expect(child.links).toEqual([
      {
        traceId: linked.traceId,
        spanId: linked.spanId,
        attributes: { 'link.reason': 'follows-from', 'link.turn': 3 },
      },
    ]);
  });

  it('attaches resource and scope to every span', () => {
    for (const span of decoded.spans) {
      expect(span.resource).toEqual(RESOURCE_ATTRIBUTES);
      expect(span.scope).toEqual(SCOPE);
    }
  });
});

describe('decodeTraceRequest with logs sent to the traces endpoint', () => {
  it('explains a protobuf logs payload (records tied to spans)', async () => {
    const { body } = await recordLogs('protobuf');
    expect(() => decodeTraceRequest(body, 'protobuf')).toThrow(/send it to \/v1\/logs/);
  });

  it('explains a protobuf logs payload with structured bodies and no trace context', async () => {
    const { body } = await recordLogs('protobuf');
    expect(() => decodeTraceRequest(stripLogIds(body), 'protobuf')).toThrow(/send it to \/v1\/logs/);
  });

  it('explains a logs payload that decodes as spans without ids', () => {
    const record: OtlpLogRecord = {
      traceId: '',
      spanId: '',
      timeUnixUs: START_MICROS,
      eventName: '',
      severityText: 'INFO',
      body: 'user signed in',
      attributes: {},
      resource: RESOURCE_ATTRIBUTES,
      scope: SCOPE,
    };
    const body = encodeLogsRequest([record, { ...record, body: 'user signed out' }], 'protobuf');
    expect(() => decodeTraceRequest(body, 'protobuf')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: no span has a traceId or spanId: this looks like an OTLP logs payload; send it to /v1/logs]`,
    );
  });

  it('explains an OTLP/JSON logs payload', async () => {
    const { body } = await recordLogs('json');
    expect(() => decodeTraceRequest(body, 'json')).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: found resourceLogs: this looks like an OTLP logs payload; send it to /v1/logs]`,
    );
  });
});

describe('decodeTraceRequest on empty requests', () => {
  it.each(FORMATS)('returns no spans for an empty %s request', (format) => {
    const body = format === 'json' ? new TextEncoder().encode('{}') : new Uint8Array(0);
    expect(decodeTraceRequest(body, format)).toEqual({ spans: [], rejected: { count: 0, reasons: [] } });
  });

  it('returns no spans for resourceSpans without spans', () => {
    const body = new TextEncoder().encode('{"resourceSpans":[{"scopeSpans":[{"spans":[]}]}]}');
    expect(decodeTraceRequest(body, 'json').spans).toEqual([]);
  });

  it('throws OtlpDecodeError (an Error) for a non-object body', () => {
    const error = captureError(() => decodeTraceRequest(new TextEncoder().encode('[]'), 'json'));
    expect(error).toBeInstanceOf(OtlpDecodeError);
    expect(error).toBeInstanceOf(Error);
  });
});

/** Re-encodes the SDK's logs payload with ids removed, as a log shipper without trace context sends it. */
function stripLogIds(body: Uint8Array): Uint8Array {
  const { ExportLogsServiceRequest } = opentelemetry.proto.collector.logs.v1;
  const request = ExportLogsServiceRequest.decode(body);
  for (const resourceLogs of request.resourceLogs) {
    for (const scopeLogs of resourceLogs.scopeLogs ?? []) {
      for (const record of scopeLogs.logRecords ?? []) {
        record.traceId = new Uint8Array(0);
        record.spanId = new Uint8Array(0);
      }
    }
  }
  return ExportLogsServiceRequest.encode(request).finish();
}

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}
