// ExportTraceServiceRequest (protobuf or OTLP/JSON) → OtlpSpan[]. Structure errors throw OtlpDecodeError; spans
// with bad ids are counted as rejected (OTLP partial success) and the rest are kept.
import { flattenKeyValues } from './any-value.ts';
import { decodeTracesDirect } from './decode-traces-direct.ts';
import { OtlpDecodeError } from './errors.ts';
import { arrayField, enumField, type Fields, objectField, stringField, timeField } from './fields.ts';
import type { OtlpFormat } from './format.ts';
import { opentelemetry } from './generated/otlp.gen.js';
import { type IdReading, readId } from './ids.ts';
import { decodeProtobufBody, parseJsonBody } from './parse-body.ts';
import { LOGS_ON_TRACES_HINT, looksLikeLogsProtobuf } from './payload-sniffing.ts';
import { RejectionCollector } from './rejections.ts';
import { readResource, readScope } from './resource-scope.ts';
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

export { OtlpDecodeError } from './errors.ts';

const { ExportTraceServiceRequest } = opentelemetry.proto.collector.trace.v1;

export function decodeTraceRequest(body: Uint8Array, format: OtlpFormat): DecodedTraces {
  if (format === 'protobuf') {
    // The common case in one pass over the bytes; anything unusual comes back undefined and takes the general path.
    const direct = decodeTracesDirect(body);
    if (direct !== undefined) return direct;
  }
  return decodeTraceRequestInGeneral(body, format);
}

/** The general decoder (protobufjs or JSON.parse, then one walk): any request, with every error message. */
export function decodeTraceRequestInGeneral(body: Uint8Array, format: OtlpFormat): DecodedTraces {
  const request = format === 'json' ? parseJsonTraces(body) : decodeProtobufTraces(body);
  const walk = walkTraceRequest(request);
  if (walk.spans.length === 0 && walk.total > 0 && walk.withoutAnyId === walk.total) {
    throw new OtlpDecodeError(`no span has a traceId or spanId: ${LOGS_ON_TRACES_HINT}`);
  }
  return { spans: walk.spans, rejected: walk.rejections.result() };
}

function parseJsonTraces(body: Uint8Array): Fields {
  const request = parseJsonBody(body);
  if (request.resourceSpans === undefined) {
    if (request.resourceLogs !== undefined) throw new OtlpDecodeError(`found resourceLogs: ${LOGS_ON_TRACES_HINT}`);
    if (request.resource_spans !== undefined) {
      throw new OtlpDecodeError('OTLP/JSON keys are lowerCamelCase: send resourceSpans, not resource_spans');
    }
  }
  return request;
}

function decodeProtobufTraces(body: Uint8Array): Fields {
  try {
    return decodeProtobufBody((bytes) => ExportTraceServiceRequest.decode(bytes), body) as unknown as Fields;
  } catch (error) {
    // Logs share field numbers with traces; a logs body often fails here on LogRecord.trace_id (field 9).
    if (error instanceof OtlpDecodeError && looksLikeLogsProtobuf(body)) {
      throw new OtlpDecodeError(`${error.message}; ${LOGS_ON_TRACES_HINT}`);
    }
    throw error;
  }
}

interface TraceWalk {
  spans: OtlpSpan[];
  rejections: RejectionCollector;
  total: number;
  withoutAnyId: number;
}

function walkTraceRequest(request: Fields): TraceWalk {
  const walk: TraceWalk = { spans: [], rejections: new RejectionCollector(), total: 0, withoutAnyId: 0 };
  const resourceSpansList = arrayField(request.resourceSpans, 'resourceSpans');
  for (let resourceIndex = 0; resourceIndex < resourceSpansList.length; resourceIndex++) {
    const resourcePath = `resourceSpans[${resourceIndex}]`;
    const resourceSpans = objectField(resourceSpansList[resourceIndex], resourcePath);
    if (resourceSpans === undefined) continue;
    const resource = readResource(resourceSpans.resource, `${resourcePath}.resource`);
    const scopeSpansList = arrayField(resourceSpans.scopeSpans, `${resourcePath}.scopeSpans`);
    for (let scopeIndex = 0; scopeIndex < scopeSpansList.length; scopeIndex++) {
      const scopePath = `${resourcePath}.scopeSpans[${scopeIndex}]`;
      const scopeSpans = objectField(scopeSpansList[scopeIndex], scopePath);
      if (scopeSpans === undefined) continue;
      const scope = readScope(scopeSpans.scope, `${scopePath}.scope`);
      const spans = arrayField(scopeSpans.spans, `${scopePath}.spans`);
      for (let spanIndex = 0; spanIndex < spans.length; spanIndex++) {
        walk.total++;
        readSpan(spans[spanIndex], `${scopePath}.spans[${spanIndex}]`, resource, scope, walk);
      }
    }
  }
  return walk;
}

function readSpan(value: unknown, path: string, resource: Attributes, scope: InstrumentationScope, walk: TraceWalk) {
  const span = objectField(value, path);
  if (span === undefined) {
    walk.rejections.add(`${path}: span is null`);
    return;
  }
  const traceId = readId(span.traceId, 16);
  const spanId = readId(span.spanId, 8);
  const parentSpanId = readId(span.parentSpanId, 8);
  const problem =
    idProblem('traceId', traceId) ??
    idProblem('spanId', spanId) ??
    (parentSpanId.kind === 'malformed' ? `parentSpanId ${parentSpanId.problem}` : undefined);
  if (problem !== undefined || traceId.kind !== 'valid' || spanId.kind !== 'valid') {
    if (traceId.kind === 'missing' && spanId.kind === 'missing') walk.withoutAnyId++;
    walk.rejections.add(`${path}: ${problem}`);
    return;
  }
  const status = objectField(span.status, `${path}.status`);
  walk.spans.push({
    traceId: traceId.hex,
    spanId: spanId.hex,
    parentSpanId: parentSpanId.kind === 'valid' ? parentSpanId.hex : '',
    name: stringField(span.name, `${path}.name`),
    kind: enumField(span.kind, SPAN_KINDS, 'SPAN_KIND_', `${path}.kind`),
    startTimeUnixUs: timeField(span.startTimeUnixNano, `${path}.startTimeUnixNano`),
    endTimeUnixUs: timeField(span.endTimeUnixNano, `${path}.endTimeUnixNano`),
    status: {
      code: enumField(status?.code, STATUS_CODES, 'STATUS_CODE_', `${path}.status.code`),
      message: stringField(status?.message, `${path}.status.message`),
    },
    attributes: flattenKeyValues(arrayField(span.attributes, `${path}.attributes`)),
    events: readEvents(span.events, `${path}.events`),
    links: readLinks(span.links, `${path}.links`),
    resource,
    scope,
  });
}

function idProblem(field: string, reading: IdReading): string | undefined {
  if (reading.kind === 'missing') return `${field} is missing`;
  if (reading.kind === 'zero') return `${field} is all zeros`;
  if (reading.kind === 'malformed') return `${field} ${reading.problem}`;
  return undefined;
}

function readEvents(value: unknown, path: string): OtlpEvent[] {
  const list = arrayField(value, path);
  const events: OtlpEvent[] = [];
  for (let index = 0; index < list.length; index++) {
    const eventPath = `${path}[${index}]`;
    const event = objectField(list[index], eventPath);
    if (event === undefined) continue;
    events.push({
      timeUnixUs: timeField(event.timeUnixNano, `${eventPath}.timeUnixNano`),
      name: stringField(event.name, `${eventPath}.name`),
      attributes: flattenKeyValues(arrayField(event.attributes, `${eventPath}.attributes`)),
    });
  }
  return events;
}

/** Links whose ids are not valid point nowhere; they are dropped without failing the span. */
function readLinks(value: unknown, path: string): OtlpLink[] {
  const list = arrayField(value, path);
  const links: OtlpLink[] = [];
  for (let index = 0; index < list.length; index++) {
    const linkPath = `${path}[${index}]`;
    const link = objectField(list[index], linkPath);
    if (link === undefined) continue;
    const traceId = readId(link.traceId, 16);
    const spanId = readId(link.spanId, 8);
    if (traceId.kind !== 'valid' || spanId.kind !== 'valid') continue;
    links.push({
      traceId: traceId.hex,
      spanId: spanId.hex,
      attributes: flattenKeyValues(arrayField(link.attributes, `${linkPath}.attributes`)),
    });
  }
  return links;
}
