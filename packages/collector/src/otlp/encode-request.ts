// OtlpSpan[] / OtlpLogRecord[] → ExportTraceServiceRequest / ExportLogsServiceRequest, grouped by resource and
// scope as an SDK would send them. Used by tests, fixtures and the ingest benchmark.
import { toKeyValues } from './encode-any-value.ts';
import type { OtlpFormat } from './format.ts';
import { opentelemetry } from './generated/otlp.gen.js';
import { hexToBytes } from './ids.ts';
import { microsToNanosString } from './int64.ts';
import {
  type Attributes,
  type InstrumentationScope,
  type OtlpLogRecord,
  type OtlpSpan,
  SPAN_KINDS,
  STATUS_CODES,
} from './types.ts';

const { ExportTraceServiceRequest } = opentelemetry.proto.collector.trace.v1;
const { ExportLogsServiceRequest } = opentelemetry.proto.collector.logs.v1;
type TraceRequestProperties = opentelemetry.proto.collector.trace.v1.IExportTraceServiceRequest;
type LogsRequestProperties = opentelemetry.proto.collector.logs.v1.IExportLogsServiceRequest;

export function encodeTraceRequest(spans: readonly OtlpSpan[], format: 'protobuf'): Uint8Array;
export function encodeTraceRequest(spans: readonly OtlpSpan[], format: 'json'): string;
export function encodeTraceRequest(spans: readonly OtlpSpan[], format: OtlpFormat): Uint8Array | string;
export function encodeTraceRequest(spans: readonly OtlpSpan[], format: OtlpFormat): Uint8Array | string {
  const resourceSpans = groupByResourceAndScope(spans).map((group) => ({
    resource: { attributes: toKeyValues(group.resource, format) },
    scopeSpans: group.scopes.map((scopeGroup) => ({
      scope: scopeGroup.scope,
      spans: scopeGroup.items.map((span) => spanTree(span, format)),
    })),
  }));
  const request = { resourceSpans };
  if (format === 'json') return JSON.stringify(request);
  // The writer takes decimal strings for 64-bit fields; the generated types only name Long and number.
  return ExportTraceServiceRequest.encode(request as unknown as TraceRequestProperties).finish();
}

export function encodeLogsRequest(records: readonly OtlpLogRecord[], format: 'protobuf'): Uint8Array;
export function encodeLogsRequest(records: readonly OtlpLogRecord[], format: 'json'): string;
export function encodeLogsRequest(records: readonly OtlpLogRecord[], format: OtlpFormat): Uint8Array | string;
export function encodeLogsRequest(records: readonly OtlpLogRecord[], format: OtlpFormat): Uint8Array | string {
  const resourceLogs = groupByResourceAndScope(records).map((group) => ({
    resource: { attributes: toKeyValues(group.resource, format) },
    scopeLogs: group.scopes.map((scopeGroup) => ({
      scope: scopeGroup.scope,
      logRecords: scopeGroup.items.map((record) => logRecordTree(record, format)),
    })),
  }));
  const request = { resourceLogs };
  if (format === 'json') return JSON.stringify(request);
  return ExportLogsServiceRequest.encode(request as unknown as LogsRequestProperties).finish();
}

function spanTree(span: OtlpSpan, format: OtlpFormat) {
  return {
    traceId: idTree(span.traceId, format),
    spanId: idTree(span.spanId, format),
    ...(span.parentSpanId === '' ? {} : { parentSpanId: idTree(span.parentSpanId, format) }),
    name: span.name,
    kind: SPAN_KINDS.indexOf(span.kind),
    startTimeUnixNano: microsToNanosString(span.startTimeUnixUs),
    endTimeUnixNano: microsToNanosString(span.endTimeUnixUs),
    attributes: toKeyValues(span.attributes, format),
    events: span.events.map((event) => ({
      timeUnixNano: microsToNanosString(event.timeUnixUs),
      name: event.name,
      attributes: toKeyValues(event.attributes, format),
    })),
    links: span.links.map((link) => ({
      traceId: idTree(link.traceId, format),
      spanId: idTree(link.spanId, format),
      attributes: toKeyValues(link.attributes, format),
    })),
    status: { code: STATUS_CODES.indexOf(span.status.code), message: span.status.message },
  };
}

function logRecordTree(record: OtlpLogRecord, format: OtlpFormat) {
  const time = microsToNanosString(record.timeUnixUs);
  return {
    timeUnixNano: time,
    observedTimeUnixNano: time,
    ...(record.traceId === '' ? {} : { traceId: idTree(record.traceId, format) }),
    ...(record.spanId === '' ? {} : { spanId: idTree(record.spanId, format) }),
    ...(record.eventName === '' ? {} : { eventName: record.eventName }),
    severityText: record.severityText,
    ...(record.body === null ? {} : { body: toKeyValues({ body: record.body }, format)[0]?.value }),
    attributes: toKeyValues(record.attributes, format),
  };
}

/** Ids are raw bytes in protobuf and hex in OTLP/JSON. */
function idTree(hex: string, format: OtlpFormat): Uint8Array | string {
  return format === 'json' ? hex : hexToBytes(hex);
}

interface ResourceGroup<Item> {
  resource: Attributes;
  scopes: { scope: InstrumentationScope; items: Item[] }[];
}

function groupByResourceAndScope<Item extends { resource: Attributes; scope: InstrumentationScope }>(
  items: readonly Item[],
): ResourceGroup<Item>[] {
  const groups = new Map<string, ResourceGroup<Item> & { scopeIndex: Map<string, Item[]> }>();
  for (const item of items) {
    const resourceKey = JSON.stringify(item.resource);
    let group = groups.get(resourceKey);
    if (group === undefined) {
      group = { resource: item.resource, scopes: [], scopeIndex: new Map() };
      groups.set(resourceKey, group);
    }
    const scopeKey = `${item.scope.name}\u0000${item.scope.version}`;
    let scopeItems = group.scopeIndex.get(scopeKey);
    if (scopeItems === undefined) {
      scopeItems = [];
      group.scopeIndex.set(scopeKey, scopeItems);
      group.scopes.push({ scope: item.scope, items: scopeItems });
    }
    scopeItems.push(item);
  }
  return [...groups.values()].map(({ resource, scopes }) => ({ resource, scopes }));
}
