import type { ChatMessage, CostSource, SourceConvention, SpanType, TokenUsage } from '@sightline/core';
import type { OtlpSpan, SpanKind, StatusCode } from '../otlp/types.ts';
import type { AttributeReader, MappedAttribute } from './attribute-reader.ts';

/** What one convention adapter recognised on a span. Every field optional; the first adapter to supply a field wins. */
export interface SpanFields {
  spanType?: SpanType;
  operation?: string;
  provider?: string;
  requestModel?: string;
  responseModel?: string;
  usage?: Partial<TokenUsage>;
  /** Raw usage buckets as reported (kept for audit; e.g. cache_write_5m, audio_input). */
  usageDetails?: Record<string, number>;
  /** False when the convention reports input tokens excluding cache (Anthropic raw usage); normalisation then adds cache to input. */
  inputIncludesCache?: boolean;
  /** Cost carried on the span (wins over any calculated price). */
  providedCostUsd?: number;
  providedCostDetails?: Record<string, number>;
  timeToFirstTokenMs?: number;
  input?: ChatMessage[];
  output?: ChatMessage[];
  toolDefinitions?: unknown;
  requestParameters?: Record<string, unknown>;
  userId?: string;
  sessionId?: string;
  promptName?: string;
  promptVersion?: string;
  feature?: string;
  tags?: string[];
  environment?: string;
  metadata?: Record<string, string>;
  agentName?: string;
  toolName?: string;
  finishReasons?: string[];
  errorType?: string;
  /** The span repeats its children's usage (AI SDK ai.generateText / invoke_agent roots, aggregated usage); its usage is not counted in totals. */
  aggregatesChildren?: boolean;
  /** The usage was estimated (tokenizer), not reported by the provider. */
  usageEstimated?: boolean;
}

/** A convention adapter: detect() decides whether it applies, map() reads attributes through the reader so the mapping report knows what was used. */
export interface ConventionAdapter {
  readonly name: SourceConvention;
  detect(span: OtlpSpan): boolean;
  map(span: OtlpSpan, reader: AttributeReader): SpanFields;
}

export type { MappedAttribute };

/** Per span: which attributes were recognised and mapped to what, which were kept raw, and any adapter that failed. */
export interface MappingReport {
  conventions: string[];
  mapped: MappedAttribute[];
  raw: string[];
  errors: string[];
}

/** The canonical span, ready to store. */
export interface NormalisedSpan {
  projectId: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: SpanKind;
  startTimeUnixUs: number;
  endTimeUnixUs: number;
  statusCode: StatusCode;
  statusMessage: string;
  serviceName: string;
  environment: string;
  scopeName: string;
  scopeVersion: string;
  sourceConvention: SourceConvention;
  spanType: SpanType;
  operation: string;
  provider: string;
  requestModel: string;
  responseModel: string;
  sessionId: string;
  userId: string;
  agentName: string;
  toolName: string;
  promptName: string;
  promptVersion: string;
  feature: string;
  tags: string[];
  finishReasons: string[];
  errorType: string;
  usage: TokenUsage;
  usageDetails: Record<string, number>;
  /** False for wrapper spans whose usage repeats their children's: trace totals skip them. */
  countsInTotals: boolean;
  costUsd: number | null;
  costSource: CostSource;
  costDetails: Record<string, number>;
  priceVersion: string;
  timeToFirstTokenMs: number | null;
  input: ChatMessage[];
  output: ChatMessage[];
  requestParameters: Record<string, unknown>;
  /** Tools offered to the model (gen_ai.tool.definitions and equivalents), as reported; null when none. */
  toolDefinitions: unknown;
  metadata: Record<string, string>;
  /** Raw attributes, each value as a string (JSON for structured values). Always kept. */
  attributes: Record<string, string>;
  resourceAttributes: Record<string, string>;
  events: { timeUnixUs: number; name: string; attributes: Record<string, string> }[];
  links: { traceId: string; spanId: string; attributes: Record<string, string> }[];
  mapping: MappingReport;
}
