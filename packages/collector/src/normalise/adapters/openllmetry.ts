// OpenLLMetry (Traceloop), Python semconv-ai 0.4.x / 0.5 and JS @traceloop/*. v0.4 flattens messages
// into indexed attributes and spells cache tokens without the dot; v0.5 uses OTel names (left to the
// generic adapter) and keeps traceloop.* for workflows, entities, association properties and prompts.
//
// Cache tokens: the Python Anthropic instrumentation reports gen_ai.usage.input_tokens as input +
// cache_read + cache_creation (`_set_token_usage`), i.e. OTel semantics. The JS one passes Anthropic's
// raw, cache-exclusive `usage.input_tokens` through beside gen_ai.usage.cache_creation/cache_read
// (seen from @traceloop/instrumentation-anthropic 0.27: input 3 with 80 cache-creation tokens), so
// its input is declared cache-exclusive. Its releases before 0.23 emitted no cache attributes at all.
import {
  GEN_AI_PROVIDER_NAME,
  GEN_AI_SYSTEM,
  OPENLLMETRY_CHAT_STOP_SEQUENCES,
  OPENLLMETRY_COMPLETION_PREFIX,
  OPENLLMETRY_FREQUENCY_PENALTY,
  OPENLLMETRY_GEN_AI_USAGE_TOTAL_TOKENS,
  OPENLLMETRY_IS_STREAMING,
  OPENLLMETRY_LEGACY_COMPLETIONS_PREFIX,
  OPENLLMETRY_LEGACY_PROMPTS_PREFIX,
  OPENLLMETRY_LEGACY_REQUEST_MAX_TOKENS,
  OPENLLMETRY_LEGACY_REQUEST_MODEL,
  OPENLLMETRY_LEGACY_RESPONSE_MODEL,
  OPENLLMETRY_LEGACY_TEMPERATURE,
  OPENLLMETRY_LEGACY_TOP_P,
  OPENLLMETRY_LEGACY_USAGE_COMPLETION_TOKENS,
  OPENLLMETRY_LEGACY_USAGE_PROMPT_TOKENS,
  OPENLLMETRY_LEGACY_VENDOR,
  OPENLLMETRY_LLM_USAGE_REASONING_TOKENS,
  OPENLLMETRY_PRESENCE_PENALTY,
  OPENLLMETRY_PROMPT_PREFIX,
  OPENLLMETRY_REQUEST_FUNCTIONS_PREFIX,
  OPENLLMETRY_REQUEST_TYPE,
  OPENLLMETRY_RESPONSE_FINISH_REASON,
  OPENLLMETRY_RESPONSE_STOP_REASON,
  OPENLLMETRY_TOP_K,
  OPENLLMETRY_USAGE_CACHE_CREATION_INPUT_TOKENS,
  OPENLLMETRY_USAGE_CACHE_READ_INPUT_TOKENS,
  OPENLLMETRY_USAGE_REASONING_TOKENS,
  OPENLLMETRY_USAGE_TOTAL_TOKENS,
  OPENLLMETRY_USER,
  OpenLlmetryRequestType,
  type SpanType,
  type TokenUsage,
  TRACELOOP_JS_SCOPE_PREFIX,
  TRACELOOP_PREFIX,
} from '@sightline/core';
import type { OtlpSpan } from '../../otlp/types.ts';
import type { AttributeReader } from '../attribute-reader.ts';
import { parseMaybeJson } from '../attribute-reader.ts';
import { finishReasonsOf } from '../messages.ts';
import type { ConventionAdapter, SpanFields } from '../types.ts';
import { flattenedMessages } from './flattened-messages.ts';
import { mapTraceloop } from './openllmetry-traceloop.ts';
import { canonicalProvider } from './provider-names.ts';
import { firstNumber, firstString, indexedSlots, put, slotValue } from './read-fields.ts';

const REQUEST_TYPES: Readonly<Record<string, { spanType: SpanType; operation: string }>> = {
  [OpenLlmetryRequestType.chat]: { spanType: 'llm', operation: 'chat' },
  [OpenLlmetryRequestType.completion]: { spanType: 'llm', operation: 'text_completion' },
  [OpenLlmetryRequestType.embedding]: { spanType: 'embedding', operation: 'embeddings' },
  [OpenLlmetryRequestType.rerank]: { spanType: 'retriever', operation: 'rerank' },
};

const MARKER_KEYS = new Set([
  OPENLLMETRY_REQUEST_TYPE,
  OPENLLMETRY_USAGE_TOTAL_TOKENS,
  OPENLLMETRY_IS_STREAMING,
  OPENLLMETRY_USAGE_CACHE_READ_INPUT_TOKENS,
  OPENLLMETRY_USAGE_CACHE_CREATION_INPUT_TOKENS,
  OPENLLMETRY_LEGACY_VENDOR,
]);
/** The JS Anthropic instrumentation's scope: its input tokens exclude cache reads and writes. */
const JS_ANTHROPIC_SCOPE = `${TRACELOOP_JS_SCOPE_PREFIX}instrumentation-anthropic`;

const FLATTENED = /^(gen_ai\.prompt|gen_ai\.completion|llm\.prompts|llm\.completions|llm\.request\.functions)\.\d/;

/** A cheap test every FLATTENED key passes, so the regular expression runs only on candidates. */
function mayBeFlattened(key: string): boolean {
  return key.startsWith('gen_ai.prompt.') || key.startsWith('gen_ai.completion.') || key.startsWith('llm.');
}

function detectOpenLlmetry(span: OtlpSpan): boolean {
  if (span.scope.name.startsWith(TRACELOOP_JS_SCOPE_PREFIX)) return true;
  for (const key in span.attributes) {
    if (key.startsWith(TRACELOOP_PREFIX) || MARKER_KEYS.has(key) || (mayBeFlattened(key) && FLATTENED.test(key))) {
      return true;
    }
  }
  return false;
}

function readUsage(reader: AttributeReader): Partial<TokenUsage> {
  const usage: Partial<TokenUsage> = {};
  const entries: Array<[keyof TokenUsage, readonly string[]]> = [
    ['inputTokens', [OPENLLMETRY_LEGACY_USAGE_PROMPT_TOKENS]],
    ['outputTokens', [OPENLLMETRY_LEGACY_USAGE_COMPLETION_TOKENS]],
    ['cacheReadTokens', [OPENLLMETRY_USAGE_CACHE_READ_INPUT_TOKENS]],
    ['cacheWriteTokens', [OPENLLMETRY_USAGE_CACHE_CREATION_INPUT_TOKENS]],
    ['reasoningTokens', [OPENLLMETRY_USAGE_REASONING_TOKENS, OPENLLMETRY_LLM_USAGE_REASONING_TOKENS]],
  ];
  for (const [kind, keys] of entries) {
    const count = firstNumber(reader, keys, `usage.${kind}`);
    if (count !== undefined) usage[kind] = count;
  }
  return usage;
}

/** `llm.request.functions.N.{name,description,parameters|input_schema}` → OTel tool definitions. */
function readFunctions(reader: AttributeReader): unknown[] | undefined {
  const slots = indexedSlots(
    reader.keysWithPrefix(OPENLLMETRY_REQUEST_FUNCTIONS_PREFIX),
    OPENLLMETRY_REQUEST_FUNCTIONS_PREFIX,
  );
  if (slots.length === 0) return undefined;
  return slots.map((slot) => {
    const definition: Record<string, unknown> = { type: 'function' };
    const name = slotValue(reader, slot, 'name', 'toolDefinitions');
    const description = slotValue(reader, slot, 'description', 'toolDefinitions');
    const parameters =
      slotValue(reader, slot, 'parameters', 'toolDefinitions') ??
      slotValue(reader, slot, 'input_schema', 'toolDefinitions');
    if (name !== undefined) definition.name = name;
    if (description !== undefined) definition.description = description;
    if (parameters !== undefined) definition.parameters = parseMaybeJson(parameters) ?? parameters;
    return definition;
  });
}

function readRequestParameters(reader: AttributeReader): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  const entries: Array<[string, string]> = [
    ['top_k', OPENLLMETRY_TOP_K],
    ['frequency_penalty', OPENLLMETRY_FREQUENCY_PENALTY],
    ['presence_penalty', OPENLLMETRY_PRESENCE_PENALTY],
    ['temperature', OPENLLMETRY_LEGACY_TEMPERATURE],
    ['top_p', OPENLLMETRY_LEGACY_TOP_P],
    ['max_tokens', OPENLLMETRY_LEGACY_REQUEST_MAX_TOKENS],
  ];
  for (const [name, key] of entries) {
    const value = reader.number(key, `requestParameters.${name}`);
    if (value !== undefined) parameters[name] = value;
  }
  const stop = reader.stringArray(OPENLLMETRY_CHAT_STOP_SEQUENCES, 'requestParameters.stop_sequences');
  if (stop !== undefined) parameters.stop_sequences = stop;
  const stream = reader.boolean(OPENLLMETRY_IS_STREAMING, 'requestParameters.stream');
  if (stream !== undefined) parameters.stream = stream;
  return parameters;
}

function mapOpenLlmetry(span: OtlpSpan, reader: AttributeReader): SpanFields {
  const fields = mapTraceloop(reader);
  const requestType = reader.string(OPENLLMETRY_REQUEST_TYPE, 'spanType');
  const byRequestType = requestType === undefined ? undefined : REQUEST_TYPES[requestType];
  if (byRequestType) {
    put(fields, 'spanType', fields.spanType ?? byRequestType.spanType);
    // The Python Anthropic instrumentation tags Messages API calls (span `anthropic.chat`) as "completion".
    const isChat = requestType === OpenLlmetryRequestType.completion && span.name.endsWith('.chat');
    put(fields, 'operation', isChat ? 'chat' : byRequestType.operation);
  }
  // v0.5 spans carry gen_ai.provider.name; the generic adapter reads it.
  if (!reader.has(GEN_AI_PROVIDER_NAME)) {
    const system = firstString(reader, [GEN_AI_SYSTEM, OPENLLMETRY_LEGACY_VENDOR], 'provider');
    if (system !== undefined && system.trim() !== '') fields.provider = canonicalProvider(system);
  }
  put(fields, 'requestModel', reader.string(OPENLLMETRY_LEGACY_REQUEST_MODEL, 'requestModel'));
  put(fields, 'responseModel', reader.string(OPENLLMETRY_LEGACY_RESPONSE_MODEL, 'responseModel'));

  const usage = readUsage(reader);
  if (Object.keys(usage).length > 0) fields.usage = usage;
  if (span.scope.name === JS_ANTHROPIC_SCOPE) fields.inputIncludesCache = false;
  const total = firstNumber(
    reader,
    [OPENLLMETRY_USAGE_TOTAL_TOKENS, OPENLLMETRY_GEN_AI_USAGE_TOTAL_TOKENS],
    'usageDetails.total',
  );
  if (total !== undefined) fields.usageDetails = { total };

  const input =
    flattenedMessages(reader, OPENLLMETRY_PROMPT_PREFIX, 'user', 'input') ??
    flattenedMessages(reader, OPENLLMETRY_LEGACY_PROMPTS_PREFIX, 'user', 'input');
  const output =
    flattenedMessages(reader, OPENLLMETRY_COMPLETION_PREFIX, 'assistant', 'output') ??
    flattenedMessages(reader, OPENLLMETRY_LEGACY_COMPLETIONS_PREFIX, 'assistant', 'output');
  put(fields, 'input', fields.input ?? input);
  put(fields, 'output', fields.output ?? output);
  const finishReasons = output ? finishReasonsOf(output) : [];
  const reportedReason = firstString(
    reader,
    [OPENLLMETRY_RESPONSE_FINISH_REASON, OPENLLMETRY_RESPONSE_STOP_REASON],
    'finishReasons',
  );
  if (finishReasons.length === 0 && reportedReason !== undefined) finishReasons.push(reportedReason);
  if (finishReasons.length > 0) fields.finishReasons = finishReasons;

  put(fields, 'toolDefinitions', readFunctions(reader));
  const requestParameters = readRequestParameters(reader);
  if (Object.keys(requestParameters).length > 0) fields.requestParameters = requestParameters;
  put(fields, 'userId', fields.userId ?? reader.string(OPENLLMETRY_USER, 'userId'));
  return fields;
}

export const openllmetryAdapter: ConventionAdapter = {
  name: 'openllmetry',
  detect: detectOpenLlmetry,
  map: mapOpenLlmetry,
};
