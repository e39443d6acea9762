// OpenLIT: OTel GenAI names (the generic adapter reads them) plus its own cost, application,
// environment, TTFT and token-detail attributes, and its own operation names.
//
// Cache tokens: OpenLIT's Anthropic instrumentation sets gen_ai.usage.input_tokens to the API's
// input_tokens, which excludes cache reads and writes ("prompt_tokens_include_cache stays False",
// openlit/instrumentation/anthropic/utils.py), so input is declared cache-exclusive for Anthropic.
import {
  type ChatMessage,
  DEPLOYMENT_ENVIRONMENT,
  EVENT_CONTENT_PROMPT,
  GEN_AI_OPERATION_NAME,
  GEN_AI_PROMPT,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_SERVER_TIME_TO_FIRST_TOKEN,
  GEN_AI_SYSTEM,
  OPENLIT_APPLICATION_NAME,
  OPENLIT_COMPLETION_TOKENS_DETAILS_REASONING,
  OPENLIT_ENVIRONMENT,
  OPENLIT_PROMPT_TOKENS_DETAILS_CACHE_READ,
  OPENLIT_PROMPT_TOKENS_DETAILS_CACHE_WRITE,
  OPENLIT_REQUEST_IS_STREAM,
  OPENLIT_REQUEST_USER,
  OPENLIT_SCOPE_PREFIX,
  OPENLIT_SDK_NAME_VALUE,
  OPENLIT_SDK_VERSION,
  OPENLIT_TELEMETRY_SDK_NAME,
  OPENLIT_USAGE_COST,
  OPENLIT_USAGE_REASONING_TOKENS,
  OpenLitOperation,
  type SpanType,
  type TokenUsage,
} from '@sightline/core';
import type { OtlpSpan } from '../../otlp/types.ts';
import type { AttributeReader } from '../attribute-reader.ts';
import { textMessage } from '../messages.ts';
import type { ConventionAdapter, SpanFields } from '../types.ts';
import { canonicalProvider } from './provider-names.ts';
import { firstNumber, firstString, put, secondsAsMs } from './read-fields.ts';

const SPAN_TYPE_BY_OPERATION: Readonly<Record<string, SpanType>> = {
  [OpenLitOperation.embedding]: 'embedding',
  [OpenLitOperation.image]: 'llm',
  [OpenLitOperation.audio]: 'llm',
  [OpenLitOperation.vectordb]: 'retriever',
  [OpenLitOperation.retrieve]: 'retriever',
  [OpenLitOperation.framework]: 'chain',
  [OpenLitOperation.agent]: 'agent',
  [OpenLitOperation.executeTask]: 'agent',
};

function detectOpenLit(span: OtlpSpan): boolean {
  if (span.scope.name.startsWith(OPENLIT_SCOPE_PREFIX)) return true;
  const attributes = span.attributes;
  return (
    attributes[OPENLIT_TELEMETRY_SDK_NAME] === OPENLIT_SDK_NAME_VALUE ||
    OPENLIT_APPLICATION_NAME in attributes ||
    OPENLIT_ENVIRONMENT in attributes ||
    OPENLIT_USAGE_COST in attributes ||
    OPENLIT_SDK_VERSION in attributes
  );
}

const ROLE_PREFIX = /^(system|developer|user|assistant|tool|function|model): ?/;

/**
 * OpenLIT's prompt text (`format_content`): one `role: content` line per message, joined by newlines;
 * a line without a role prefix continues the message before it. Undefined for any other text.
 */
export function parseRolePrefixedPrompt(text: string): ChatMessage[] | undefined {
  const lines = text.split('\n');
  if (!ROLE_PREFIX.test(lines[0] ?? '')) return undefined;
  const messages: Array<{ role: string; text: string }> = [];
  for (const line of lines) {
    const match = ROLE_PREFIX.exec(line);
    const last = messages.at(-1);
    if (match) messages.push({ role: match[1] ?? 'user', text: line.slice(match[0].length) });
    else if (last) last.text += `\n${line}`;
  }
  return messages.map((message) => textMessage(message.role, message.text));
}

/** The prompt from the span attribute (1.3x) or the ≤1.27 content event (all releases). */
function readPrompt(span: OtlpSpan, reader: AttributeReader): ChatMessage[] | undefined {
  const attribute = reader.peek(GEN_AI_PROMPT);
  if (typeof attribute === 'string') {
    const messages = parseRolePrefixedPrompt(attribute);
    if (messages) reader.use(GEN_AI_PROMPT, 'input');
    return messages;
  }
  const event = span.events.find((candidate) => candidate.name === EVENT_CONTENT_PROMPT)?.attributes[GEN_AI_PROMPT];
  return typeof event === 'string' ? parseRolePrefixedPrompt(event) : undefined;
}

function readUsage(reader: AttributeReader): Partial<TokenUsage> {
  const usage: Partial<TokenUsage> = {};
  const cacheRead = reader.number(OPENLIT_PROMPT_TOKENS_DETAILS_CACHE_READ, 'usage.cacheReadTokens');
  const cacheWrite = reader.number(OPENLIT_PROMPT_TOKENS_DETAILS_CACHE_WRITE, 'usage.cacheWriteTokens');
  const reasoning = firstNumber(
    reader,
    [OPENLIT_USAGE_REASONING_TOKENS, OPENLIT_COMPLETION_TOKENS_DETAILS_REASONING],
    'usage.reasoningTokens',
  );
  if (cacheRead !== undefined) usage.cacheReadTokens = cacheRead;
  if (cacheWrite !== undefined) usage.cacheWriteTokens = cacheWrite;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}

function mapOpenLit(span: OtlpSpan, reader: AttributeReader): SpanFields {
  const fields: SpanFields = {};
  put(fields, 'input', readPrompt(span, reader));
  const operation = reader.peek(GEN_AI_OPERATION_NAME);
  const spanType = typeof operation === 'string' ? SPAN_TYPE_BY_OPERATION[operation] : undefined;
  if (spanType !== undefined) {
    reader.use(GEN_AI_OPERATION_NAME, 'spanType');
    fields.spanType = spanType;
  }

  // OpenLIT reports 0 when its price list lacks the model: that is "unknown", not "free".
  const cost = reader.peek(OPENLIT_USAGE_COST);
  const costUsd = typeof cost === 'number' || typeof cost === 'string' ? Number(cost) : Number.NaN;
  if (Number.isFinite(costUsd) && costUsd > 0) {
    reader.use(OPENLIT_USAGE_COST, 'providedCostUsd');
    fields.providedCostUsd = costUsd;
  }

  const usage = readUsage(reader);
  if (Object.keys(usage).length > 0) fields.usage = usage;
  const provider = reader.peek(GEN_AI_PROVIDER_NAME) ?? reader.peek(GEN_AI_SYSTEM);
  if (typeof provider === 'string' && canonicalProvider(provider) === 'anthropic') fields.inputIncludesCache = false;

  // OpenLIT without a zero TTFT: non-streamed calls carry 0 ("not measured").
  put(fields, 'timeToFirstTokenMs', secondsAsMs(reader, GEN_AI_SERVER_TIME_TO_FIRST_TOKEN, 'timeToFirstTokenMs'));
  // Older releases: gen_ai.environment; later ones put deployment.environment on the span itself.
  put(fields, 'environment', firstString(reader, [OPENLIT_ENVIRONMENT, DEPLOYMENT_ENVIRONMENT], 'environment'));
  const application = reader.string(OPENLIT_APPLICATION_NAME, 'metadata.application_name');
  if (application !== undefined) fields.metadata = { application_name: application };
  put(fields, 'userId', reader.string(OPENLIT_REQUEST_USER, 'userId'));
  const stream = reader.boolean(OPENLIT_REQUEST_IS_STREAM, 'requestParameters.stream');
  if (stream !== undefined) fields.requestParameters = { stream };
  return fields;
}

export const openlitAdapter: ConventionAdapter = {
  name: 'openlit',
  detect: detectOpenLit,
  map: mapOpenLit,
};
