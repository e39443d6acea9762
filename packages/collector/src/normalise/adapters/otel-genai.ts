// The generic OpenTelemetry GenAI adapter: every semconv version from the pre-1.27 names to 1.41 and
// the pending genai-repo renames. It runs last, so convention-specific adapters win on any field.
import {
  type ChatMessage,
  ERROR_TYPE,
  GEN_AI_AGENT_NAME,
  GEN_AI_AGGREGATED_USAGE_PREFIX,
  GEN_AI_CONVERSATION_ID,
  GEN_AI_OPENAI_REQUEST_SEED,
  GEN_AI_OPERATION_NAME,
  GEN_AI_PROMPT_NAME,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_REQUEST_PREFIX,
  GEN_AI_RESPONSE_COMPLETION_TOKENS_SK,
  GEN_AI_RESPONSE_FINISH_REASON_SINGULAR,
  GEN_AI_RESPONSE_FINISH_REASONS,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_RESPONSE_PROMPT_TOKENS_SK,
  GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  GEN_AI_SERVER_TIME_TO_FIRST_TOKEN,
  GEN_AI_SYSTEM,
  GEN_AI_TOOL_DEFINITIONS,
  GEN_AI_TOOL_NAME,
  GEN_AI_USAGE_PREFIX,
  GenAiOperation,
  OTEL_ENDUSER_ID,
  OTEL_SESSION_ID,
  OTEL_USER_ID,
  SemanticKernelOperation,
  type SpanType,
  type TokenUsage,
} from '@sightline/core';
import type { OtlpSpan } from '../../otlp/types.ts';
import type { AttributeReader } from '../attribute-reader.ts';
import { finishReasonsOf } from '../messages.ts';
import type { ConventionAdapter, SpanFields } from '../types.ts';
import { otelGenAiMessages } from './otel-genai-content.ts';
import { canonicalProvider } from './provider-names.ts';
import { firstNumber, firstString, put, secondsAsMs } from './read-fields.ts';

const SPAN_TYPE_BY_OPERATION: Readonly<Record<string, SpanType>> = {
  [GenAiOperation.chat]: 'llm',
  [GenAiOperation.textCompletion]: 'llm',
  [GenAiOperation.generateContent]: 'llm',
  [GenAiOperation.embeddings]: 'embedding',
  [GenAiOperation.retrieval]: 'retriever',
  [GenAiOperation.executeTool]: 'tool',
  [GenAiOperation.createAgent]: 'agent',
  [GenAiOperation.invokeAgent]: 'agent',
  [GenAiOperation.invokeWorkflow]: 'workflow',
  [SemanticKernelOperation.chatCompletions]: 'llm',
  [SemanticKernelOperation.textCompletions]: 'llm',
};

/** Usage attribute suffixes (after gen_ai.usage. or gen_ai.aggregated_usage.), most current spelling first. */
const USAGE_SUFFIXES: Readonly<Record<keyof TokenUsage, readonly string[]>> = {
  inputTokens: ['input_tokens', 'prompt_tokens'],
  outputTokens: ['output_tokens', 'completion_tokens'],
  // Pydantic AI puts cache and reasoning counts under gen_ai.usage.details.*.
  cacheReadTokens: ['cache_read.input_tokens', 'details.cache_read_tokens'],
  // cache_creation (1.40) was renamed cache_write in the genai repo; SDKs emit both.
  cacheWriteTokens: ['cache_creation.input_tokens', 'cache_write.input_tokens', 'details.cache_write_tokens'],
  reasoningTokens: ['reasoning.output_tokens', 'details.reasoning_tokens'],
};

const KNOWN_USAGE_SUFFIXES = new Set(Object.values(USAGE_SUFFIXES).flat());

interface UsageKeys {
  kind: keyof TokenUsage;
  field: string;
  keys: readonly string[];
}

/** The attribute names per token kind under one prefix, built once: these lookups run for every span. */
function usageKeys(prefix: string): readonly UsageKeys[] {
  return (Object.entries(USAGE_SUFFIXES) as Array<[keyof TokenUsage, readonly string[]]>).map(([kind, suffixes]) => ({
    kind,
    field: `usage.${kind}`,
    keys: suffixes.map((suffix) => prefix + suffix),
  }));
}

const USAGE_KEYS = usageKeys(GEN_AI_USAGE_PREFIX);
const AGGREGATED_USAGE_KEYS = usageKeys(GEN_AI_AGGREGATED_USAGE_PREFIX);

function readUsage(reader: AttributeReader, usageKeys: readonly UsageKeys[]): Partial<TokenUsage> {
  const usage: Partial<TokenUsage> = {};
  for (const { kind, field, keys } of usageKeys) {
    const count = firstNumber(reader, keys, field);
    if (count !== undefined) usage[kind] = count;
  }
  return usage;
}

function isEmptyRecord(record: object): boolean {
  for (const key in record) if (Object.hasOwn(record, key)) return false;
  return true;
}

/** Semantic Kernel (mid-2024) reported usage under gen_ai.response.*. */
function readSemanticKernelUsage(reader: AttributeReader): Partial<TokenUsage> {
  const usage: Partial<TokenUsage> = {};
  const input = reader.number(GEN_AI_RESPONSE_PROMPT_TOKENS_SK, 'usage.inputTokens');
  const output = reader.number(GEN_AI_RESPONSE_COMPLETION_TOKENS_SK, 'usage.outputTokens');
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  return usage;
}

/** gen_ai.response.finish_reasons, or the singular comma-joined tag of early emitters. */
function readFinishReasons(reader: AttributeReader): string[] | undefined {
  const reasons = reader.stringArray(GEN_AI_RESPONSE_FINISH_REASONS, 'finishReasons');
  if (reasons !== undefined) return reasons;
  const joined = reader.string(GEN_AI_RESPONSE_FINISH_REASON_SINGULAR, 'finishReasons');
  return joined
    ?.split(',')
    .map((reason) => reason.trim())
    .filter((reason) => reason !== '');
}

/** Per-modality and other usage counts the canonical kinds do not cover (gen_ai.usage.audio.input_tokens, ...). */
function readUsageDetails(reader: AttributeReader): Record<string, number> {
  const details: Record<string, number> = {};
  for (const key of reader.keysWithPrefix(GEN_AI_USAGE_PREFIX)) {
    const suffix = key.slice(GEN_AI_USAGE_PREFIX.length);
    // Attributes a convention adapter that ran earlier already gave a meaning are not details.
    if (KNOWN_USAGE_SUFFIXES.has(suffix) || !suffix.endsWith('_tokens') || reader.isMapped(key)) continue;
    // Totals are audit data only; every convention's total lands under one name.
    const name = suffix === 'total_tokens' ? 'total' : suffix;
    const count = reader.number(key, `usageDetails.${name}`);
    if (count !== undefined) details[name] = count;
  }
  return details;
}

/** Parameter name and mapping field per gen_ai.request.* key; a handful of keys recur on every span. */
const parameterNames = new Map<string, { name: string; field: string }>();
const MAX_PARAMETER_NAMES = 1000;

function parameterName(key: string): { name: string; field: string } {
  let entry = parameterNames.get(key);
  if (entry === undefined) {
    const name = key.slice(GEN_AI_REQUEST_PREFIX.length).replaceAll('.', '_');
    entry = { name, field: `requestParameters.${name}` };
    // Attribute names are caller-supplied: keep the memo bounded.
    if (parameterNames.size >= MAX_PARAMETER_NAMES) parameterNames.clear();
    parameterNames.set(key, entry);
  }
  return entry;
}

/** gen_ai.request.* except the model: temperature, max_tokens, top_p, seed, stop_sequences, ... */
function readRequestParameters(reader: AttributeReader): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  for (const key of reader.keysWithPrefix(GEN_AI_REQUEST_PREFIX)) {
    // Attributes an earlier adapter already gave a meaning (OpenLIT's request.user is the user id) are not parameters.
    if (key === GEN_AI_REQUEST_MODEL || reader.isMapped(key)) continue;
    const { name, field } = parameterName(key);
    const value = reader.value(key, field);
    if (value !== undefined) parameters[name] = value;
  }
  if (parameters.seed === undefined) {
    const seed = reader.number(GEN_AI_OPENAI_REQUEST_SEED, 'requestParameters.seed');
    if (seed !== undefined) parameters.seed = seed;
  }
  return parameters;
}

function hasGenAiData(span: OtlpSpan): boolean {
  for (const key in span.attributes) if (key.startsWith('gen_ai.')) return true;
  return span.events.some((event) => event.name.startsWith('gen_ai.'));
}

function mapOtelGenAi(span: OtlpSpan, reader: AttributeReader): SpanFields {
  const fields: SpanFields = {};
  const operation = reader.string(GEN_AI_OPERATION_NAME, 'operation');
  put(fields, 'operation', operation);
  const spanType = operation === undefined ? undefined : SPAN_TYPE_BY_OPERATION[operation];
  put(fields, 'spanType', spanType);

  const provider = firstString(reader, [GEN_AI_PROVIDER_NAME, GEN_AI_SYSTEM], 'provider');
  if (provider !== undefined && provider.trim() !== '') fields.provider = canonicalProvider(provider);
  put(fields, 'requestModel', reader.string(GEN_AI_REQUEST_MODEL, 'requestModel'));
  put(fields, 'responseModel', reader.string(GEN_AI_RESPONSE_MODEL, 'responseModel'));

  let usage = readUsage(reader, USAGE_KEYS);
  if (isEmptyRecord(usage)) usage = readSemanticKernelUsage(reader);
  const aggregated = readUsage(reader, AGGREGATED_USAGE_KEYS);
  if (isEmptyRecord(usage) && !isEmptyRecord(aggregated)) usage = aggregated;
  if (!isEmptyRecord(usage)) fields.usage = usage;
  const usageDetails = readUsageDetails(reader);
  if (!isEmptyRecord(usageDetails)) fields.usageDetails = usageDetails;
  // Agent and workflow spans that carry usage repeat their model calls' usage (AI SDK v7 roots,
  // Pydantic AI runs); the aggregated_usage names say so explicitly.
  const isWrapper = operation === GenAiOperation.invokeAgent || operation === GenAiOperation.invokeWorkflow;
  if (!isEmptyRecord(aggregated) || (isWrapper && fields.usage !== undefined)) fields.aggregatesChildren = true;

  const timeToFirstToken =
    secondsAsMs(reader, GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK, 'timeToFirstTokenMs') ??
    secondsAsMs(reader, GEN_AI_SERVER_TIME_TO_FIRST_TOKEN, 'timeToFirstTokenMs');
  put(fields, 'timeToFirstTokenMs', timeToFirstToken);

  put(fields, 'errorType', reader.string(ERROR_TYPE, 'errorType'));
  put(fields, 'sessionId', firstString(reader, [GEN_AI_CONVERSATION_ID, OTEL_SESSION_ID], 'sessionId'));
  put(fields, 'userId', firstString(reader, [OTEL_USER_ID, OTEL_ENDUSER_ID], 'userId'));
  put(fields, 'promptName', reader.string(GEN_AI_PROMPT_NAME, 'promptName'));
  put(fields, 'agentName', reader.string(GEN_AI_AGENT_NAME, 'agentName'));
  // Some instrumentations put the tools a model *asked for* on its chat span; only tool spans name a tool.
  const isToolSpan = spanType === 'tool' || (spanType === undefined && reader.has(GEN_AI_TOOL_NAME));
  const toolName = isToolSpan ? reader.string(GEN_AI_TOOL_NAME, 'toolName') : undefined;
  put(fields, 'toolName', toolName);
  put(fields, 'toolDefinitions', reader.json(GEN_AI_TOOL_DEFINITIONS, 'toolDefinitions') ?? undefined);

  const requestParameters = readRequestParameters(reader);
  if (!isEmptyRecord(requestParameters)) fields.requestParameters = requestParameters;

  const messages = otelGenAiMessages(span, reader, { toolName: isToolSpan ? (toolName ?? '') : undefined });
  put(fields, 'input', messages.input);
  put(fields, 'output', messages.output?.map(withoutEmptyFinishReason));
  const finishReasons = (readFinishReasons(reader) ?? (fields.output ? finishReasonsOf(fields.output) : [])).filter(
    (reason) => reason !== '',
  );
  if (finishReasons.length > 0) fields.finishReasons = finishReasons;
  return fields;
}

/** An empty finish reason (OpenLLMetry JS on streamed Anthropic tool calls) is no reason reported. */
function withoutEmptyFinishReason(message: ChatMessage): ChatMessage {
  if (message.finish_reason !== '') return message;
  const { finish_reason: _empty, ...rest } = message;
  return rest;
}

export const otelGenAiAdapter: ConventionAdapter = {
  name: 'otel_genai',
  detect: hasGenAiData,
  map: mapOtelGenAi,
};
