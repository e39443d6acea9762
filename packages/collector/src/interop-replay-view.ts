// The shape of the interop replay facts (interop-replay-facts-*.ts): what the collector must store for
// each real third-party payload in normalise/__fixtures__/interop/, one entry per file. Token tuples
// are OTel semantics: input includes cache reads and writes, output includes reasoning.
import type { ChatMessage, MessagePart } from '@sightline/core';
import type { TraceDetail, TraceSpan } from './storage/api-types.ts';

/** [input, output, cache read, cache write, reasoning]. */
export type Tokens = [number, number, number, number, number];

/** A stored span, reduced to the canonical fields the facts are about. */
export interface SpanView {
  name: string;
  spanType: string;
  provider: string;
  requestModel: string;
  responseModel: string;
  tokens: Tokens;
  countsInTotals: boolean;
  costSource: string;
  userId: string;
  sessionId: string;
  agentName: string;
  toolName: string;
  finishReasons: string[];
  timeToFirstTokenMs: number | null;
  /** One entry per message: `role:part+part`, a tool call as `tool_call(name)`. */
  input: string[];
  output: string[];
  messagesSource: string;
  /** Names of the tool definitions offered to the model. */
  tools: string[];
}

export interface TraceView {
  name: string;
  userId: string;
  sessionId: string;
  spanCount: number;
  /** Each provider call once: aggregate roots and wrappers over native SDK spans are left out. */
  totals: Tokens;
  models: string[];
  promptNames: string[];
  /** Ordered by start time, then name. */
  spans: SpanView[];
}

export type FileFacts =
  /** Traces ordered by their earliest span. */
  | { signal: 'traces'; traces: TraceView[] }
  /** GenAI log records joined to the spans of `scenario` (a traces file) as their messages. */
  | { signal: 'logs'; scenario: string; records: number };

export const NONE: Tokens = [0, 0, 0, 0, 0];
export const USER = { userId: 'user-42', sessionId: 'session-7' };
export const SESSION = { sessionId: 'session-7' };

export function span(name: string, fields: Partial<SpanView>): SpanView {
  return {
    name,
    spanType: 'other',
    provider: '',
    requestModel: '',
    responseModel: '',
    tokens: NONE,
    countsInTotals: false,
    costSource: 'none',
    userId: '',
    sessionId: '',
    agentName: '',
    toolName: '',
    finishReasons: [],
    timeToFirstTokenMs: null,
    input: [],
    output: [],
    messagesSource: 'none',
    tools: [],
    ...fields,
  };
}

/** A provider call counted in totals and priced from the price table. */
export function call(
  name: string,
  provider: string,
  model: string,
  tokens: Tokens,
  fields: Partial<SpanView>,
): SpanView {
  return span(name, {
    spanType: 'llm',
    provider,
    requestModel: model,
    responseModel: model,
    tokens,
    countsInTotals: true,
    costSource: 'calculated',
    messagesSource: 'span',
    ...fields,
  });
}

/** A span whose usage repeats the provider call beneath it (instrumentation wrapper, aggregate root). */
export function wrapper(name: string, provider: string, model: string, tokens: Tokens, fields: Partial<SpanView>) {
  return call(name, provider, model, tokens, { countsInTotals: false, ...fields });
}

export function trace(name: string, totals: Tokens, models: string[], spans: SpanView[], identity = {}): TraceView {
  return {
    name,
    userId: '',
    sessionId: '',
    spanCount: spans.length,
    totals,
    models,
    promptNames: [],
    spans,
    ...identity,
  };
}

export const SONNET = 'claude-sonnet-4-6';
export const HAIKU = 'claude-haiku-4-5';
export const MINI = 'gpt-4o-mini';
export const SYSTEM_USER = ['system:text', 'user:text'];
export const WEATHER_CALL = ['assistant:tool_call(get_weather)'];
export const WEATHER_ANSWER_INPUT = ['user:text', 'assistant:tool_call(get_weather)', 'tool:tool_call_response'];

function partLabel(part: MessagePart): string {
  return part.type === 'tool_call' ? `tool_call(${part.name})` : part.type;
}

function messageLabels(messages: readonly ChatMessage[]): string[] {
  return messages.map((message) => `${message.role}:${message.parts.map(partLabel).join('+')}`);
}

/** Tool definitions name their tool at the top (OTel, Anthropic) or under `function` (OpenAI chat). */
function toolNames(definitions: unknown): string[] {
  if (!Array.isArray(definitions)) return [];
  return definitions.map((definition: { name?: unknown; function?: { name?: unknown } }) =>
    String(definition.name ?? definition.function?.name ?? '?'),
  );
}

export function viewOfSpan(stored: TraceSpan): SpanView {
  return {
    name: stored.name,
    spanType: stored.spanType,
    provider: stored.provider,
    requestModel: stored.requestModel,
    responseModel: stored.responseModel,
    tokens: [
      stored.inputTokens,
      stored.outputTokens,
      stored.cacheReadTokens,
      stored.cacheWriteTokens,
      stored.reasoningTokens,
    ],
    countsInTotals: stored.countsInTotals,
    costSource: stored.costSource,
    userId: stored.userId,
    sessionId: stored.sessionId,
    agentName: stored.agentName,
    toolName: stored.toolName,
    finishReasons: stored.finishReasons,
    timeToFirstTokenMs: stored.timeToFirstTokenMs,
    input: messageLabels(stored.input),
    output: messageLabels(stored.output),
    messagesSource: stored.messagesSource,
    tools: toolNames(stored.toolDefinitions),
  };
}

export function viewOfTrace(detail: TraceDetail): TraceView {
  const { trace: summary } = detail;
  const ordered = [...detail.spans].sort(
    (a, b) => a.startTimeUnixUs - b.startTimeUnixUs || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return {
    name: summary.name,
    userId: summary.userId,
    sessionId: summary.sessionId,
    spanCount: summary.spanCount,
    totals: [
      summary.inputTokens,
      summary.outputTokens,
      summary.cacheReadTokens,
      summary.cacheWriteTokens,
      summary.reasoningTokens,
    ],
    models: summary.models,
    promptNames: summary.promptNames,
    spans: ordered.map(viewOfSpan),
  };
}
