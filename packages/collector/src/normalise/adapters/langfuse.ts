import {
  type ChatMessage,
  GenAiOperation,
  LANGFUSE_ENVIRONMENT,
  LANGFUSE_OBSERVATION_COMPLETION_START_TIME,
  LANGFUSE_OBSERVATION_COST_DETAILS,
  LANGFUSE_OBSERVATION_INPUT,
  LANGFUSE_OBSERVATION_LEVEL,
  LANGFUSE_OBSERVATION_METADATA,
  LANGFUSE_OBSERVATION_MODEL,
  LANGFUSE_OBSERVATION_MODEL_PARAMETERS,
  LANGFUSE_OBSERVATION_OUTPUT,
  LANGFUSE_OBSERVATION_PROMPT_NAME,
  LANGFUSE_OBSERVATION_PROMPT_VERSION,
  LANGFUSE_OBSERVATION_STATUS_MESSAGE,
  LANGFUSE_OBSERVATION_TYPE,
  LANGFUSE_OBSERVATION_USAGE_DETAILS,
  LANGFUSE_PREFIX,
  LANGFUSE_PROMPT_NAME,
  LANGFUSE_PROMPT_VERSION,
  LANGFUSE_RELEASE,
  LANGFUSE_SDK_SCOPE_NAME,
  LANGFUSE_SESSION_ID,
  LANGFUSE_TRACE_INPUT,
  LANGFUSE_TRACE_METADATA,
  LANGFUSE_TRACE_NAME,
  LANGFUSE_TRACE_OUTPUT,
  LANGFUSE_TRACE_SESSION_ID,
  LANGFUSE_TRACE_TAGS,
  LANGFUSE_TRACE_USER_ID,
  LANGFUSE_USER_ID,
  LANGFUSE_VERSION,
  LangfuseObservationType,
  type SpanType,
} from '@sightline/core';
import type { AttributeValue, OtlpSpan } from '../../otlp/types.ts';
import { type AttributeReader, parseMaybeJson } from '../attribute-reader.ts';
import { coerceMessages } from '../messages.ts';
import type { ConventionAdapter, SpanFields } from '../types.ts';
import { langfuseUsageToOtel } from './langfuse-usage.ts';
import {
  finishReasonsFromBody,
  labelFinishReasons,
  messagesFromInputValue,
  messagesFromOutputValue,
} from './provider-bodies.ts';
import {
  compact,
  isoToUnixUs,
  isRecord,
  lookup,
  readRecord,
  readTags,
  stringifyValue,
  toNumberRecord,
  toStringRecord,
} from './structured-values.ts';

const SPAN_TYPES: Record<string, SpanType | undefined> = {
  [LangfuseObservationType.generation]: 'llm',
  [LangfuseObservationType.embedding]: 'embedding',
  [LangfuseObservationType.agent]: 'agent',
  [LangfuseObservationType.tool]: 'tool',
  [LangfuseObservationType.chain]: 'chain',
  [LangfuseObservationType.retriever]: 'retriever',
  [LangfuseObservationType.evaluator]: 'evaluator',
  [LangfuseObservationType.guardrail]: 'guardrail',
  [LangfuseObservationType.event]: 'other',
  // A plain `span` says nothing about the work; other conventions on the span may know more.
  [LangfuseObservationType.span]: undefined,
};

const OPERATIONS: Record<string, string> = {
  [LangfuseObservationType.generation]: GenAiOperation.chat,
  [LangfuseObservationType.embedding]: GenAiOperation.embeddings,
  [LangfuseObservationType.agent]: GenAiOperation.invokeAgent,
  [LangfuseObservationType.tool]: GenAiOperation.executeTool,
  [LangfuseObservationType.retriever]: GenAiOperation.retrieval,
};

/** Langfuse input/output is any JSON: chat messages when it has their shape, else its text. */
function chatShaped(value: AttributeValue): ChatMessage[] | undefined {
  const parsed = parseMaybeJson(value);
  const isMessage = (item: AttributeValue) => isRecord(item) && typeof item.role === 'string';
  if (Array.isArray(parsed) && parsed.length > 0 && parsed.every(isMessage)) return coerceMessages(parsed);
  if (parsed !== undefined && isMessage(parsed)) return coerceMessages(parsed);
  return undefined;
}

function readMessages(reader: AttributeReader, keys: readonly string[], direction: 'input' | 'output') {
  for (const key of keys) {
    const value = reader.value(key, direction);
    if (value === undefined) continue;
    const messages =
      chatShaped(value) ?? (direction === 'input' ? messagesFromInputValue(value) : messagesFromOutputValue(value));
    return { messages, finishReasons: direction === 'output' ? finishReasonsFromBody(value) : undefined };
  }
  return undefined;
}

/** Metadata as one JSON object (current SDKs) and flattened `<prefix>.<key>` attributes (older SDKs). */
function readMetadataGroup(reader: AttributeReader, prefix: string): Record<string, string> {
  const record = readRecord(reader, prefix, 'metadata');
  const metadata = record ? toStringRecord(record) : {};
  for (const key of reader.keysWithPrefix(`${prefix}.`)) {
    const value = reader.value(key, 'metadata');
    if (value !== undefined) metadata[key.slice(prefix.length + 1)] = stringifyValue(value);
  }
  return metadata;
}

function readMetadata(reader: AttributeReader): Record<string, string> {
  const metadata: Record<string, string> = {
    ...readMetadataGroup(reader, LANGFUSE_TRACE_METADATA),
    ...readMetadataGroup(reader, LANGFUSE_OBSERVATION_METADATA),
  };
  const extras: [string, string][] = [
    [LANGFUSE_TRACE_NAME, 'trace_name'],
    [LANGFUSE_RELEASE, 'release'],
    [LANGFUSE_VERSION, 'version'],
    [LANGFUSE_OBSERVATION_LEVEL, 'level'],
    [LANGFUSE_OBSERVATION_STATUS_MESSAGE, 'status_message'],
  ];
  for (const [key, name] of extras) {
    const value = reader.string(key, 'metadata');
    if (value !== undefined) metadata[name] = value;
  }
  return metadata;
}

function readUsage(reader: AttributeReader): Pick<SpanFields, 'usage' | 'usageDetails'> {
  const parsed = parseMaybeJson(reader.peek(LANGFUSE_OBSERVATION_USAGE_DETAILS) ?? null);
  if (!isRecord(parsed)) return {};
  const details = Object.fromEntries(Object.entries(toNumberRecord(parsed)).filter(([, count]) => count >= 0));
  if (Object.keys(details).length === 0) return {};
  reader.use(LANGFUSE_OBSERVATION_USAGE_DETAILS, 'usage');
  return { usage: langfuseUsageToOtel(details), usageDetails: details };
}

function readCost(reader: AttributeReader): Pick<SpanFields, 'providedCostUsd' | 'providedCostDetails'> {
  const parsed = parseMaybeJson(reader.peek(LANGFUSE_OBSERVATION_COST_DETAILS) ?? null);
  if (!isRecord(parsed)) return {};
  const { total, ...buckets } = Object.fromEntries(
    Object.entries(toNumberRecord(parsed)).filter(([, cost]) => cost >= 0),
  );
  // Buckets are exclusive, so without a total their sum is the cost.
  const bucketSum = Object.values(buckets).reduce((sum, cost) => sum + cost, 0);
  if (total === undefined && Object.keys(buckets).length === 0) return {};
  reader.use(LANGFUSE_OBSERVATION_COST_DETAILS, 'providedCostUsd');
  return { providedCostUsd: total ?? bucketSum, providedCostDetails: buckets };
}

/** Time to first token from the completion start time, relative to the span start. */
function readTimeToFirstToken(span: OtlpSpan, reader: AttributeReader): number | undefined {
  const startUs = isoToUnixUs(reader.peek(LANGFUSE_OBSERVATION_COMPLETION_START_TIME));
  if (startUs === undefined || startUs < span.startTimeUnixUs) return undefined;
  reader.use(LANGFUSE_OBSERVATION_COMPLETION_START_TIME, 'timeToFirstTokenMs');
  return (startUs - span.startTimeUnixUs) / 1000;
}

function firstString(reader: AttributeReader, keys: readonly string[], field: string): string | undefined {
  let first: string | undefined;
  for (const key of keys) first ??= reader.string(key, field);
  return first;
}

function map(span: OtlpSpan, reader: AttributeReader): SpanFields {
  const rawType = reader.peek(LANGFUSE_OBSERVATION_TYPE);
  const type = typeof rawType === 'string' ? rawType.trim().toLowerCase() : undefined;
  if (type !== undefined && Object.hasOwn(SPAN_TYPES, type)) reader.use(LANGFUSE_OBSERVATION_TYPE, 'spanType');
  const level = reader.peek(LANGFUSE_OBSERVATION_LEVEL);
  const statusMessage = reader.peek(LANGFUSE_OBSERVATION_STATUS_MESSAGE);
  // Trace input/output describe the whole trace; they stand in for the span's own only on the root.
  const isRoot = span.parentSpanId === '';
  const inputKeys = isRoot ? [LANGFUSE_OBSERVATION_INPUT, LANGFUSE_TRACE_INPUT] : [LANGFUSE_OBSERVATION_INPUT];
  const outputKeys = isRoot ? [LANGFUSE_OBSERVATION_OUTPUT, LANGFUSE_TRACE_OUTPUT] : [LANGFUSE_OBSERVATION_OUTPUT];
  const input = readMessages(reader, inputKeys, 'input');
  const output = readMessages(reader, outputKeys, 'output');
  if (output?.finishReasons) labelFinishReasons(output.messages, output.finishReasons);
  return compact<SpanFields>({
    spanType: lookup(SPAN_TYPES, type),
    operation: lookup(OPERATIONS, type),
    requestModel: reader.string(LANGFUSE_OBSERVATION_MODEL, 'requestModel'),
    requestParameters: readRecord(reader, LANGFUSE_OBSERVATION_MODEL_PARAMETERS, 'requestParameters'),
    ...readUsage(reader),
    ...readCost(reader),
    timeToFirstTokenMs: readTimeToFirstToken(span, reader),
    input: input?.messages,
    output: output?.messages,
    finishReasons: output?.finishReasons,
    promptName: firstString(reader, [LANGFUSE_OBSERVATION_PROMPT_NAME, LANGFUSE_PROMPT_NAME], 'promptName'),
    promptVersion: firstString(reader, [LANGFUSE_OBSERVATION_PROMPT_VERSION, LANGFUSE_PROMPT_VERSION], 'promptVersion'),
    sessionId: firstString(reader, [LANGFUSE_TRACE_SESSION_ID, LANGFUSE_SESSION_ID], 'sessionId'),
    userId: firstString(reader, [LANGFUSE_TRACE_USER_ID, LANGFUSE_USER_ID], 'userId'),
    tags: readTags(reader, LANGFUSE_TRACE_TAGS, 'tags'),
    environment: reader.string(LANGFUSE_ENVIRONMENT, 'environment'),
    errorType: level === 'ERROR' ? (typeof statusMessage === 'string' && statusMessage) || 'error' : undefined,
    metadata: readMetadata(reader),
  });
}

/** Langfuse SDK spans (`langfuse.*` attributes or the `langfuse-sdk` scope). */
export const langfuseAdapter: ConventionAdapter = {
  name: 'langfuse',
  detect(span: OtlpSpan): boolean {
    if (span.scope.name === LANGFUSE_SDK_SCOPE_NAME) return true;
    for (const key in span.attributes) if (key.startsWith(LANGFUSE_PREFIX)) return true;
    return false;
  },
  map,
};
