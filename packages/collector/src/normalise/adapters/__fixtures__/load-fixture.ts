// Loads the recorded span fixtures beside this file into the decoder's OtlpSpan / OtlpLogRecord shapes.
import { readFileSync } from 'node:fs';
import { decodeLogsRequest } from '../../../otlp/decode-logs.ts';
import { decodeTraceRequest } from '../../../otlp/decode-traces.ts';
import type { AttributeValue, Attributes, OtlpLogRecord, OtlpSpan, SpanKind, StatusCode } from '../../../otlp/types.ts';

interface FixtureSpan {
  name: string;
  kind?: SpanKind;
  scope: { name: string; version: string };
  status?: { code: StatusCode; message: string };
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  startTimeUnixUs?: number;
  endTimeUnixUs?: number;
  attributes: Attributes;
  events?: Array<{ name: string; timeUnixUs?: number; attributes: Attributes }>;
  resource?: Attributes;
}

interface FixtureLog {
  eventName: string;
  timeUnixUs?: number;
  body?: AttributeValue;
  attributes?: Attributes;
  traceId?: string;
  spanId?: string;
  scope?: { name: string; version: string };
}

interface Fixture {
  /** Where the attributes come from: the package, version and source files they were built from. */
  source: string;
  spans?: FixtureSpan[];
  logs?: FixtureLog[];
}

export const FIXTURE_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
/** 2026-03-02T10:00:00Z, so span times are stable across runs. */
export const FIXTURE_START_US = 1_772_445_600_000_000;
export const FIXTURE_RESOURCE: Attributes = { 'service.name': 'fixture-app', 'deployment.environment.name': 'test' };

export function fixtureSpanId(index: number): string {
  return (index + 1).toString(16).padStart(16, '0');
}

export function loadFixture(file: string): Fixture {
  return JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')) as Fixture;
}

/** Every span of a fixture; ids and times the fixture leaves out get stable defaults. */
export function fixtureSpans(file: string): OtlpSpan[] {
  return (loadFixture(file).spans ?? []).map((span, index) => {
    const start = span.startTimeUnixUs ?? FIXTURE_START_US + index * 2_000_000;
    return {
      traceId: span.traceId ?? FIXTURE_TRACE_ID,
      spanId: span.spanId ?? fixtureSpanId(index),
      parentSpanId: span.parentSpanId ?? '',
      name: span.name,
      kind: span.kind ?? 'CLIENT',
      startTimeUnixUs: start,
      endTimeUnixUs: span.endTimeUnixUs ?? start + 1_500_000,
      status: span.status ?? { code: 'UNSET', message: '' },
      attributes: span.attributes,
      events: (span.events ?? []).map((event, eventIndex) => ({
        name: event.name,
        timeUnixUs: event.timeUnixUs ?? start + eventIndex,
        attributes: event.attributes,
      })),
      links: [],
      resource: span.resource ?? FIXTURE_RESOURCE,
      scope: span.scope,
    };
  });
}

export function fixtureSpan(file: string, index = 0): OtlpSpan {
  const span = fixtureSpans(file)[index];
  if (!span) throw new Error(`${file} has no span ${index}`);
  return span;
}

export function fixtureLogs(file: string): OtlpLogRecord[] {
  return (loadFixture(file).logs ?? []).map((log, index) => ({
    traceId: log.traceId ?? FIXTURE_TRACE_ID,
    spanId: log.spanId ?? fixtureSpanId(0),
    timeUnixUs: log.timeUnixUs ?? FIXTURE_START_US + index * 1000,
    eventName: log.eventName,
    severityText: 'INFO',
    body: log.body ?? null,
    attributes: log.attributes ?? {},
    resource: FIXTURE_RESOURCE,
    scope: log.scope ?? { name: '', version: '' },
  }));
}

/** The OTLP/JSON request body of a real third-party payload in normalise/__fixtures__/interop/. */
function interopBody(file: string): Uint8Array {
  const fixture = JSON.parse(readFileSync(new URL(`../../__fixtures__/interop/${file}`, import.meta.url), 'utf8')) as {
    body: unknown;
  };
  return new TextEncoder().encode(JSON.stringify(fixture.body));
}

/** The spans of an interop payload, decoded as the collector decodes them. */
export function interopSpans(file: string): OtlpSpan[] {
  return decodeTraceRequest(interopBody(file), 'json').spans;
}

export function interopSpan(file: string, name: string, index = 0): OtlpSpan {
  const span = interopSpans(file).filter((candidate) => candidate.name === name)[index];
  if (!span) throw new Error(`${file} has no span ${name} #${index}`);
  return span;
}

/** The log records of an interop payload, decoded as the collector decodes them. */
export function interopLogs(file: string): OtlpLogRecord[] {
  return decodeLogsRequest(interopBody(file), 'json').records;
}
