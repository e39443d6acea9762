// Real OpenTelemetry JS SDK output for decoder tests: spans and log records recorded in memory, then serialised
// by @opentelemetry/otlp-transformer exactly as the OTLP exporters send them.
import { context, type Link, SeverityNumber, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  JsonLogsSerializer,
  JsonTraceSerializer,
  ProtobufLogsSerializer,
  ProtobufTraceSerializer,
} from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

export const RESOURCE_ATTRIBUTES = {
  'service.name': 'support-bot',
  'service.version': '2.3.1',
  'deployment.environment.name': 'test',
};

export const SCOPE = { name: 'sightline-test-instrumentation', version: '0.4.2' };

/** 2025-01-02T03:04:05.123456Z, in the forms the SDK accepts and the decoder returns. */
export const START_MICROS = 1_735_787_045_123_456;
export const START_TIME: [number, number] = [1_735_787_045, 123_456_789];
export const END_TIME: [number, number] = [1_735_787_047, 500_000_000];
export const EVENT_TIME: [number, number] = [1_735_787_046, 1_000];

export const CHAT_ATTRIBUTES = {
  'gen_ai.operation.name': 'chat',
  'gen_ai.system': 'openai',
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.request.temperature': 0.7,
  'gen_ai.request.max_tokens': 512,
  'gen_ai.usage.input_tokens': 1234,
  'gen_ai.usage.output_tokens': 56,
  'gen_ai.request.stream': false,
  'gen_ai.response.finish_reasons': ['stop', 'length'],
  'gen_ai.request.stop_sequences': ['\n\n'],
  'test.int_array': [1, 2, 3],
  'test.double_array': [0.5, 1.5],
  'test.bool_array': [true, false],
  'test.large_int': 9_007_199_254_740_991,
  'test.negative_int': -42,
};

export interface RecordedTraces {
  spans: ReadableSpan[];
  root: ReadableSpan;
  child: ReadableSpan;
}

/** A root agent span with a failing chat child that carries every attribute type, an event and a link. */
export async function recordTraces(): Promise<RecordedTraces> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(RESOURCE_ATTRIBUTES),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer(SCOPE.name, SCOPE.version);
  const linked = tracer.startSpan('previous turn', { startTime: START_TIME });
  linked.end(END_TIME);
  const link: Link = { context: linked.spanContext(), attributes: { 'link.reason': 'follows-from', 'link.turn': 3 } };
  const root = tracer.startSpan('invoke_agent support', {
    kind: SpanKind.SERVER,
    startTime: START_TIME,
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'support' },
  });
  const child = tracer.startSpan(
    'chat gpt-4o-mini',
    { kind: SpanKind.CLIENT, startTime: START_TIME, attributes: CHAT_ATTRIBUTES, links: [link] },
    trace.setSpan(context.active(), root),
  );
  child.addEvent('gen_ai.content.prompt', { 'gen_ai.prompt': 'Hello?', 'test.event_int': 7 }, EVENT_TIME);
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'rate limited (429)' });
  child.end(END_TIME);
  root.setStatus({ code: SpanStatusCode.OK });
  root.end(END_TIME);
  await provider.forceFlush();
  const spans = exporter.getFinishedSpans();
  await provider.shutdown();
  const byName = (name: string) => {
    const span = spans.find((candidate) => candidate.name === name);
    if (!span) throw new Error(`span ${name} was not recorded`);
    return span;
  };
  return { spans, root: byName('invoke_agent support'), child: byName('chat gpt-4o-mini') };
}

export function serialiseTraces(spans: ReadableSpan[], format: 'protobuf' | 'json'): Uint8Array {
  // otlp-transformer is typed against sdk-trace 3.x; sdk-trace-base 2.x spans have the same runtime shape.
  const serializer = format === 'json' ? JsonTraceSerializer : ProtobufTraceSerializer;
  const body = serializer.serializeRequest(spans as never);
  if (!body) throw new Error('serializer returned nothing');
  return body;
}

export const LOG_BODY = {
  index: 0,
  finish_reason: 'stop',
  message: {
    role: 'assistant',
    content: 'Sure, here you go.',
    tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":1}' } }],
  },
  score: 0.25,
  flagged: false,
};

export interface RecordedLogs {
  body: Uint8Array;
  traceId: string;
  spanId: string;
}

/** Three log records: an event tied to a span, an `event.name`-attribute record, and one with no trace context. */
export async function recordLogs(format: 'protobuf' | 'json'): Promise<RecordedLogs> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes(RESOURCE_ATTRIBUTES) as never,
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger(SCOPE.name, SCOPE.version);
  const tracerProvider = new BasicTracerProvider();
  const span = tracerProvider.getTracer('log-parent').startSpan('chat');
  const spanContext = span.spanContext();
  logger.emit({
    eventName: 'gen_ai.choice',
    timestamp: START_TIME,
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    body: LOG_BODY,
    attributes: { 'gen_ai.system': 'openai', 'test.bytes': new Uint8Array([1, 2, 255]) },
    context: trace.setSpan(context.active(), span),
  });
  logger.emit({
    timestamp: END_TIME,
    body: 'legacy event',
    attributes: { 'event.name': 'gen_ai.user.message', 'gen_ai.system': 'anthropic' },
    context: trace.setSpan(context.active(), span),
  });
  logger.emit({ timestamp: END_TIME, severityText: 'WARN', body: 'no trace here' });
  span.end();
  await provider.forceFlush();
  const records = exporter.getFinishedLogRecords();
  await provider.shutdown();
  const serializer = format === 'json' ? JsonLogsSerializer : ProtobufLogsSerializer;
  const body = serializer.serializeRequest(records as never);
  if (!body) throw new Error('serializer returned nothing');
  return { body, traceId: spanContext.traceId, spanId: spanContext.spanId };
}
