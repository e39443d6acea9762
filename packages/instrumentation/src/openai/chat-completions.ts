import type { Attributes } from '@opentelemetry/api';
import {
  GEN_AI_OUTPUT_TYPE,
  GEN_AI_REQUEST_CHOICE_COUNT,
  GEN_AI_REQUEST_FREQUENCY_PENALTY,
  GEN_AI_REQUEST_MAX_TOKENS,
  GEN_AI_REQUEST_PRESENCE_PENALTY,
  GEN_AI_REQUEST_SEED,
  GEN_AI_REQUEST_STOP_SEQUENCES,
  GEN_AI_REQUEST_STREAM,
  GEN_AI_REQUEST_TEMPERATURE,
  GEN_AI_REQUEST_TOP_P,
  GenAiOperation,
} from '@sightline/core';
import type { LlmCallResult, LlmCallStart } from '../spans/llm-call.ts';
import { type CapturedContent, capturingContent, parameterAttributes } from '../spans/request-attributes.ts';
import { estimateTokens } from '../usage/estimate-tokens.ts';
import { type ReportedUsage, tokenCount } from '../usage/reported-usage.ts';
import {
  chatInputMessages,
  chatOutputMessage,
  copyMessage,
  copyMessages,
  isRecord,
  type OtelMessage,
  text,
  textsOf,
  toolDefinitions,
} from './message-parts.ts';

const PARAMETERS: ReadonlyArray<[string, string]> = [
  [GEN_AI_REQUEST_MAX_TOKENS, 'max_tokens'],
  [GEN_AI_REQUEST_MAX_TOKENS, 'max_completion_tokens'],
  [GEN_AI_REQUEST_TEMPERATURE, 'temperature'],
  [GEN_AI_REQUEST_TOP_P, 'top_p'],
  [GEN_AI_REQUEST_SEED, 'seed'],
  [GEN_AI_REQUEST_FREQUENCY_PENALTY, 'frequency_penalty'],
  [GEN_AI_REQUEST_PRESENCE_PENALTY, 'presence_penalty'],
  [GEN_AI_REQUEST_STOP_SEQUENCES, 'stop'],
];

function outputType(responseFormat: unknown): string | undefined {
  if (!isRecord(responseFormat)) return undefined;
  return responseFormat.type === 'json_schema' || responseFormat.type === 'json_object' ? 'json' : 'text';
}

function chatParameterAttributes(body: Record<string, unknown>): Attributes {
  const attributes = parameterAttributes(body, PARAMETERS);
  if (typeof body.n === 'number' && body.n !== 1) attributes[GEN_AI_REQUEST_CHOICE_COUNT] = body.n;
  if (body.stream === true) attributes[GEN_AI_REQUEST_STREAM] = true;
  const type = outputType(body.response_format);
  if (type) attributes[GEN_AI_OUTPUT_TYPE] = type;
  return attributes;
}

/**
 * A chat call's start. Its parameter attributes and content are built when the span is created or
 * completed, off the call path, from copies taken now: of the request's top-level fields, and of its messages
 * (copyMessages) and tools lists. An app that reuses its request object, or its messages, and
 * changes them for the next call does not change this call's span.
 */
class ChatCallStart implements LlmCallStart {
  readonly operation: string = GenAiOperation.chat;
  readonly provider: string;
  readonly requestModel: string;
  readonly spanType = 'llm' as const;
  readonly server: Attributes;
  readonly #request: Record<string, unknown>;
  /** Copies of the messages and tools, when content is captured. */
  readonly #messages: unknown[] | undefined;
  readonly #tools: unknown;
  #attributes: Attributes | undefined;
  #content: CapturedContent | undefined;

  constructor(body: Record<string, unknown>, provider: string, server: Attributes) {
    this.#request = { ...body };
    // The one list among the parameters: the app may change it in place for its next call.
    if (Array.isArray(body.stop)) this.#request.stop = body.stop.slice();
    this.provider = provider;
    this.requestModel = text(body.model) ?? '';
    this.server = server;
    if (capturingContent()) {
      this.#messages = copyMessages(body.messages);
      this.#tools = Array.isArray(body.tools) ? body.tools.slice() : undefined;
    }
  }

  get attributes(): Attributes {
    this.#attributes ??= chatParameterAttributes(this.#request);
    return this.#attributes;
  }

  get content(): CapturedContent | undefined {
    if (this.#messages === undefined) return undefined;
    this.#content ??= { messages: chatInputMessages(this.#messages), tools: toolDefinitions(this.#tools) };
    return this.#content;
  }
}

export function chatCallStart(body: Record<string, unknown>, provider: string, server: Attributes): LlmCallStart {
  return new ChatCallStart(body, provider, server);
}

/** OpenAI chat usage (prompt_tokens already includes cached tokens, completion_tokens reasoning). */
export function chatUsage(usage: unknown): ReportedUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const input = tokenCount(usage.prompt_tokens);
  const output = tokenCount(usage.completion_tokens);
  if (input === undefined && output === undefined) return undefined;
  const promptDetails = isRecord(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  const completionDetails = isRecord(usage.completion_tokens_details) ? usage.completion_tokens_details : {};
  return {
    inputTokens: input ?? 0,
    outputTokens: output ?? 0,
    cacheReadTokens: tokenCount(promptDetails.cached_tokens),
    cacheWriteTokens: tokenCount(promptDetails.cache_write_tokens),
    reasoningTokens: tokenCount(completionDetails.reasoning_tokens),
  };
}

function estimator(body: Record<string, unknown>, output: () => OtelMessage[]): () => ReportedUsage {
  return () => ({
    inputTokens: estimateTokens(textsOf([body.messages, body.tools])),
    outputTokens: estimateTokens(textsOf(output().map((message) => message.parts))),
  });
}

/**
 * A non-streamed chat completion. What the call's end needs (ids, finish reasons, usage) is read
 * now; the choices' messages are copied now (copyMessage: the app gets the completion and may change
 * it) and converted to the parts shape when the span is completed, off the call path.
 */
class CompletionResult implements LlmCallResult {
  readonly responseId: string | undefined;
  readonly responseModel: string | undefined;
  readonly finishReasons: string[] = [];
  readonly usage: ReportedUsage | undefined;
  readonly #body: Record<string, unknown>;
  readonly #messages: unknown[] = [];
  readonly #messageFinishReasons: (string | undefined)[] = [];
  #outputMessages: OtelMessage[] | undefined;

  constructor(body: Record<string, unknown>, completion: unknown) {
    this.#body = body;
    const record = isRecord(completion) ? completion : {};
    this.responseId = text(record.id);
    this.responseModel = text(record.model);
    this.usage = chatUsage(record.usage);
    // An index loop: this runs on every call, often before the JIT has optimised it.
    const choices = Array.isArray(record.choices) ? record.choices : [];
    for (let index = 0; index < choices.length; index += 1) {
      const choice: unknown = choices[index];
      if (!isRecord(choice)) continue;
      const finishReason = text(choice.finish_reason);
      this.#messages.push(copyMessage(choice.message));
      this.#messageFinishReasons.push(finishReason);
      if (finishReason !== undefined) this.finishReasons.push(finishReason);
    }
  }

  get outputMessages(): OtelMessage[] {
    if (this.#outputMessages === undefined) {
      const converted: OtelMessage[] = [];
      for (let index = 0; index < this.#messages.length; index += 1) {
        converted.push(chatOutputMessage(this.#messages[index], this.#messageFinishReasons[index]));
      }
      this.#outputMessages = converted;
    }
    return this.#outputMessages;
  }

  get estimateUsage(): (() => ReportedUsage) | undefined {
    return this.usage ? undefined : estimator(this.#body, () => this.outputMessages);
  }
}

/** The result of a non-streamed chat completion. */
export function chatResult(body: Record<string, unknown>, completion: unknown): LlmCallResult {
  return new CompletionResult(body, completion);
}

interface ChoiceState {
  content: string;
  reasoning: string;
  refusal: string;
  role: string;
  finishReason?: string;
  toolCalls: Map<number, { id?: string; name: string; arguments: string }>;
}

/** Accumulates streamed chat chunks into the call's result. */
export class ChatStreamAccumulator {
  readonly #body: Record<string, unknown>;
  readonly #choices = new Map<number, ChoiceState>();
  #id: string | undefined;
  #model: string | undefined;
  #usage: ReportedUsage | undefined;

  constructor(body: Record<string, unknown>) {
    this.#body = body;
  }

  add(chunk: unknown): void {
    if (!isRecord(chunk)) return;
    this.#id ??= text(chunk.id);
    this.#model ??= text(chunk.model);
    if (chunk.usage !== null && chunk.usage !== undefined) {
      const usage = chatUsage(chunk.usage);
      if (usage) this.#usage = usage;
    }
    const choices = chunk.choices;
    if (!Array.isArray(choices)) return;
    // Index loops: this runs for every chunk, often before the JIT has optimised it.
    for (let position = 0; position < choices.length; position += 1) {
      const choice: unknown = choices[position];
      if (isRecord(choice)) this.#addChoice(choice);
    }
  }

  #addChoice(choice: Record<string, unknown>): void {
    const index = typeof choice.index === 'number' ? choice.index : 0;
    let state = this.#choices.get(index);
    if (!state) {
      state = { content: '', reasoning: '', refusal: '', role: 'assistant', toolCalls: new Map() };
      this.#choices.set(index, state);
    }
    if (typeof choice.finish_reason === 'string') state.finishReason = choice.finish_reason;
    const delta = choice.delta;
    if (!isRecord(delta)) return;
    if (typeof delta.role === 'string') state.role = delta.role;
    if (typeof delta.content === 'string') state.content += delta.content;
    if (typeof delta.refusal === 'string') state.refusal += delta.refusal;
    const reasoning = text(delta.reasoning_content) ?? text(delta.reasoning);
    if (reasoning) state.reasoning += reasoning;
    const toolCalls = delta.tool_calls;
    if (!Array.isArray(toolCalls)) return;
    for (let position = 0; position < toolCalls.length; position += 1) {
      const call: unknown = toolCalls[position];
      if (!isRecord(call)) continue;
      const callIndex = typeof call.index === 'number' ? call.index : 0;
      const existing = state.toolCalls.get(callIndex) ?? { name: '', arguments: '' };
      const fn = isRecord(call.function) ? call.function : {};
      if (typeof call.id === 'string') existing.id = call.id;
      if (typeof fn.name === 'string') existing.name += fn.name;
      if (typeof fn.arguments === 'string') existing.arguments += fn.arguments;
      state.toolCalls.set(callIndex, existing);
    }
  }

  result(): LlmCallResult {
    return new StreamedChatResult(this.#body, byIndex(this.#choices), this.#id, this.#model, this.#usage);
  }
}

/** Map values in key order (choices and tool calls by their index); no sort for the usual one entry. */
function byIndex<T>(map: ReadonlyMap<number, T>): T[] {
  if (map.size <= 1) return [...map.values()];
  return [...map.entries()].sort(([left], [right]) => left - right).map(([, value]) => value);
}

/**
 * A streamed chat completion's result. The choices' text and tool calls are the accumulator's own
 * strings, which nothing else changes: their message shape is built when first read (at export),
 * off the app's call path.
 */
class StreamedChatResult implements LlmCallResult {
  readonly responseId: string | undefined;
  readonly responseModel: string | undefined;
  readonly finishReasons: string[] = [];
  readonly usage: ReportedUsage | undefined;
  readonly #body: Record<string, unknown>;
  readonly #choices: readonly ChoiceState[];
  #outputMessages: OtelMessage[] | undefined;

  constructor(
    body: Record<string, unknown>,
    choices: readonly ChoiceState[],
    id: string | undefined,
    model: string | undefined,
    usage: ReportedUsage | undefined,
  ) {
    this.#body = body;
    this.#choices = choices;
    this.responseId = id;
    this.responseModel = model;
    this.usage = usage;
    for (let index = 0; index < choices.length; index += 1) {
      const reason = choices[index]?.finishReason;
      if (reason !== undefined) this.finishReasons.push(reason);
    }
  }

  get outputMessages(): OtelMessage[] {
    this.#outputMessages ??= this.#choices.map((state) =>
      chatOutputMessage(
        {
          role: state.role,
          content: state.content,
          refusal: state.refusal,
          reasoning_content: state.reasoning || undefined,
          tool_calls: byIndex(state.toolCalls).map((call) => ({
            id: call.id,
            function: { name: call.name, arguments: call.arguments },
          })),
        },
        state.finishReason,
      ),
    );
    return this.#outputMessages;
  }

  estimateUsage(): ReportedUsage {
    return estimator(this.#body, () => this.outputMessages)();
  }
}

/**
 * A streamed chat completion read from its chunks when the span is exported, not chunk by chunk on
 * the app's path: the chunks are kept as the SDK made them (the app reads them, it does not change
 * them). The usage, which the call's end needs, is taken from the last chunk that has one.
 */
export class ChunksChatResult implements LlmCallResult {
  readonly usage: ReportedUsage | undefined;
  readonly #body: Record<string, unknown>;
  readonly #chunks: readonly unknown[];
  #result: LlmCallResult | undefined;

  constructor(body: Record<string, unknown>, chunks: readonly unknown[]) {
    this.#body = body;
    this.#chunks = chunks;
    for (let index = chunks.length - 1; index >= 0 && this.usage === undefined; index -= 1) {
      const chunk = chunks[index];
      if (isRecord(chunk) && chunk.usage !== null && chunk.usage !== undefined) this.usage = chatUsage(chunk.usage);
    }
  }

  #read(): LlmCallResult {
    if (this.#result === undefined) {
      const accumulator = new ChatStreamAccumulator(this.#body);
      for (let index = 0; index < this.#chunks.length; index += 1) accumulator.add(this.#chunks[index]);
      this.#result = accumulator.result();
    }
    return this.#result;
  }

  get responseId(): string | undefined {
    return this.#read().responseId;
  }

  get responseModel(): string | undefined {
    return this.#read().responseModel;
  }

  get finishReasons(): string[] | undefined {
    return this.#read().finishReasons;
  }

  get outputMessages(): unknown[] | undefined {
    return this.#read().outputMessages;
  }

  estimateUsage(): ReportedUsage {
    const result = this.#read();
    return result.estimateUsage ? result.estimateUsage() : { inputTokens: 0, outputTokens: 0 };
  }
}
