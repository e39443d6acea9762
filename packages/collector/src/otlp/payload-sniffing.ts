// OTLP traces and logs share field numbers, so a body posted to the wrong endpoint can decode (or fail) in
// confusing ways. These checks let the decoders say what actually happened.
import { opentelemetry } from './generated/otlp.gen.js';
import { isLong } from './int64.ts';

const { ExportTraceServiceRequest } = opentelemetry.proto.collector.trace.v1;
const { ExportLogsServiceRequest } = opentelemetry.proto.collector.logs.v1;

export const LOGS_ON_TRACES_HINT = 'this looks like an OTLP logs payload; send it to /v1/logs';
export const TRACES_ON_LOGS_HINT = 'this looks like an OTLP traces payload; send it to /v1/traces';

/** True when the body decodes as logs and every record carries a timestamp, as SDK-produced logs do. */
export function looksLikeLogsProtobuf(body: Uint8Array): boolean {
  try {
    const request = ExportLogsServiceRequest.decode(body);
    let records = 0;
    for (const resourceLogs of request.resourceLogs) {
      for (const scopeLogs of resourceLogs.scopeLogs ?? []) {
        for (const record of scopeLogs.logRecords ?? []) {
          if (!isNonZero(record.timeUnixNano) && !isNonZero(record.observedTimeUnixNano)) return false;
          records++;
        }
      }
    }
    return records > 0;
  } catch {
    return false;
  }
}

/** True when the body decodes as traces and every span has well-formed ids. */
export function looksLikeTracesProtobuf(body: Uint8Array): boolean {
  try {
    const request = ExportTraceServiceRequest.decode(body);
    let spans = 0;
    for (const resourceSpans of request.resourceSpans) {
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        for (const span of scopeSpans.spans ?? []) {
          if (span.traceId?.length !== 16 || span.spanId?.length !== 8) return false;
          spans++;
        }
      }
    }
    return spans > 0;
  } catch {
    return false;
  }
}

function isNonZero(value: unknown): boolean {
  if (isLong(value)) return value.low !== 0 || value.high !== 0;
  return typeof value === 'number' && value !== 0;
}
