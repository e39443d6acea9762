import { type ChatMessage, COST_SOURCES, SOURCE_CONVENTIONS, SPAN_TYPES } from '@sightline/core';
import { z } from 'zod';
import { SPAN_KINDS, STATUS_CODES } from '../otlp/types.ts';

// Shapes of the storage read API (what the HTTP API returns). Times are ISO-8601 UTC strings with
// microseconds; money is USD; a cost of null means no price was known (never a silent 0).

/** Canonical messages are checked for their frame (role, typed parts); parts keep any extra fields. */
export const ChatMessageSchema = z
  .object({
    role: z.string(),
    name: z.string().exactOptional(),
    parts: z.array(z.looseObject({ type: z.string() })),
    finish_reason: z.string().exactOptional(),
  })
  .loose();

const Percentiles = z.object({ p50: z.number(), p90: z.number(), p95: z.number(), p99: z.number() });
export type Percentiles = z.infer<typeof Percentiles>;

export const TraceSummarySchema = z.object({
  traceId: z.string(),
  name: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  durationMs: z.number(),
  serviceName: z.string(),
  environment: z.string(),
  userId: z.string(),
  sessionId: z.string(),
  spanCount: z.number(),
  errorCount: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  reasoningTokens: z.number(),
  costUsd: z.number().nullable(),
  models: z.array(z.string()),
  promptNames: z.array(z.string()),
  status: z.enum(['ok', 'error']),
});
export type TraceSummary = z.infer<typeof TraceSummarySchema>;

export const ListTracesResultSchema = z.object({
  traces: z.array(TraceSummarySchema),
  nextCursor: z.string().nullable(),
});
export type ListTracesResult = z.infer<typeof ListTracesResultSchema>;

const StringMap = z.record(z.string(), z.string());
const NumberMap = z.record(z.string(), z.number());

export const TraceSpanSchema = z.object({
  spanId: z.string(),
  parentSpanId: z.string(),
  name: z.string(),
  kind: z.enum(SPAN_KINDS),
  startTime: z.string(),
  endTime: z.string(),
  /** Microseconds since the epoch, exact (ISO strings are for display). */
  startTimeUnixUs: z.number(),
  endTimeUnixUs: z.number(),
  durationMs: z.number(),
  status: z.enum(STATUS_CODES),
  statusMessage: z.string(),
  serviceName: z.string(),
  environment: z.string(),
  scopeName: z.string(),
  scopeVersion: z.string(),
  sourceConvention: z.enum(SOURCE_CONVENTIONS),
  spanType: z.enum(SPAN_TYPES),
  operation: z.string(),
  provider: z.string(),
  requestModel: z.string(),
  responseModel: z.string(),
  userId: z.string(),
  sessionId: z.string(),
  agentName: z.string(),
  toolName: z.string(),
  promptName: z.string(),
  promptVersion: z.string(),
  feature: z.string(),
  tags: z.array(z.string()),
  finishReasons: z.array(z.string()),
  errorType: z.string(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  reasoningTokens: z.number(),
  usageDetails: NumberMap,
  countsInTotals: z.boolean(),
  costUsd: z.number().nullable(),
  costSource: z.enum(COST_SOURCES),
  costDetails: NumberMap,
  priceVersion: z.string(),
  timeToFirstTokenMs: z.number().nullable(),
  input: z.array(ChatMessageSchema),
  output: z.array(ChatMessageSchema),
  /** Where input/output came from: the span itself, or GenAI log records of the span. */
  messagesSource: z.enum(['span', 'log_events', 'none']),
  requestParameters: z.record(z.string(), z.unknown()),
  metadata: StringMap,
  attributes: StringMap,
  resourceAttributes: StringMap,
  events: z.array(z.object({ time: z.string(), timeUnixUs: z.number(), name: z.string(), attributes: StringMap })),
  links: z.array(z.object({ traceId: z.string(), spanId: z.string(), attributes: StringMap })),
  toolDefinitions: z.unknown(),
  mapping: z.object({
    conventions: z.array(z.string()),
    mapped: z.array(z.object({ attribute: z.string(), field: z.string(), adapter: z.string() })),
    raw: z.array(z.string()),
    errors: z.array(z.string()),
  }),
});
export type TraceSpan = Omit<z.infer<typeof TraceSpanSchema>, 'input' | 'output'> & {
  input: ChatMessage[];
  output: ChatMessage[];
};

export const TraceDetailSchema = z.object({ trace: TraceSummarySchema, spans: z.array(TraceSpanSchema) });
export type TraceDetail = { trace: TraceSummary; spans: TraceSpan[] };

export const ModelMetricsSchema = z.object({
  provider: z.string(),
  model: z.string(),
  calls: z.number(),
  errors: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
  reasoningTokens: z.number(),
  costUsd: z.number().nullable(),
  pricedCalls: z.number(),
  averageLatencyMs: z.number(),
  latencyMs: Percentiles,
  /** Null when no call of the model reported a time to first token. */
  timeToFirstTokenMs: Percentiles.nullable(),
});
export type ModelMetrics = z.infer<typeof ModelMetricsSchema>;

export const TRACE_STATUSES = ['ok', 'error'] as const;

/** Query-string shape of a trace list request (strings coerced), for the HTTP layer. */
export const ListTracesRequestSchema = z.object({
  from: z.coerce.date(),
  to: z.coerce.date(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().exactOptional(),
  service: z.string().exactOptional(),
  environment: z.string().exactOptional(),
  model: z.string().exactOptional(),
  provider: z.string().exactOptional(),
  userId: z.string().exactOptional(),
  sessionId: z.string().exactOptional(),
  promptName: z.string().exactOptional(),
  promptVersion: z.string().exactOptional(),
  status: z.enum(TRACE_STATUSES).exactOptional(),
  minCostUsd: z.coerce.number().min(0).exactOptional(),
  minDurationMs: z.coerce.number().min(0).exactOptional(),
  search: z.string().min(1).max(500).exactOptional(),
});
export type ListTracesRequest = z.infer<typeof ListTracesRequestSchema>;

export interface TraceFilters {
  service?: string;
  environment?: string;
  model?: string;
  provider?: string;
  userId?: string;
  sessionId?: string;
  promptName?: string;
  promptVersion?: string;
  status?: (typeof TRACE_STATUSES)[number];
  minCostUsd?: number;
  minDurationMs?: number;
  /** Case-insensitive text in any span's input or output. */
  search?: string;
}

export interface ListTracesOptions {
  projectId: string;
  from: Date;
  to: Date;
  /** Default 50, at most 500. */
  limit?: number;
  cursor?: string;
  filters?: TraceFilters;
}

export const SCORE_DATA_TYPES = ['numeric', 'boolean', 'categorical'] as const;
export const SCORE_SOURCES = ['api', 'eval', 'annotation', 'otel_event'] as const;

export const ScoreInputSchema = z.object({
  id: z.string().min(1),
  projectId: z.string().min(1),
  traceId: z.string(),
  spanId: z.string().exactOptional(),
  sessionId: z.string().exactOptional(),
  name: z.string().min(1),
  dataType: z.enum(SCORE_DATA_TYPES),
  value: z.number().exactOptional(),
  stringValue: z.string().exactOptional(),
  source: z.enum(SCORE_SOURCES),
  comment: z.string().exactOptional(),
  evaluatorId: z.string().exactOptional(),
  metadata: StringMap.exactOptional(),
  timestamp: z.coerce.date(),
});
export type ScoreInput = z.infer<typeof ScoreInputSchema>;

export const ScoreSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  traceId: z.string(),
  spanId: z.string(),
  sessionId: z.string(),
  name: z.string(),
  dataType: z.enum(SCORE_DATA_TYPES),
  value: z.number().nullable(),
  stringValue: z.string().nullable(),
  source: z.enum(SCORE_SOURCES),
  comment: z.string(),
  evaluatorId: z.string(),
  metadata: StringMap,
  timestamp: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Score = z.infer<typeof ScoreSchema>;

// Names the HTTP layer's store port uses.
export type TraceListQuery = ListTracesOptions;
export type TraceListPage = ListTracesResult;
export type StoredScore = Score;
