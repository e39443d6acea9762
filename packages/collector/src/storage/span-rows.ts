import type { ChatMessage, MessagePart } from '@sightline/core';
import type { NormalisedSpan } from '../normalise/types.ts';
import { encodeMapping } from './mapping-codec.ts';
import { escapedStringContent, nestedJson } from './nested-json.ts';

/** Largest serialised `input` or `output` kept per span (characters of JSON); longer text parts are cut. */
export const DEFAULT_MAX_MESSAGES_CHARS = 1_048_576;
const UINT32_MAX = 4_294_967_295;

/**
 * One span as one JSONEachRow line (with its newline), in the `spans` table's column names. This is
 * the ingest hot path: two plain objects serialised with JSON.stringify, and the large JSON-in-a-string
 * columns (input, output, mapping) spliced in between, already escaped for the row, so that their text
 * is not escaped a second time. Column order is the table's.
 */
export function spanToJsonLine(span: NormalisedSpan, maxMessagesChars = DEFAULT_MAX_MESSAGES_CHARS): string {
  const head = JSON.stringify({
    project_id: span.projectId,
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: span.parentSpanId,
    start_time: dateTime64Text(span.startTimeUnixUs),
    end_time: dateTime64Text(span.endTimeUnixUs),
    name: span.name,
    kind: span.kind,
    status_code: span.statusCode,
    status_message: span.statusMessage,
    service_name: span.serviceName,
    environment: span.environment,
    scope_name: span.scopeName,
    scope_version: span.scopeVersion,
    source_convention: span.sourceConvention,
    span_type: span.spanType,
    operation: span.operation,
    provider: span.provider,
    request_model: span.requestModel,
    response_model: span.responseModel,
    session_id: span.sessionId,
    user_id: span.userId,
    agent_name: span.agentName,
    tool_name: span.toolName,
    prompt_name: span.promptName,
    prompt_version: span.promptVersion,
    feature: span.feature,
    tags: span.tags,
    finish_reasons: span.finishReasons,
    error_type: span.errorType,
    input_tokens: uint32(span.usage.inputTokens),
    output_tokens: uint32(span.usage.outputTokens),
    cache_read_tokens: uint32(span.usage.cacheReadTokens),
    cache_write_tokens: uint32(span.usage.cacheWriteTokens),
    reasoning_tokens: uint32(span.usage.reasoningTokens),
    usage_details: countMap(span.usageDetails),
    counts_in_totals: span.countsInTotals,
    cost_usd: finiteOrNull(span.costUsd),
    cost_source: span.costSource,
    cost_details: finiteMap(span.costDetails),
    price_version: span.priceVersion,
    ttft_ms: finiteOrNull(span.timeToFirstTokenMs),
  });
  const tail = JSON.stringify({
    request_parameters: jsonText(span.requestParameters),
    metadata: span.metadata,
    attributes: span.attributes,
    resource_attributes: span.resourceAttributes,
    events: span.events.map((event) => ({
      ts: dateTime64Text(event.timeUnixUs),
      name: event.name,
      attributes: event.attributes,
    })),
    links: span.links.map((link) => ({ trace_id: link.traceId, span_id: link.spanId, attributes: link.attributes })),
    tool_definitions: span.toolDefinitions === null ? '' : jsonText(span.toolDefinitions),
  });
  const input = messagesColumn(span.input, maxMessagesChars);
  const output = messagesColumn(span.output, maxMessagesChars);
  const mapping = mappingColumn(encodeMapping(span.mapping));
  // head without its closing brace, tail without its braces: one object with the columns in table order.
  return `${head.slice(0, -1)},"input":"${input}","output":"${output}",${tail.slice(1, -1)},"mapping":"${mapping}"}\n`;
}

/** Many spans as one JSONEachRow payload. */
export function spansToJsonEachRow(spans: readonly NormalisedSpan[]): Buffer {
  let text = '';
  for (const span of spans) text += spanToJsonLine(span);
  return Buffer.from(text);
}

/**
 * Microseconds since the epoch as the decimal seconds text DateTime64(6) parses exactly and
 * independently of the server's time zone ("1717171717.000123").
 */
export function dateTime64Text(unixMicros: number): string {
  const micros = Number.isFinite(unixMicros) && unixMicros > 0 ? Math.round(unixMicros) : 0;
  const seconds = Math.floor(micros / 1_000_000);
  const fraction = micros - seconds * 1_000_000;
  return `${seconds}.${String(fraction).padStart(6, '0')}`;
}

function uint32(value: number): number {
  if (!Number.isFinite(value) || value <= 0) return 0;
  return value >= UINT32_MAX ? UINT32_MAX : Math.round(value);
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function countMap(values: Record<string, number>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const key in values) {
    const value = values[key];
    if (value !== undefined && Number.isFinite(value) && value >= 0) result[key] = Math.round(value);
  }
  return result;
}

function finiteMap(values: Record<string, number>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const key in values) {
    const value = values[key];
    if (value !== undefined && Number.isFinite(value)) result[key] = value;
  }
  return result;
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '{}';
  } catch {
    // Unserialisable values (cycles, bigint) never fail a batch.
    return '{}';
  }
}

/** Canonical messages as JSON text, cutting long text parts so one span cannot exceed the cap. */
export function messagesText(messages: readonly ChatMessage[], maxChars: number): string {
  if (messages.length === 0) return '';
  const text = jsonText(messages);
  if (text.length <= maxChars) return text;
  const partCount = messages.reduce((count, message) => count + message.parts.length, 0) || 1;
  const budget = Math.max(256, Math.floor(maxChars / partCount) - 64);
  const capped = messages.map((message) => ({ ...message, parts: message.parts.map((part) => capPart(part, budget)) }));
  const cappedText = jsonText(capped);
  return cappedText.length <= maxChars
    ? cappedText
    : jsonText([{ role: 'system', parts: [truncatedNote(text.length)] }]);
}

/** messagesText escaped for the row: the common case in one walk (see nested-json.ts), the rest the plain way. */
function messagesColumn(messages: readonly ChatMessage[], maxChars: number): string {
  if (messages.length === 0) return '';
  const nested = nestedJson(messages);
  if (nested !== undefined && nested.jsonLength <= maxChars) return nested.escaped;
  return escapedStringContent(messagesText(messages, maxChars));
}

/** Consecutive spans of one instrumentation mostly share their mapping report text: escape it once. */
let lastMappingText = '';
let lastMappingEscaped = '';

function mappingColumn(text: string): string {
  if (text !== lastMappingText) {
    lastMappingText = text;
    lastMappingEscaped = escapedStringContent(text);
  }
  return lastMappingEscaped;
}

function capPart(part: MessagePart, budget: number): MessagePart {
  if ((part.type === 'text' || part.type === 'reasoning') && part.content.length > budget) {
    return { ...part, content: `${part.content.slice(0, budget)}… [truncated ${part.content.length - budget} chars]` };
  }
  if (part.type === 'text' || part.type === 'reasoning') return part;
  const size = jsonText(part).length;
  return size > budget ? truncatedNote(size) : part;
}

function truncatedNote(size: number): MessagePart {
  return { type: 'text', content: `[content of ${size} chars truncated by Sightline]` };
}
