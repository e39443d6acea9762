// Export responses (success / partial success) and google.rpc.Status error bodies in both OTLP encodings.
import { CONTENT_TYPES, type OtlpFormat } from './format.ts';
import { google, opentelemetry } from './generated/otlp.gen.js';

const { ExportTraceServiceResponse } = opentelemetry.proto.collector.trace.v1;
const { ExportLogsServiceResponse } = opentelemetry.proto.collector.logs.v1;
const { Status } = google.rpc;

export interface EncodedBody {
  body: Uint8Array | string;
  contentType: string;
}

export interface TracePartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

export interface LogsPartialSuccess {
  rejectedLogRecords: number;
  errorMessage: string;
}

export interface ErrorStatus {
  /** A google.rpc.Code, e.g. 3 INVALID_ARGUMENT for a 400. */
  code: number;
  message: string;
}

/** ExportTraceServiceResponse; partial_success is left out when nothing was rejected and there is no warning. */
export function encodeTraceResponse(format: OtlpFormat, partial: TracePartialSuccess): EncodedBody {
  const hasPartial = partial.rejectedSpans > 0 || partial.errorMessage !== '';
  if (format === 'json') {
    const response = hasPartial
      ? {
          partialSuccess: {
            // OTLP/JSON writes int64 as a decimal string.
            rejectedSpans: String(partial.rejectedSpans),
            errorMessage: partial.errorMessage,
          },
        }
      : {};
    return { body: JSON.stringify(response), contentType: CONTENT_TYPES.json };
  }
  const response = hasPartial
    ? { partialSuccess: { rejectedSpans: partial.rejectedSpans, errorMessage: partial.errorMessage } }
    : {};
  return { body: ExportTraceServiceResponse.encode(response).finish(), contentType: CONTENT_TYPES.protobuf };
}

/** ExportLogsServiceResponse; partial_success is left out when nothing was rejected and there is no warning. */
export function encodeLogsResponse(format: OtlpFormat, partial: LogsPartialSuccess): EncodedBody {
  const hasPartial = partial.rejectedLogRecords > 0 || partial.errorMessage !== '';
  if (format === 'json') {
    const response = hasPartial
      ? {
          partialSuccess: {
            rejectedLogRecords: String(partial.rejectedLogRecords),
            errorMessage: partial.errorMessage,
          },
        }
      : {};
    return { body: JSON.stringify(response), contentType: CONTENT_TYPES.json };
  }
  const response = hasPartial
    ? { partialSuccess: { rejectedLogRecords: partial.rejectedLogRecords, errorMessage: partial.errorMessage } }
    : {};
  return { body: ExportLogsServiceResponse.encode(response).finish(), contentType: CONTENT_TYPES.protobuf };
}

/** google.rpc.Status body for 4xx/5xx answers, in the format the client sent. */
export function encodeErrorStatus(format: OtlpFormat, status: ErrorStatus): EncodedBody {
  if (format === 'json') {
    return { body: JSON.stringify({ code: status.code, message: status.message }), contentType: CONTENT_TYPES.json };
  }
  return {
    body: Status.encode({ code: status.code, message: status.message }).finish(),
    contentType: CONTENT_TYPES.protobuf,
  };
}
