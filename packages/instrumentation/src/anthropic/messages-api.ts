import type { Attributes } from '@opentelemetry/api';
import {
  GEN_AI_REQUEST_MAX_TOKENS,
  GEN_AI_REQUEST_STOP_SEQUENCES,
  GEN_AI_REQUEST_STREAM,
  GEN_AI_REQUEST_TEMPERATURE,
  GEN_AI_REQUEST_TOP_K,
  GEN_AI_REQUEST_TOP_P,
  GenAiOperation,
} from '@sightline/core';
import { isRecord, type OtelMessage, text, textsOf } from '../openai/message-parts.ts';
import type { LlmCallResult, LlmCallStart } from '../spans/llm-call.ts';
import { capturingContent, parameterAttributes } from '../spans/request-attributes.ts';
import { estimateTokens } from '../usage/estimate-tokens.ts';
import { type ReportedUsage, tokenCount } from '../usage/reported-usage.ts';

type Json = Record<string, unknown>;

const PARAMETERS: ReadonlyArray<[string, string]> = [
  [GEN_AI_REQUEST_MAX_TOKENS, 'max_tokens'],
  [GEN_AI_REQUEST_TEMPERATURE, 'temperature'],
  [GEN_AI_REQUEST_TOP_P, 'top_p'],
  [GEN_AI_REQUEST_TOP_K, 'top_k'],
  [GEN_AI_REQUEST_STOP_SEQUENCES, 'stop_sequences'],
];

function sourcePart(block: Json, modality: string): Json {
  const source = isRecord(block.source) ? block.source : {};
  if (source.type === 'url') return { type: 'uri', modality, uri: text(source.url) ?? '' };
  if (source.type === 'file')
    return { type: 'file', modality, ...(text(source.file_id) ? { file_id: text(source.file_id) } : {}) };
  return { type: 'blob', modality, ...(text(source.media_type) ? { mime_type: text(source.media_type) } : {}) };
}

/** One content block in the parts shape. */
export function blockPart(block: unknown): Json {
  if (typeof block === 'string') return { type: 'text', content: block };
  if (!isRecord(block)) return { type: 'other', value: block };
  switch (block.type) {
    case 'text':
      return { type: 'text', content: text(block.text) ?? '' };
    case 'image':
      return sourcePart(block, 'image');
    case 'document':
      return sourcePart(block, 'document');
    case 'tool_use':
    case 'server_tool_use':
      return {
        type: 'tool_call',
        ...(text(block.id) ? { id: text(block.id) } : {}),
        name: text(block.name) ?? '',
        arguments: block.input,
      };
    case 'tool_result':
      return {
        type: 'tool_call_response',
        ...(text(block.tool_use_id) ? { id: text(block.tool_use_id) } : {}),
        response: block.content,
      };
    case 'thinking':
      return { type: 'reasoning', content: text(block.thinking) ?? '' };
    default:
      return { type: 'other', value: { type: block.type } };
  }
}

function blockParts(content: unknown): Json[] {
  if (typeof content === 'string') return [{ type: 'text', content }];
  return Array.isArray(content) ? content.map(blockPart) : [];
}

export function anthropicInputMessages(messages: unknown): OtelMessage[] {
  if (!Array.isArray(messages)) return [];
  return messages.map((message): OtelMessage => {
    const record = isRecord(message) ? message : {};
    const parts = blockParts(record.content);
    // A user turn made only of tool results is the tools answering, as OTel spells it.
    const onlyToolResults = parts.length > 0 && parts.every((part) => part.type === 'tool_call_response');
    return { role: onlyToolResults ? 'tool' : (text(record.role) ?? 'user'), parts };
  });
}

function toolDefinitions(tools: unknown): Json[] {
  if (!Array.isArray(tools)) return [];
  return tools.map((tool) => {
    if (!isRecord(tool)) return { type: 'other', value: tool };
    return {
      type: text(tool.type) ?? 'function',
      ...(text(tool.name) ? { name: text(tool.name) } : {}),
      ...(text(tool.description) ? { description: text(tool.description) } : {}),
      ...(tool.input_schema !== undefined ? { parameters: tool.input_schema } : {}),
    };
  });
}

export function messagesCallStart(body: Json, server: Attributes): LlmCallStart {
  const attributes = parameterAttributes(body, PARAMETERS);
  if (body.stream === true) attributes[GEN_AI_REQUEST_STREAM] = true;
  return {
    operation: GenAiOperation.chat,
    provider: 'anthropic',
    requestModel: text(body.model) ?? '',
    spanType: 'llm',
    server,
    attributes,
    content: capturingContent()
      ? {
          messages: anthropicInputMessages(body.messages),
          systemInstructions: blockParts(body.system),
          tools: toolDefinitions(body.tools),
        }
      : undefined,
  };
}

/** Anthropic reports input without cache reads and writes; OTel's input_tokens includes them. */
export function anthropicUsage(usage: unknown): ReportedUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const input = tokenCount(usage.input_tokens);
  const output = tokenCount(usage.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const cacheRead = tokenCount(usage.cache_read_input_tokens);
  const cacheWrite = tokenCount(usage.cache_creation_input_tokens);
  const details = isRecord(usage.output_tokens_details) ? usage.output_tokens_details : {};
  return {
    inputTokens: (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0),
    outputTokens: output ?? 0,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    reasoningTokens: tokenCount(details.thinking_tokens),
  };
}

function estimator(body: Json, output: () => OtelMessage[]): () => ReportedUsage {
  return () => ({
    inputTokens: estimateTokens(textsOf([body.system, body.messages, body.tools])),
    outputTokens: estimateTokens(textsOf(output().map((message) => message.parts))),
  });
}

export function messagesResult(body: Json, message: unknown): LlmCallResult {
  const record = isRecord(message) ? message : {};
  const stopReason = text(record.stop_reason);
  const output: OtelMessage = {
    role: text(record.role) ?? 'assistant',
    parts: blockParts(record.content),
    ...(stopReason ? { finish_reason: stopReason } : {}),
  };
  return {
    responseId: text(record.id),
    responseModel: text(record.model),
    finishReasons: stopReason ? [stopReason] : [],
    usage: anthropicUsage(record.usage),
    estimateUsage: estimator(body, () => [output]),
    outputMessages: [output],
  };
}

/** Rebuilds the message from streamed events, as the SDK's MessageStream does. */
export class MessagesStreamAccumulator {
  readonly #body: Json;
  #message: Json = {};
  readonly #blocks = new Map<number, Json & { partialJson?: string }>();
  #usage: Json = {};
  #stopReason: string | undefined;
  #finalUsageSeen = false;

  constructor(body: Json) {
    this.#body = body;
  }

  /** Never hides an event from the app. */
  readonly hidesItems = false;

  add(event: unknown): boolean {
    if (!isRecord(event)) return true;
    if (event.type === 'message_start' && isRecord(event.message)) {
      this.#message = event.message;
      if (isRecord(event.message.usage)) this.#usage = { ...event.message.usage };
    } else if (
      event.type === 'content_block_start' &&
      typeof event.index === 'number' &&
      isRecord(event.content_block)
    ) {
      this.#blocks.set(event.index, { ...event.content_block });
    } else if (event.type === 'content_block_delta' && typeof event.index === 'number' && isRecord(event.delta)) {
      const block = this.#blocks.get(event.index);
      if (block) this.#applyDelta(block, event.delta);
    } else if (event.type === 'message_delta') {
      if (isRecord(event.delta) && typeof event.delta.stop_reason === 'string')
        this.#stopReason = event.delta.stop_reason;
      if (isRecord(event.usage)) {
        this.#finalUsageSeen = true;
        for (const [key, value] of Object.entries(event.usage))
          if (value !== null && value !== undefined) this.#usage[key] = value;
      }
    }
    return true;
  }

  #applyDelta(block: Json & { partialJson?: string }, delta: Json): void {
    if (delta.type === 'text_delta' && typeof delta.text === 'string')
      block.text = `${text(block.text) ?? ''}${delta.text}`;
    else if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string') {
      block.thinking = `${text(block.thinking) ?? ''}${delta.thinking}`;
    } else if (delta.type === 'input_json_delta' && typeof delta.partial_json === 'string') {
      block.partialJson = `${block.partialJson ?? ''}${delta.partial_json}`;
    }
  }

  result(): LlmCallResult {
    const content = [...this.#blocks.entries()]
      .sort(([left], [right]) => left - right)
      .map(([, block]) => {
        const { partialJson, ...rest } = block;
        if (partialJson === undefined) return rest;
        try {
          return { ...rest, input: JSON.parse(partialJson) };
        } catch {
          return { ...rest, input: partialJson };
        }
      });
    const hasUsage = Object.keys(this.#usage).length > 0;
    const result = messagesResult(this.#body, {
      ...this.#message,
      content,
      stop_reason: this.#stopReason ?? this.#message.stop_reason,
      usage: hasUsage ? this.#usage : undefined,
    });
    // A stream read only in part has its input count (message_start) but no final output count.
    if (result.usage && !this.#finalUsageSeen) {
      const parts = result.outputMessages?.flatMap((message) => (message as OtelMessage).parts) ?? [];
      result.usage = { ...result.usage, outputTokens: estimateTokens(textsOf(parts)) };
      result.usageEstimated = true;
    }
    return result;
  }
}
