// Convention-agnostic spans and log records as decoded from OTLP (protobuf or JSON).
// Both decoders produce exactly these shapes so normalisation has one input path.

/** An OTLP AnyValue flattened to plain data: kvlist → object, array → array, bytes → base64 string, int64 → number (or decimal string when beyond 2^53). */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };
export type Attributes = Record<string, AttributeValue>;

export const SPAN_KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'] as const;
export type SpanKind = (typeof SPAN_KINDS)[number];
export const STATUS_CODES = ['UNSET', 'OK', 'ERROR'] as const;
export type StatusCode = (typeof STATUS_CODES)[number];

export interface OtlpEvent {
  timeUnixUs: number;
  name: string;
  attributes: Attributes;
}

export interface OtlpLink {
  traceId: string;
  spanId: string;
  attributes: Attributes;
}

export interface InstrumentationScope {
  name: string;
  version: string;
}

export interface OtlpSpan {
  /** 32 lower-case hex characters. */
  traceId: string;
  /** 16 lower-case hex characters. */
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  kind: SpanKind;
  /** Microseconds since the Unix epoch (fits a double exactly; ClickHouse stores DateTime64(6)). */
  startTimeUnixUs: number;
  endTimeUnixUs: number;
  status: { code: StatusCode; message: string };
  attributes: Attributes;
  events: OtlpEvent[];
  links: OtlpLink[];
  resource: Attributes;
  scope: InstrumentationScope;
}

export interface OtlpLogRecord {
  traceId: string;
  spanId: string;
  timeUnixUs: number;
  /** `event.name` attribute or the LogRecord.event_name field. */
  eventName: string;
  severityText: string;
  body: AttributeValue;
  attributes: Attributes;
  resource: Attributes;
  scope: InstrumentationScope;
}

/** Items the decoder refused (invalid ids and the like), reported through OTLP partial_success. */
export interface Rejection {
  count: number;
  reasons: string[];
}

export interface DecodedTraces {
  spans: OtlpSpan[];
  rejected: Rejection;
}

export interface DecodedLogs {
  records: OtlpLogRecord[];
  rejected: Rejection;
}
