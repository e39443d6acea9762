import {
  DEPLOYMENT_ENVIRONMENT,
  DEPLOYMENT_ENVIRONMENT_NAME,
  type Pricer,
  SERVICE_NAME,
  type SourceConvention,
  type SpanType,
  type TokenUsage,
} from '@sightline/core';
import type { Attributes, AttributeValue, OtlpSpan } from '../otlp/types.ts';
import { AttributeReader } from './attribute-reader.ts';
import { mergeFields } from './merge-fields.ts';
import type { ConventionAdapter, NormalisedSpan, SpanFields } from './types.ts';

export interface NormaliseOptions {
  projectId: string;
  adapters: readonly ConventionAdapter[];
  pricer: Pricer;
}

const INFERENCE_TYPES: ReadonlySet<SpanType> = new Set(['llm', 'embedding']);

export function isInferenceType(spanType: SpanType): boolean {
  return INFERENCE_TYPES.has(spanType);
}

/** Attribute values as stored: strings as is, everything else as JSON. */
export function stringifyAttributes(attributes: Attributes): Record<string, string> {
  const result: Record<string, string> = {};
  for (const key of Object.keys(attributes)) result[key] = stringifyValue(attributes[key] as AttributeValue);
  return result;
}

/** Above this size a message attribute mapped into input/output is not stored a second time. */
const MESSAGE_COPY_THRESHOLD = 256;

/**
 * Raw attributes as stored. Large attributes whose content was mapped into the canonical input or
 * output (prompts and completions) are replaced by a reference: every prompt would otherwise be
 * stored twice, doubling row size, insert cost and disk. The mapping report still names them.
 */
export function rawAttributesWithoutMessageCopies(
  attributes: Attributes,
  mapped: readonly { attribute: string; field: string }[],
): Record<string, string> {
  const stored = stringifyAttributes(attributes);
  for (const { attribute, field } of mapped) {
    if (field !== 'input' && field !== 'output') continue;
    const value = stored[attribute];
    if (value !== undefined && value.length > MESSAGE_COPY_THRESHOLD) {
      stored[attribute] = `[stored as ${field}: ${value.length} characters]`;
    }
  }
  return stored;
}

function stringifyValue(value: AttributeValue): string {
  if (typeof value === 'string') return value;
  if (value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function hasFiniteCount(usage: Partial<TokenUsage>): boolean {
  for (const kind of Object.keys(usage) as (keyof TokenUsage)[]) if (Number.isFinite(usage[kind])) return true;
  return false;
}

function nonNegativeInteger(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value) || value < 0) return 0;
  return Math.round(value);
}

/** Applies OTel token semantics: input includes cache, output includes reasoning. */
export function normaliseUsage(fields: SpanFields): TokenUsage {
  const usage = fields.usage ?? {};
  const cacheReadTokens = nonNegativeInteger(usage.cacheReadTokens);
  const cacheWriteTokens = nonNegativeInteger(usage.cacheWriteTokens);
  const reasoningTokens = nonNegativeInteger(usage.reasoningTokens);
  let inputTokens = nonNegativeInteger(usage.inputTokens);
  let outputTokens = nonNegativeInteger(usage.outputTokens);
  // Cache-exclusive input (Anthropic's raw usage, older instrumentations): when declared, or when
  // the cache alone exceeds the reported input, the input cannot have included it.
  if (fields.inputIncludesCache === false || cacheReadTokens + cacheWriteTokens > inputTokens) {
    inputTokens += cacheReadTokens + cacheWriteTokens;
  }
  if (reasoningTokens > outputTokens) outputTokens += reasoningTokens;
  return { inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, reasoningTokens };
}

function inferSpanType(fields: SpanFields): SpanType {
  if (fields.spanType) return fields.spanType;
  if (fields.toolName) return 'tool';
  if (fields.requestModel || fields.responseModel) return 'llm';
  if (fields.agentName) return 'agent';
  return 'other';
}

function environmentOf(fields: SpanFields, resource: Attributes): string {
  const fromResource = resource[DEPLOYMENT_ENVIRONMENT_NAME] ?? resource[DEPLOYMENT_ENVIRONMENT];
  return fields.environment || (typeof fromResource === 'string' && fromResource) || 'default';
}

/** Normalises one span. Never throws: a failing adapter is reported in the mapping and skipped. */
export function normaliseSpan(span: OtlpSpan, options: NormaliseOptions): NormalisedSpan {
  const reader = new AttributeReader(span.attributes);
  const results: SpanFields[] = [];
  const conventions: SourceConvention[] = [];
  const errors: string[] = [];
  for (const adapter of options.adapters) {
    try {
      if (!adapter.detect(span)) continue;
      results.push(adapter.map(span, reader.forAdapter(adapter.name)));
      conventions.push(adapter.name);
    } catch (error) {
      errors.push(`${adapter.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const fields = mergeFields(results);
  const spanType = inferSpanType(fields);
  const usage = normaliseUsage(fields);
  const responseModel = fields.responseModel ?? '';
  const requestModel = fields.requestModel ?? responseModel;
  const provider = fields.provider ?? '';
  // Without any token count there is nothing to price: a calculated $0 would claim a free call.
  const reportsUsage = fields.usage !== undefined && hasFiniteCount(fields.usage);
  const cost =
    fields.providedCostUsd !== undefined
      ? {
          costUsd: fields.providedCostUsd,
          costSource: 'provided' as const,
          costDetails: fields.providedCostDetails ?? {},
          priceVersion: '',
        }
      : // A failed call that reports no usage consumed nothing: price it (a real $0 for a known model).
        isInferenceType(spanType) && (requestModel || responseModel) && (reportsUsage || span.status.code === 'ERROR')
        ? options.pricer.price({
            provider,
            model: responseModel || requestModel,
            usage,
            at: new Date(span.startTimeUnixUs / 1000),
          })
        : { costUsd: null, costSource: 'none' as const, costDetails: {}, priceVersion: '' };
  const serviceName = span.resource[SERVICE_NAME];
  const usageDetails = { ...(fields.usageDetails ?? {}) };
  const mapped = reader.mapped();
  if (fields.usageEstimated) usageDetails.estimated = 1;
  return {
    projectId: options.projectId,
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: span.kind,
    startTimeUnixUs: span.startTimeUnixUs,
    endTimeUnixUs: Math.max(span.endTimeUnixUs, span.startTimeUnixUs),
    statusCode: span.status.code,
    statusMessage: span.status.message,
    serviceName: typeof serviceName === 'string' && serviceName ? serviceName : 'unknown_service',
    environment: environmentOf(fields, span.resource),
    scopeName: span.scope.name,
    scopeVersion: span.scope.version,
    sourceConvention: conventions[0] ?? 'unknown',
    spanType,
    operation: fields.operation ?? '',
    provider,
    requestModel,
    responseModel,
    sessionId: fields.sessionId ?? '',
    userId: fields.userId ?? '',
    agentName: fields.agentName ?? '',
    toolName: fields.toolName ?? '',
    promptName: fields.promptName ?? '',
    promptVersion: fields.promptVersion ?? '',
    feature: fields.feature ?? '',
    tags: fields.tags ?? [],
    finishReasons: fields.finishReasons ?? [],
    errorType: fields.errorType ?? (span.status.code === 'ERROR' ? 'error' : ''),
    usage,
    usageDetails,
    countsInTotals: isInferenceType(spanType) && !fields.aggregatesChildren,
    costUsd: cost.costUsd,
    costSource: cost.costSource,
    costDetails: cost.costDetails,
    priceVersion: cost.priceVersion,
    timeToFirstTokenMs: fields.timeToFirstTokenMs ?? null,
    input: fields.input ?? [],
    output: fields.output ?? [],
    requestParameters: fields.requestParameters ?? {},
    toolDefinitions: fields.toolDefinitions ?? null,
    metadata: fields.metadata ?? {},
    attributes: rawAttributesWithoutMessageCopies(span.attributes, mapped),
    resourceAttributes: stringifyAttributes(span.resource),
    events: span.events.map((event) => ({
      timeUnixUs: event.timeUnixUs,
      name: event.name,
      attributes: stringifyAttributes(event.attributes),
    })),
    links: span.links.map((link) => ({
      traceId: link.traceId,
      spanId: link.spanId,
      attributes: stringifyAttributes(link.attributes),
    })),
    mapping: { conventions, mapped, raw: reader.unmapped(), errors },
  };
}
