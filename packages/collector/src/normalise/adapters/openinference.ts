import {
  type ChatMessage,
  OPENINFERENCE_AGENT_NAME,
  OPENINFERENCE_COST_PREFIX,
  OPENINFERENCE_EMBEDDING_MODEL_NAME,
  OPENINFERENCE_LLM_FINISH_REASON,
  OPENINFERENCE_LLM_INVOCATION_PARAMETERS,
  OPENINFERENCE_LLM_MODEL_NAME,
  OPENINFERENCE_LLM_PROVIDER,
  OPENINFERENCE_LLM_REQUEST_MODEL_NAME,
  OPENINFERENCE_LLM_RESPONSE_MODEL_NAME,
  OPENINFERENCE_LLM_SYSTEM,
  OPENINFERENCE_LLM_TOOLS,
  OPENINFERENCE_METADATA,
  OPENINFERENCE_OUTPUT_MIME_TYPE,
  OPENINFERENCE_OUTPUT_VALUE,
  OPENINFERENCE_PROMPT_ID,
  OPENINFERENCE_PROMPT_TEMPLATE,
  OPENINFERENCE_PROMPT_TEMPLATE_VARIABLES,
  OPENINFERENCE_PROMPT_TEMPLATE_VERSION,
  OPENINFERENCE_PROMPT_VENDOR,
  OPENINFERENCE_RERANKER_MODEL_NAME,
  OPENINFERENCE_RERANKER_TOP_K,
  OPENINFERENCE_SESSION_ID,
  OPENINFERENCE_SPAN_KIND,
  OPENINFERENCE_TAG_TAGS,
  OPENINFERENCE_TOKEN_COUNT_PREFIX,
  OPENINFERENCE_TOOL_CALL_FUNCTION_NAME,
  OPENINFERENCE_TOOL_DESCRIPTION,
  OPENINFERENCE_TOOL_NAME,
  OPENINFERENCE_TOOL_PARAMETERS,
  OPENINFERENCE_USER_ID,
  OpenInferenceSpanKind,
  type SpanType,
  type TokenUsage,
} from '@sightline/core';
import type { OtlpSpan } from '../../otlp/types.ts';
import { type AttributeReader, parseMaybeJson, toFiniteNumber } from '../attribute-reader.ts';
import { contentToParts } from '../messages.ts';
import type { ConventionAdapter, SpanFields } from '../types.ts';
import { readSpanIo } from './openinference-io.ts';
import { MAX_FLATTENED_SLOTS } from './openinference-messages.ts';
import { finishReasonsFromBody, labelFinishReasons } from './provider-bodies.ts';
import {
  compact,
  type JsonRecord,
  lookup,
  readCount,
  readRecord,
  readTags,
  stringifyValue,
  toStringRecord,
} from './structured-values.ts';

const SPAN_TYPES: Record<string, SpanType> = {
  [OpenInferenceSpanKind.llm]: 'llm',
  [OpenInferenceSpanKind.embedding]: 'embedding',
  [OpenInferenceSpanKind.chain]: 'chain',
  [OpenInferenceSpanKind.retriever]: 'retriever',
  [OpenInferenceSpanKind.reranker]: 'retriever',
  [OpenInferenceSpanKind.tool]: 'tool',
  [OpenInferenceSpanKind.agent]: 'agent',
  [OpenInferenceSpanKind.guardrail]: 'guardrail',
  [OpenInferenceSpanKind.evaluator]: 'evaluator',
  // A PROMPT span renders a template; it is neither an inference nor a pipeline step.
  [OpenInferenceSpanKind.prompt]: 'other',
};

const OPERATIONS: Record<string, string> = {
  [OpenInferenceSpanKind.llm]: 'chat',
  [OpenInferenceSpanKind.embedding]: 'embeddings',
  [OpenInferenceSpanKind.retriever]: 'retrieval',
  [OpenInferenceSpanKind.tool]: 'execute_tool',
  [OpenInferenceSpanKind.agent]: 'invoke_agent',
};

/** OpenInference provider spellings → `gen_ai.provider.name` values. */
const PROVIDER_NAMES: Record<string, string> = {
  mistralai: 'mistral_ai',
  mistral: 'mistral_ai',
  xai: 'x_ai',
  'azure.ai.openai': 'azure.ai.openai',
};

/**
 * `llm.system` names the AI product and `llm.provider` the host (OpenInference semantic conventions);
 * OTel's provider name combines both: Claude on AWS is `aws.bedrock`, OpenAI on Azure `azure.ai.openai`.
 */
export function openInferenceProvider(system: string | undefined, host: string | undefined): string | undefined {
  const product = system?.trim().toLowerCase() || undefined;
  const hostName = host?.trim().toLowerCase() || undefined;
  if (hostName === 'aws' || hostName === 'amazon' || hostName === 'bedrock' || product === 'amazon')
    return 'aws.bedrock';
  if (hostName === 'azure') return !product || product === 'openai' ? 'azure.ai.openai' : 'azure.ai.inference';
  if (product === 'vertexai' || product === 'vertex_ai' || (hostName === 'google' && product === 'anthropic')) {
    return 'gcp.vertex_ai';
  }
  if (hostName === 'google' || product === 'google' || product === 'gemini') return 'gcp.gemini';
  const name = hostName ?? product;
  return name === undefined ? undefined : (lookup(PROVIDER_NAMES, name) ?? name);
}

/** OpenInference cost buckets → canonical cost-detail keys. */
const COST_KEYS: Record<string, string> = {
  prompt: 'input',
  completion: 'output',
  'prompt_details.cache_read': 'cache_read',
  'prompt_details.cache_write': 'cache_write',
  'prompt_details.audio': 'input_audio',
  'completion_details.reasoning': 'reasoning',
  'completion_details.audio': 'output_audio',
};

function readUsage(reader: AttributeReader): Pick<SpanFields, 'usage' | 'usageDetails'> {
  const details: Record<string, number> = {};
  for (const key of reader.keysWithPrefix(OPENINFERENCE_TOKEN_COUNT_PREFIX)) {
    const count = readCount(reader, key, 'usage');
    if (count !== undefined) details[key.slice(OPENINFERENCE_TOKEN_COUNT_PREFIX.length)] = count;
  }
  if (Object.keys(details).length === 0) return {};
  const output = details.completion;
  let input = details.prompt;
  if (input === undefined && details.total !== undefined && output !== undefined) {
    input = Math.max(details.total - output, 0);
  }
  const usage = compact<Partial<TokenUsage>>({
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: details['prompt_details.cache_read'],
    cacheWriteTokens: details['prompt_details.cache_write'],
    reasoningTokens: details['completion_details.reasoning'],
  });
  return { usage, usageDetails: details };
}

function readCost(reader: AttributeReader): Pick<SpanFields, 'providedCostUsd' | 'providedCostDetails'> {
  const costs: Record<string, number> = {};
  for (const key of reader.keysWithPrefix(OPENINFERENCE_COST_PREFIX)) {
    const cost = toFiniteNumber(reader.peek(key));
    if (cost === undefined || cost < 0) continue;
    reader.use(key, 'providedCostUsd');
    costs[key.slice(OPENINFERENCE_COST_PREFIX.length)] = cost;
  }
  const { total, ...buckets } = costs;
  const details: Record<string, number> = {};
  for (const [bucket, cost] of Object.entries(buckets))
    details[lookup(COST_KEYS, bucket) ?? bucket.replaceAll('.', '_')] = cost;
  const summed = buckets.prompt !== undefined || buckets.completion !== undefined;
  const costUsd = total ?? (summed ? (buckets.prompt ?? 0) + (buckets.completion ?? 0) : undefined);
  if (costUsd === undefined) return {};
  return { providedCostUsd: costUsd, providedCostDetails: details };
}

function readToolDefinitions(reader: AttributeReader, kind: string | undefined): unknown {
  const definitions: [number, unknown][] = [];
  for (const key of reader.keysWithPrefix(`${OPENINFERENCE_LLM_TOOLS}.`)) {
    const match = /^(\d{1,6})\.tool\.json_schema$/.exec(key.slice(OPENINFERENCE_LLM_TOOLS.length + 1));
    const value = reader.peek(key);
    if (!match || value === undefined || value === null || Number(match[1]) >= MAX_FLATTENED_SLOTS) continue;
    const parsed = parseMaybeJson(value);
    if (parsed === undefined) continue;
    reader.use(key, 'toolDefinitions');
    definitions.push([Number(match[1]), parsed]);
  }
  if (definitions.length > 0) return definitions.sort(([a], [b]) => a - b).map(([, definition]) => definition);
  if (kind !== OpenInferenceSpanKind.tool) return undefined;
  const parameters = reader.json(OPENINFERENCE_TOOL_PARAMETERS, 'toolDefinitions');
  if (parameters === undefined) return undefined;
  const name = reader.peek(OPENINFERENCE_TOOL_NAME);
  const description = reader.string(OPENINFERENCE_TOOL_DESCRIPTION, 'toolDefinitions');
  return [compact({ name: name === undefined ? undefined : stringifyValue(name), description, parameters })];
}

function readMetadata(reader: AttributeReader, documentCount: number | undefined): Record<string, string> {
  const record = readRecord(reader, OPENINFERENCE_METADATA, 'metadata');
  const metadata = record ? toStringRecord(record) : {};
  const template = reader.string(OPENINFERENCE_PROMPT_TEMPLATE, 'metadata');
  if (template !== undefined) metadata['prompt_template.template'] = template;
  const variables = reader.value(OPENINFERENCE_PROMPT_TEMPLATE_VARIABLES, 'metadata');
  if (variables !== undefined) metadata['prompt_template.variables'] = stringifyValue(variables);
  const vendor = reader.string(OPENINFERENCE_PROMPT_VENDOR, 'metadata');
  if (vendor !== undefined) metadata['prompt.vendor'] = vendor;
  if (documentCount !== undefined) metadata['retrieval.document_count'] = String(documentCount);
  return metadata;
}

/** Anthropic instrumentations keep the system prompt in the request parameters, not among the messages. */
function withSystemPrompt(input: ChatMessage[] | undefined, parameters: JsonRecord | undefined) {
  const system = parameters?.system;
  if (system === undefined || input?.some((message) => message.role === 'system')) return input;
  const parts = contentToParts(system);
  return parts.length > 0 ? [{ role: 'system', parts }, ...(input ?? [])] : input;
}

function spanName(span: OtlpSpan): string | undefined {
  return span.name.trim() === '' ? undefined : span.name;
}

/** Finish reasons from `llm.finish_reason`, else from the response body in `output.value`. */
function readFinishReasons(reader: AttributeReader, output: ChatMessage[] | undefined): string[] | undefined {
  const explicit = reader.stringArray(OPENINFERENCE_LLM_FINISH_REASON, 'finishReasons');
  if (explicit) return explicit;
  const reasons = finishReasonsFromBody(reader.peek(OPENINFERENCE_OUTPUT_VALUE));
  if (!reasons) return undefined;
  reader.use(OPENINFERENCE_OUTPUT_VALUE, 'finishReasons');
  reader.use(OPENINFERENCE_OUTPUT_MIME_TYPE, 'finishReasons');
  labelFinishReasons(output, reasons);
  return reasons;
}

function mapOpenInference(span: OtlpSpan, reader: AttributeReader): SpanFields {
  const rawKind = reader.peek(OPENINFERENCE_SPAN_KIND);
  const kind = typeof rawKind === 'string' ? rawKind.trim().toUpperCase() : undefined;
  if (lookup(SPAN_TYPES, kind) !== undefined) reader.use(OPENINFERENCE_SPAN_KIND, 'spanType');
  const system = reader.string(OPENINFERENCE_LLM_SYSTEM, 'provider');
  const host = reader.string(OPENINFERENCE_LLM_PROVIDER, 'provider');
  const requestParameters = readRecord(reader, OPENINFERENCE_LLM_INVOCATION_PARAMETERS, 'requestParameters');
  const topK = readCount(reader, OPENINFERENCE_RERANKER_TOP_K, 'requestParameters');
  const modelName = reader.string(OPENINFERENCE_LLM_MODEL_NAME, 'responseModel');
  const otherModel =
    reader.string(OPENINFERENCE_EMBEDDING_MODEL_NAME, 'requestModel') ??
    reader.string(OPENINFERENCE_RERANKER_MODEL_NAME, 'requestModel');
  const invokedModel = typeof requestParameters?.model === 'string' ? requestParameters.model : undefined;
  const io = readSpanIo(reader, kind, spanName(span) ?? '');
  const tags = readTags(reader, OPENINFERENCE_TAG_TAGS, 'tags');
  const finishReasons = readFinishReasons(reader, io.output);
  return compact<SpanFields>({
    spanType: lookup(SPAN_TYPES, kind),
    operation: lookup(OPERATIONS, kind),
    provider: openInferenceProvider(system, host),
    requestModel:
      reader.string(OPENINFERENCE_LLM_REQUEST_MODEL_NAME, 'requestModel') ?? invokedModel ?? modelName ?? otherModel,
    responseModel: reader.string(OPENINFERENCE_LLM_RESPONSE_MODEL_NAME, 'responseModel') ?? modelName ?? otherModel,
    ...readUsage(reader),
    ...readCost(reader),
    input: kind === OpenInferenceSpanKind.llm ? withSystemPrompt(io.input, requestParameters) : io.input,
    output: io.output,
    toolDefinitions: readToolDefinitions(reader, kind),
    requestParameters:
      requestParameters || topK !== undefined
        ? { ...requestParameters, ...(topK === undefined ? {} : { top_k: topK }) }
        : undefined,
    sessionId: reader.string(OPENINFERENCE_SESSION_ID, 'sessionId'),
    userId: reader.string(OPENINFERENCE_USER_ID, 'userId'),
    promptName: reader.string(OPENINFERENCE_PROMPT_ID, 'promptName'),
    promptVersion: reader.string(OPENINFERENCE_PROMPT_TEMPLATE_VERSION, 'promptVersion'),
    tags,
    metadata: readMetadata(reader, io.documentCount),
    // openinference-core's traced agents and tools (traceAgent, traceTool) name only the span.
    agentName:
      reader.string(OPENINFERENCE_AGENT_NAME, 'agentName') ??
      (kind === OpenInferenceSpanKind.agent ? spanName(span) : undefined),
    toolName:
      reader.string(OPENINFERENCE_TOOL_NAME, 'toolName') ??
      (kind === OpenInferenceSpanKind.tool
        ? (reader.string(OPENINFERENCE_TOOL_CALL_FUNCTION_NAME, 'toolName') ?? spanName(span))
        : undefined),
    finishReasons,
  });
}

const MESSAGE_PREFIXES = ['llm.input_messages.', 'llm.output_messages.', OPENINFERENCE_TOKEN_COUNT_PREFIX];

/** OpenInference (Arize Phoenix) spans: the span kind, `llm.*` model/usage attributes, or an OpenInference scope. */
export const openInferenceAdapter: ConventionAdapter = {
  name: 'openinference',
  detect(span: OtlpSpan): boolean {
    const attributes = span.attributes;
    if (OPENINFERENCE_SPAN_KIND in attributes || OPENINFERENCE_LLM_MODEL_NAME in attributes) return true;
    if (OPENINFERENCE_LLM_INVOCATION_PARAMETERS in attributes) return true;
    if (span.scope.name.includes('openinference')) return true;
    for (const key in attributes) {
      for (const prefix of MESSAGE_PREFIXES) if (key.startsWith(prefix)) return true;
    }
    return false;
  },
  map: mapOpenInference,
};
