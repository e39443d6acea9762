// ExportLogsServiceRequest (protobuf or OTLP/JSON) → OtlpLogRecord[]. Log records need not belong to a span, so
// missing or malformed ids become '' instead of rejections.
import { flattenAnyValue, flattenKeyValues } from './any-value.ts';
import { OtlpDecodeError } from './errors.ts';
import { arrayField, type Fields, objectField, stringField, timeField } from './fields.ts';
import type { OtlpFormat } from './format.ts';
import { opentelemetry } from './generated/otlp.gen.js';
import { readOptionalId } from './ids.ts';
import { decodeProtobufBody, parseJsonBody } from './parse-body.ts';
import { looksLikeTracesProtobuf, TRACES_ON_LOGS_HINT } from './payload-sniffing.ts';
import { readResource, readScope } from './resource-scope.ts';
import type { Attributes, DecodedLogs, InstrumentationScope, OtlpLogRecord } from './types.ts';

export { OtlpDecodeError } from './errors.ts';

const { ExportLogsServiceRequest } = opentelemetry.proto.collector.logs.v1;

/** The attribute older semantic conventions used before LogRecord.event_name existed (proto v1.5). */
export const EVENT_NAME_ATTRIBUTE = 'event.name';

export function decodeLogsRequest(body: Uint8Array, format: OtlpFormat): DecodedLogs {
  const request = format === 'json' ? parseJsonLogs(body) : decodeProtobufLogs(body);
  const records: OtlpLogRecord[] = [];
  const resourceLogsList = arrayField(request.resourceLogs, 'resourceLogs');
  for (let resourceIndex = 0; resourceIndex < resourceLogsList.length; resourceIndex++) {
    const resourcePath = `resourceLogs[${resourceIndex}]`;
    const resourceLogs = objectField(resourceLogsList[resourceIndex], resourcePath);
    if (resourceLogs === undefined) continue;
    const resource = readResource(resourceLogs.resource, `${resourcePath}.resource`);
    const scopeLogsList = arrayField(resourceLogs.scopeLogs, `${resourcePath}.scopeLogs`);
    for (let scopeIndex = 0; scopeIndex < scopeLogsList.length; scopeIndex++) {
      const scopePath = `${resourcePath}.scopeLogs[${scopeIndex}]`;
      const scopeLogs = objectField(scopeLogsList[scopeIndex], scopePath);
      if (scopeLogs === undefined) continue;
      const scope = readScope(scopeLogs.scope, `${scopePath}.scope`);
      const logRecords = arrayField(scopeLogs.logRecords, `${scopePath}.logRecords`);
      for (let recordIndex = 0; recordIndex < logRecords.length; recordIndex++) {
        const record = readLogRecord(
          logRecords[recordIndex],
          `${scopePath}.logRecords[${recordIndex}]`,
          resource,
          scope,
        );
        if (record !== undefined) records.push(record);
      }
    }
  }
  return { records, rejected: { count: 0, reasons: [] } };
}

function parseJsonLogs(body: Uint8Array): Fields {
  const request = parseJsonBody(body);
  if (request.resourceLogs === undefined) {
    if (request.resourceSpans !== undefined) throw new OtlpDecodeError(`found resourceSpans: ${TRACES_ON_LOGS_HINT}`);
    if (request.resource_logs !== undefined) {
      throw new OtlpDecodeError('OTLP/JSON keys are lowerCamelCase: send resourceLogs, not resource_logs');
    }
  }
  return request;
}

function decodeProtobufLogs(body: Uint8Array): Fields {
  let request: Fields;
  try {
    request = decodeProtobufBody((bytes) => ExportLogsServiceRequest.decode(bytes), body) as unknown as Fields;
  } catch (error) {
    if (error instanceof OtlpDecodeError && looksLikeTracesProtobuf(body)) {
      throw new OtlpDecodeError(`${error.message}; ${TRACES_ON_LOGS_HINT}`);
    }
    throw error;
  }
  if (hasOnlyUntimedRecords(request) && looksLikeTracesProtobuf(body)) {
    throw new OtlpDecodeError(`no log record has a timestamp: ${TRACES_ON_LOGS_HINT}`);
  }
  return request;
}

function readLogRecord(
  value: unknown,
  path: string,
  resource: Attributes,
  scope: InstrumentationScope,
): OtlpLogRecord | undefined {
  const record = objectField(value, path);
  if (record === undefined) return undefined;
  const attributes = flattenKeyValues(arrayField(record.attributes, `${path}.attributes`));
  const timeUnixUs = timeField(record.timeUnixNano, `${path}.timeUnixNano`);
  const eventNameField = stringField(record.eventName, `${path}.eventName`);
  const eventNameAttribute = attributes[EVENT_NAME_ATTRIBUTE];
  const traceId = readOptionalId(record.traceId, 16);
  return {
    traceId,
    // A span id means nothing without the trace it belongs to.
    spanId: traceId === '' ? '' : readOptionalId(record.spanId, 8),
    // time_unix_nano is optional; the observed time is the spec's fallback.
    timeUnixUs: timeUnixUs || timeField(record.observedTimeUnixNano, `${path}.observedTimeUnixNano`),
    eventName: eventNameField || (typeof eventNameAttribute === 'string' ? eventNameAttribute : ''),
    severityText: stringField(record.severityText, `${path}.severityText`),
    body: flattenAnyValue(record.body),
    attributes,
    resource,
    scope,
  };
}

function hasOnlyUntimedRecords(request: Fields): boolean {
  let records = 0;
  for (const resourceLogs of request.resourceLogs as Fields[]) {
    for (const scopeLogs of (resourceLogs.scopeLogs ?? []) as Fields[]) {
      for (const record of (scopeLogs.logRecords ?? []) as Fields[]) {
        const timed = timeField(record.timeUnixNano, '') > 0 || timeField(record.observedTimeUnixNano, '') > 0;
        if (timed) return false;
        records++;
      }
    }
  }
  return records > 0;
}
