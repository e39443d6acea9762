import { describe, expect, it } from 'vitest';
import { encodeErrorStatus, encodeLogsResponse, encodeTraceResponse } from './encode-response.ts';
import { google, opentelemetry } from './generated/otlp.gen.js';

const { ExportTraceServiceResponse } = opentelemetry.proto.collector.trace.v1;
const { ExportLogsServiceResponse } = opentelemetry.proto.collector.logs.v1;

function bytes(body: Uint8Array | string): Uint8Array {
  if (typeof body === 'string') throw new Error('expected a binary body');
  return body;
}

function text(body: Uint8Array | string): string {
  if (typeof body !== 'string') throw new Error('expected a text body');
  return body;
}

describe('encodeTraceResponse', () => {
  it('encodes full success as an empty message', () => {
    const protobuf = encodeTraceResponse('protobuf', { rejectedSpans: 0, errorMessage: '' });
    expect(protobuf.contentType).toBe('application/x-protobuf');
    expect(bytes(protobuf.body)).toHaveLength(0);
    expect(ExportTraceServiceResponse.decode(bytes(protobuf.body)).partialSuccess).toBeNull();
    const json = encodeTraceResponse('json', { rejectedSpans: 0, errorMessage: '' });
    expect(json).toEqual({ body: '{}', contentType: 'application/json' });
  });

  it('encodes partial success that decodes back with the generated code', () => {
    const partial = { rejectedSpans: 3, errorMessage: 'spans[1]: traceId is all zeros' };
    const decoded = ExportTraceServiceResponse.decode(bytes(encodeTraceResponse('protobuf', partial).body));
    expect(decoded.partialSuccess?.rejectedSpans?.toString()).toBe('3');
    expect(decoded.partialSuccess?.errorMessage).toBe(partial.errorMessage);
    const json = JSON.parse(text(encodeTraceResponse('json', partial).body));
    expect(json).toEqual({ partialSuccess: { rejectedSpans: '3', errorMessage: partial.errorMessage } });
    expect(ExportTraceServiceResponse.fromObject(json).partialSuccess?.rejectedSpans?.toString()).toBe('3');
  });

  it('keeps a warning message even when nothing was rejected', () => {
    const json = JSON.parse(text(encodeTraceResponse('json', { rejectedSpans: 0, errorMessage: 'slow down' }).body));
    expect(json).toEqual({ partialSuccess: { rejectedSpans: '0', errorMessage: 'slow down' } });
  });
});

describe('encodeLogsResponse', () => {
  it('encodes success and partial success in both formats', () => {
    expect(bytes(encodeLogsResponse('protobuf', { rejectedLogRecords: 0, errorMessage: '' }).body)).toHaveLength(0);
    expect(encodeLogsResponse('json', { rejectedLogRecords: 0, errorMessage: '' }).body).toBe('{}');
    const partial = { rejectedLogRecords: 2, errorMessage: 'two bad records' };
    const decoded = ExportLogsServiceResponse.decode(bytes(encodeLogsResponse('protobuf', partial).body));
    expect(decoded.partialSuccess?.rejectedLogRecords?.toString()).toBe('2');
    expect(decoded.partialSuccess?.errorMessage).toBe('two bad records');
    expect(JSON.parse(text(encodeLogsResponse('json', partial).body))).toEqual({
      partialSuccess: { rejectedLogRecords: '2', errorMessage: 'two bad records' },
    });
  });
});

describe('encodeErrorStatus', () => {
  it('encodes google.rpc.Status in both formats', () => {
    const status = { code: 3, message: 'resourceSpans must be an array' };
    const protobuf = encodeErrorStatus('protobuf', status);
    expect(protobuf.contentType).toBe('application/x-protobuf');
    const decoded = google.rpc.Status.decode(bytes(protobuf.body));
    expect({ code: decoded.code, message: decoded.message }).toEqual(status);
    const json = encodeErrorStatus('json', status);
    expect(json.contentType).toBe('application/json');
    expect(JSON.parse(text(json.body))).toEqual(status);
  });
});
