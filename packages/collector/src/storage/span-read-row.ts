import { type ChatMessage, COST_SOURCES, SOURCE_CONVENTIONS, SPAN_TYPES } from '@sightline/core';
import { z } from 'zod';
import { SPAN_KINDS, STATUS_CODES } from '../otlp/types.ts';
import type { TraceSpan } from './api-types.ts';
import { decodeMapping } from './mapping-codec.ts';
import { IntegerColumn, isoFromMicros, parseJsonObject, parseMessages } from './read-values.ts';

/** The `spans` columns as selected by SPAN_READ_COLUMNS. */
export const SpanReadRow = z.object({
  span_id: z.string(),
  parent_span_id: z.string(),
  name: z.string(),
  kind: z.enum(SPAN_KINDS),
  start_us: IntegerColumn,
  end_us: IntegerColumn,
  status_code: z.enum(STATUS_CODES),
  status_message: z.string(),
  service_name: z.string(),
  environment: z.string(),
  scope_name: z.string(),
  scope_version: z.string(),
  source_convention: z.string(),
  span_type: z.string(),
  operation: z.string(),
  provider: z.string(),
  request_model: z.string(),
  response_model: z.string(),
  session_id: z.string(),
  user_id: z.string(),
  agent_name: z.string(),
  tool_name: z.string(),
  prompt_name: z.string(),
  prompt_version: z.string(),
  feature: z.string(),
  tags: z.array(z.string()),
  finish_reasons: z.array(z.string()),
  error_type: z.string(),
  input_tokens: IntegerColumn,
  output_tokens: IntegerColumn,
  cache_read_tokens: IntegerColumn,
  cache_write_tokens: IntegerColumn,
  reasoning_tokens: IntegerColumn,
  usage_details: z.record(z.string(), IntegerColumn),
  counts_in_totals: z.union([z.boolean(), z.number()]).transform((value) => Boolean(value)),
  cost_usd: z.coerce.number().nullable(),
  cost_source: z.enum(COST_SOURCES),
  cost_details: z.record(z.string(), z.number()),
  price_version: z.string(),
  ttft_ms: z.number().nullable(),
  input: z.string(),
  output: z.string(),
  request_parameters: z.string(),
  metadata: z.record(z.string(), z.string()),
  attributes: z.record(z.string(), z.string()),
  resource_attributes: z.record(z.string(), z.string()),
  events: z.array(z.tuple([IntegerColumn, z.string(), z.record(z.string(), z.string())])),
  links: z.array(z.tuple([z.string(), z.string(), z.record(z.string(), z.string())])),
  tool_definitions: z.string(),
  mapping: z.string(),
});
export type SpanReadRow = z.infer<typeof SpanReadRow>;

// Nested tuples are selected as plain arrays: their JSON shape is the same on every server version.
export const SPAN_READ_COLUMNS = `span_id, parent_span_id, name, kind,
  toUnixTimestamp64Micro(start_time) AS start_us, toUnixTimestamp64Micro(end_time) AS end_us,
  status_code, status_message, service_name, environment, scope_name, scope_version, source_convention,
  span_type, operation, provider, request_model, response_model, session_id, user_id, agent_name, tool_name,
  prompt_name, prompt_version, feature, tags, finish_reasons, error_type,
  input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, usage_details,
  counts_in_totals, cost_usd, cost_source, cost_details, price_version, ttft_ms, input, output,
  request_parameters, metadata, attributes, resource_attributes,
  arrayMap(event -> tuple(toUnixTimestamp64Micro(tupleElement(event, 1)), tupleElement(event, 2), tupleElement(event, 3)), events) AS events,
  arrayMap(link -> tuple(tupleElement(link, 1), tupleElement(link, 2), tupleElement(link, 3)), links) AS links,
  tool_definitions, mapping`;

const RecordSchema = z.record(z.string(), z.unknown());

export interface LogMessages {
  input: ChatMessage[];
  output: ChatMessage[];
}

/** A stored span in API shape; empty input/output are filled from the span's log records when given. */
export function toTraceSpan(row: SpanReadRow, fromLogs: LogMessages | undefined): TraceSpan {
  let input = parseMessages(row.input);
  let output = parseMessages(row.output);
  let messagesSource: TraceSpan['messagesSource'] = input.length > 0 || output.length > 0 ? 'span' : 'none';
  // A span may hold only its system instructions while log records hold the conversation (1.37+).
  const onlySystem = input.length > 0 && input.every((message) => message.role === 'system');
  if (fromLogs !== undefined && (input.length === 0 || output.length === 0 || onlySystem)) {
    if (onlySystem && fromLogs.input.length > 0) {
      input = fromLogs.input.some((message) => message.role === 'system')
        ? fromLogs.input
        : [...input, ...fromLogs.input];
    }
    if (input.length === 0 && fromLogs.input.length > 0) input = fromLogs.input;
    if (output.length === 0 && fromLogs.output.length > 0) output = fromLogs.output;
    if (fromLogs.input.length > 0 || fromLogs.output.length > 0) messagesSource = 'log_events';
  }
  return {
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    name: row.name,
    kind: row.kind,
    startTime: isoFromMicros(row.start_us),
    endTime: isoFromMicros(row.end_us),
    startTimeUnixUs: row.start_us,
    endTimeUnixUs: row.end_us,
    durationMs: (row.end_us - row.start_us) / 1000,
    status: row.status_code,
    statusMessage: row.status_message,
    serviceName: row.service_name,
    environment: row.environment,
    scopeName: row.scope_name,
    scopeVersion: row.scope_version,
    sourceConvention: oneOf(SOURCE_CONVENTIONS, row.source_convention, 'unknown'),
    spanType: oneOf(SPAN_TYPES, row.span_type, 'other'),
    operation: row.operation,
    provider: row.provider,
    requestModel: row.request_model,
    responseModel: row.response_model,
    userId: row.user_id,
    sessionId: row.session_id,
    agentName: row.agent_name,
    toolName: row.tool_name,
    promptName: row.prompt_name,
    promptVersion: row.prompt_version,
    feature: row.feature,
    tags: row.tags,
    finishReasons: row.finish_reasons,
    errorType: row.error_type,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cacheReadTokens: row.cache_read_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    reasoningTokens: row.reasoning_tokens,
    usageDetails: row.usage_details,
    countsInTotals: row.counts_in_totals,
    costUsd: row.cost_usd,
    costSource: row.cost_source,
    costDetails: row.cost_details,
    priceVersion: row.price_version,
    timeToFirstTokenMs: row.ttft_ms,
    input,
    output,
    messagesSource,
    requestParameters: parseJsonObject(row.request_parameters, RecordSchema, {}),
    metadata: row.metadata,
    attributes: row.attributes,
    resourceAttributes: row.resource_attributes,
    events: row.events.map(([timeUnixUs, name, attributes]) => ({
      time: isoFromMicros(timeUnixUs),
      timeUnixUs,
      name,
      attributes,
    })),
    links: row.links.map(([traceId, spanId, attributes]) => ({ traceId, spanId, attributes })),
    toolDefinitions: row.tool_definitions ? parseJsonObject(row.tool_definitions, z.unknown(), null) : null,
    mapping: decodeMapping(row.mapping, Object.keys(row.attributes)),
  };
}

function oneOf<T extends string>(allowed: readonly T[], value: string, fallback: T): T {
  return (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}
