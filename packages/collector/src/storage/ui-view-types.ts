import type { SpanType } from '@sightline/core';
import type { StatusCode } from '../otlp/types.ts';
import type { Percentiles, TraceFilters, TraceSummary } from './api-types.ts';

// Shapes the web UI reads (views over spans, trace_index and the rollups). Times are ISO-8601 UTC
// strings unless named `...Seconds`/`...Us`; money is USD; a cost of null means no price was known.

export const TRACE_SORT_KEYS = ['startTime', 'durationMs', 'costUsd', 'totalTokens'] as const;
export type TraceSortKey = (typeof TRACE_SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';

export interface TraceSearchFilters extends TraceFilters {
  feature?: string;
  maxCostUsd?: number;
  maxDurationMs?: number;
  /** Keep traces with a score of this name whose value lies in [minScore, maxScore]. */
  scoreName?: string;
  minScore?: number;
  maxScore?: number;
}

export interface TraceSearchQuery {
  projectId: string;
  from: Date;
  to: Date;
  limit: number;
  cursor?: string;
  sort: TraceSortKey;
  order: SortOrder;
  filters: TraceSearchFilters;
  /**
   * Only traces whose root span was stored at or after this time (live updates: what arrived since
   * the last poll). Roots that started more than an hour before it are not looked at.
   */
  arrivedAfter?: Date;
}

/** Mean of a trace's numeric (and boolean as 0/1) scores of one name. */
export interface ScoreSummary {
  name: string;
  mean: number;
  count: number;
}

export type TraceRow = TraceSummary & { scores: ScoreSummary[] };

export interface TraceSearchPage {
  traces: TraceRow[];
  nextCursor: string | null;
  /** When the newest-stored root of the page was stored (ISO, ms): the next live poll's `arrivedAfter`. */
  newestArrival: string | null;
}

/** A span without its payload (messages, attributes): enough to draw the tree and waterfall. */
export interface OutlineSpan {
  spanId: string;
  parentSpanId: string;
  name: string;
  startTimeUnixUs: number;
  endTimeUnixUs: number;
  status: StatusCode;
  spanType: SpanType | string;
  /** Counted in the trace's totals (each provider call once). */
  countsInTotals: boolean;
  /** A counted call without a known price. */
  unpriced: boolean;
  errorType: string;
}

export interface TraceOutline {
  trace: TraceSummary;
  spans: OutlineSpan[];
  /** Provider calls counted in the totals, and how many of them had no known price. */
  countedCalls: number;
  unpricedCalls: number;
}

export interface TimeRange {
  projectId: string;
  from: Date;
  to: Date;
}

export const BREAKDOWN_DIMENSIONS = [
  'none',
  'model',
  'provider',
  'promptName',
  'promptVersion',
  'feature',
  'environment',
  'service',
] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export interface RollupFilters {
  environment?: string;
  service?: string;
  provider?: string;
  model?: string;
  promptName?: string;
  promptVersion?: string;
  feature?: string;
}

export interface DashboardQuery extends TimeRange {
  breakdown: BreakdownDimension;
  filters: RollupFilters;
}

/** Per-bucket values; null where the bucket has no data for a percentile or no priced call. */
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
  /** Null when no call in the group had a known price. */
  costUsd: number | null;
  pricedCalls: number;
  /** Cached input tokens over all input tokens. */
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
  /** Bucket starts, Unix seconds. */
  buckets: number[];
  total: MetricTotals;
  overall: MetricSeries;
  breakdown: BreakdownDimension;
  /** The top groups of the breakdown (by calls), with their own series. */
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
  /** The new user message(s) of the turn (input after the last assistant message). */
  input: unknown[];
  /** The last model output of the turn. */
  output: unknown[];
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
  /** Calls per bucket, one series per version (same order as versions). */
  traffic: number[][];
}
