// Wire shapes of the collector's read and view API (packages/collector/src/storage/api-types.ts and
// ui-view-types.ts). Kept here so the web app depends on the HTTP contract, not on collector code.

export type CostSource = 'none' | 'provided' | 'calculated';
export type TraceStatus = 'ok' | 'error';

export interface Percentiles {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
}

export interface ScoreSummary {
  name: string;
  mean: number;
  count: number;
}

export interface TraceSummary {
  traceId: string;
  name: string;
  startTime: string;
  endTime: string;
  durationMs: number;
  serviceName: string;
  environment: string;
  userId: string;
  sessionId: string;
  spanCount: number;
  errorCount: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costUsd: number | null;
  models: string[];
  promptNames: string[];
  status: TraceStatus;
}

export type TraceRow = TraceSummary & { scores: ScoreSummary[] };

export interface TraceSearchPage {
  traces: TraceRow[];
  nextCursor: string | null;
  /** When the page's most recently stored root was stored (ISO): where the next live poll starts. */
  newestArrival: string | null;
}

/** A span as the tree and waterfall draw it (decoded from the outline's columns); details load per span. */
export interface OutlineSpan {
  spanId: string;
  /** The parent's id, or '' for a root or a parent that is not in the trace. */
  parentSpanId: string;
  name: string;
  startTimeUnixUs: number;
  endTimeUnixUs: number;
  status: 'UNSET' | 'OK' | 'ERROR';
  spanType: string;
  errorType: string;
}

/**
 * `GET /api/traces/:id/outline` (packages/collector/src/api/trace-outline-wire.ts): one array per column in
 * span start order; names, span types and error types index `strings`, statuses index `statusCodes`.
 */
export interface OutlineWire {
  trace: TraceSummary;
  countedCalls: number;
  unpricedCalls: number;
  scores: Score[];
  strings: string[];
  statusCodes: OutlineSpan['status'][];
  baseStartUs: number;
  spans: {
    spanId: string[];
    /** Index of the parent in these columns; -1 for a root or a parent not in the trace. */
    parent: number[];
    name: number[];
    /** Offsets from `baseStartUs`. */
    startUs: number[];
    durationUs: number[];
    spanType: number[];
    status: number[];
    errorType: number[];
  };
}

export interface Score {
  id: string;
  traceId: string;
  spanId: string;
  sessionId: string;
  name: string;
  dataType: 'numeric' | 'boolean' | 'categorical';
  value: number | null;
  stringValue: string | null;
  source: string;
  comment: string;
  timestamp: string;
}

/** The outline with its spans decoded (`decodeOutline`). */
export interface TraceOutline {
  trace: TraceSummary;
  spans: OutlineSpan[];
  countedCalls: number;
  unpricedCalls: number;
  scores: Score[];
}

export type MessagePart =
  | { type: 'text'; content: string }
  | { type: 'reasoning'; content: string }
  | { type: 'tool_call'; id?: string; name: string; arguments?: unknown }
  | { type: 'tool_call_response'; id?: string; response: unknown }
  | { type: 'blob' | 'uri' | 'file'; modality?: string; mime_type?: string; uri?: string; file_id?: string }
  | { type: string; [key: string]: unknown };

export interface ChatMessage {
  role: string;
  name?: string;
  parts: MessagePart[];
  finish_reason?: string;
}

export interface SpanEvent {
  time: string;
  timeUnixUs: number;
  name: string;
  attributes: Record<string, string>;
}

export interface TraceSpan {
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: string;
  startTime: string;
  endTime: string;
  startTimeUnixUs: number;
  endTimeUnixUs: number;
  durationMs: number;
  status: 'UNSET' | 'OK' | 'ERROR';
  statusMessage: string;
  serviceName: string;
  environment: string;
  scopeName: string;
  scopeVersion: string;
  sourceConvention: string;
  spanType: string;
  operation: string;
  provider: string;
  requestModel: string;
  responseModel: string;
  userId: string;
  sessionId: string;
  agentName: string;
  toolName: string;
  promptName: string;
  promptVersion: string;
  feature: string;
  tags: string[];
  finishReasons: string[];
  errorType: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  usageDetails: Record<string, number>;
  countsInTotals: boolean;
  costUsd: number | null;
  costSource: CostSource;
  costDetails: Record<string, number>;
  priceVersion: string;
  timeToFirstTokenMs: number | null;
  input: ChatMessage[];
  output: ChatMessage[];
  messagesSource: 'span' | 'log_events' | 'none';
  requestParameters: Record<string, unknown>;
  metadata: Record<string, string>;
  attributes: Record<string, string>;
  resourceAttributes: Record<string, string>;
  events: SpanEvent[];
  links: { traceId: string; spanId: string; attributes: Record<string, string> }[];
  mapping: {
    conventions: string[];
    mapped: { attribute: string; field: string; adapter: string }[];
    raw: string[];
    errors: string[];
  };
}

export const BREAKDOWNS = [
  'none',
  'model',
  'provider',
  'promptName',
  'promptVersion',
  'feature',
  'environment',
  'service',
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface MetricSeries {
  key: string;
  calls: number[];
  errors: number[];
  inputTokens: number[];
  outputTokens: number[];
  cacheReadTokens: number[];
  cacheWriteTokens: number[];
  reasoningTokens: number[];
  costUsd: (number | null)[];
  latencyP50: (number | null)[];
  latencyP95: (number | null)[];
  latencyP99: (number | null)[];
  ttftP50: (number | null)[];
  ttftP95: (number | null)[];
  ttftP99: (number | null)[];
}

export interface MetricTotals {
  key: string;
  calls: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costUsd: number | null;
  pricedCalls: number;
  cacheHitRate: number;
  costPerCallUsd: number | null;
  latencyMs: Percentiles | null;
  timeToFirstTokenMs: Percentiles | null;
}

export interface ScoreSeries {
  name: string;
  mean: (number | null)[];
  count: number[];
  totalCount: number;
  totalMean: number | null;
}

export interface UsageRow {
  key: string;
  traces: number;
  errors: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  costPerTraceUsd: number | null;
  lastSeen: string;
}

export interface DashboardResult {
  from: string;
  to: string;
  bucketSeconds: number;
  buckets: number[];
  total: MetricTotals;
  overall: MetricSeries;
  breakdown: Breakdown;
  groups: MetricTotals[];
  groupSeries: MetricSeries[];
  scores: ScoreSeries[];
}

export interface Facets {
  services: string[];
  environments: string[];
  providers: string[];
  models: string[];
  promptNames: string[];
  promptVersions: string[];
  features: string[];
  scoreNames: string[];
}

export interface ConversationTurn {
  trace: TraceSummary;
  input: ChatMessage[];
  output: ChatMessage[];
}

export interface SessionView {
  sessionId: string;
  turns: ConversationTurn[];
  totals: UsageRow;
}

export interface UserView {
  userId: string;
  totals: UsageRow;
  bucketSeconds: number;
  buckets: number[];
  traces: number[];
  costUsd: (number | null)[];
  tokens: number[];
  sessions: UsageRow[];
}

export interface PromptSummary {
  name: string;
  versions: number;
  calls: number;
  costUsd: number | null;
  lastSeen: string;
}

export interface PromptVersionStats extends MetricTotals {
  version: string;
  errorRate: number;
  firstSeen: string;
  scores: ScoreSummary[];
}

export interface PromptComparison {
  name: string;
  bucketSeconds: number;
  buckets: number[];
  versions: PromptVersionStats[];
  traffic: number[][];
}
