import type { Attributes } from '@opentelemetry/api';
import {
  GEN_AI_OUTPUT_TYPE,
  GEN_AI_REQUEST_MAX_TOKENS,
  GEN_AI_REQUEST_STREAM,
  GEN_AI_REQUEST_TEMPERATURE,
  GEN_AI_REQUEST_TOP_P,
  GenAiOperation,
} from '@sightline/core';
import type { LlmCallResult, LlmCallStart } from '../spans/llm-call.ts';
import { capturingContent, parameterAttributes } from '../spans/request-attributes.ts';
import type { StreamAccumulator } from '../spans/traced-sdk-call.ts';
import { estimateTokens } from '../usage/estimate-tokens.ts';
import { type ReportedUsage, tokenCount } from '../usage/reported-usage.ts';
import { isRecord, type OtelMessage, parseArguments, text, textsOf, toolDefinitions } from './message-parts.ts';

type Json = Record<string, unknown>;

const PARAMETERS: ReadonlyArray<[string, string]> = [
  [GEN_AI_REQUEST_MAX_TOKENS, 'max_output_tokens'],
  [GEN_AI_REQUEST_TEMPERATURE, 'temperature'],
  [GEN_AI_REQUEST_TOP_P, 'top_p'],
];

function contentPart(part: unknown): Json {
  if (typeof part === 'string') return { type: 'text', content: part };
  if (!isRecord(part)) return { type: 'other', value: part };
  switch (part.type) {
    case 'input_text':
    case 'output_text':
    case 'text':
      return { type: 'text', content: text(part.text) ?? '' };
    case 'refusal':
      return { type: 'text', content: text(part.refusal) ?? '' };
    case 'input_image': {
      const url = text(part.image_url);
      if (url && !url.startsWith('data:')) return { type: 'uri', modality: 'image', uri: url };
      return { type: 'blob', modality: 'image', ...(text(part.file_id) ? { file_id: text(part.file_id) } : {}) };
    }
    case 'input_file':
      return { type: 'file', ...(text(part.file_id) ? { file_id: text(part.file_id) } : {}) };
    default:
      return { type: 'other', value: part };
  }
}

function contentParts(content: unknown): Json[] {
  if (typeof content === 'string') return [{ type: 'text', content }];
  return Array.isArray(content) ? content.map(contentPart) : [];
}

function reasoningText(item: Json): string {
  const summary = Array.isArray(item.summary) ? item.summary : [];
  return summary.map((part) => (isRecord(part) ? (text(part.text) ?? '') : '')).join('\n');
}

function toolCall(item: Json): Json {
  return {
    type: 'tool_call',
    ...(text(item.call_id) ? { id: text(item.call_id) } : {}),
    name: text(item.name) ?? '',
    arguments: parseArguments(item.arguments),
  };
}

/** `input` (a string or input items) in the parts shape. */
export function responsesInputMessages(input: unknown): OtelMessage[] {
  if (typeof input === 'string') return [{ role: 'user', parts: [{ type: 'text', content: input }] }];
  if (!Array.isArray(input)) return [];
  return input.map((item): OtelMessage => {
    if (!isRecord(item)) return { role: 'user', parts: [{ type: 'other', value: item }] };
    switch (item.type) {
      case 'function_call':
        return { role: 'assistant', parts: [toolCall(item)] };
      case 'function_call_output':
        return {
          role: 'tool',
          parts: [
            {
              type: 'tool_call_response',
              ...(text(item.call_id) ? { id: text(item.call_id) } : {}),
              response: item.output,
            },
          ],
        };
      case 'reasoning':
        return { role: 'assistant', parts: [{ type: 'reasoning', content: reasoningText(item) }] };
      default:
        if (typeof item.role === 'string') return { role: item.role, parts: contentParts(item.content) };
        return { role: 'user', parts: [{ type: 'other', value: item }] };
    }
  });
}

function finishReason(response: Json, output: unknown[]): string {
  if (response.status === 'incomplete') {
    const details = isRecord(response.incomplete_details) ? response.incomplete_details : {};
    return text(details.reason) ?? 'incomplete';
  }
  if (response.status === 'failed') return 'error';
  return output.some((item) => isRecord(item) && item.type === 'function_call') ? 'tool_calls' : 'stop';
}

function outputMessage(response: Json): OtelMessage {
  const output = Array.isArray(response.output) ? response.output : [];
  const parts: Json[] = [];
  for (const item of output) {
    if (!isRecord(item)) continue;
    if (item.type === 'message') parts.push(...contentParts(item.content));
    else if (item.type === 'function_call') parts.push(toolCall(item));
    else if (item.type === 'reasoning') {
      const content = reasoningText(item);
      if (content) parts.push({ type: 'reasoning', content });
    } else parts.push({ type: 'other', value: { type: item.type } });
  }
  return { role: 'assistant', parts, finish_reason: finishReason(response, output) };
}

export function responsesUsage(usage: unknown): ReportedUsage | undefined {
  if (!isRecord(usage)) return undefined;
  const input = tokenCount(usage.input_tokens);
  const output = tokenCount(usage.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  const inputDetails = isRecord(usage.input_tokens_details) ? usage.input_tokens_details : {};
  const outputDetails = isRecord(usage.output_tokens_details) ? usage.output_tokens_details : {};
  return {
    inputTokens: input ?? 0,
    outputTokens: output ?? 0,
    cacheReadTokens: tokenCount(inputDetails.cached_tokens),
    cacheWriteTokens: tokenCount(inputDetails.cache_write_tokens),
    reasoningTokens: tokenCount(outputDetails.reasoning_tokens),
  };
}

export function responsesCallStart(body: Json, server: Attributes): LlmCallStart {
  const attributes = parameterAttributes(body, PARAMETERS);
  if (body.stream === true) attributes[GEN_AI_REQUEST_STREAM] = true;
  const format = isRecord(body.text) && isRecord(body.text.format) ? body.text.format.type : undefined;
  if (typeof format === 'string') attributes[GEN_AI_OUTPUT_TYPE] = format === 'text' ? 'text' : 'json';
  const instructions = text(body.instructions);
  return {
    operation: GenAiOperation.chat,
    provider: 'openai',
    requestModel: text(body.model) ?? '',
    spanType: 'llm',
    server,
    attributes,
    content: capturingContent()
      ? {
          messages: responsesInputMessages(body.input),
          systemInstructions: instructions ? [{ type: 'text', content: instructions }] : [],
          tools: toolDefinitions(body.tools),
        }
      : undefined,
  };
}

function estimator(body: Json, output: () => OtelMessage[]): () => ReportedUsage {
  return () => ({
    inputTokens: estimateTokens(textsOf([body.instructions, body.input, body.tools])),
    outputTokens: estimateTokens(textsOf(output().map((message) => message.parts))),
  });
}

export function responsesResult(body: Json, response: unknown): LlmCallResult {
  const record = isRecord(response) ? response : {};
  const message = outputMessage(record);
  return {
    responseId: text(record.id),
    responseModel: text(record.model),
    finishReasons: message.finish_reason ? [message.finish_reason] : [],
    usage: responsesUsage(record.usage),
    estimateUsage: estimator(body, () => [message]),
    outputMessages: [message],
  };
}

const FINAL_EVENTS = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** Streamed Responses events: the final event carries the whole response, usage included. */
export class ResponsesStreamAccumulator implements StreamAccumulator {
  readonly #body: Json;
  #final: Json | undefined;
  #started: Json | undefined;
  #text = '';

  constructor(body: Json) {
    this.#body = body;
  }

  /** Never hides an event from the app. */
  readonly hidesItems = false;

  add(event: unknown): boolean {
    if (!isRecord(event)) return true;
    if (FINAL_EVENTS.has(String(event.type)) && isRecord(event.response)) this.#final = event.response;
    else if (event.type === 'response.created' && isRecord(event.response)) this.#started = event.response;
    else if (event.type === 'response.output_text.delta' && typeof event.delta === 'string') this.#text += event.delta;
    return true;
  }

  result(): LlmCallResult {
    if (this.#final) return responsesResult(this.#body, this.#final);
    const partial = {
      ...this.#started,
      output: [{ type: 'message', content: [{ type: 'output_text', text: this.#text }] }],
      usage: undefined,
    };
    return responsesResult(this.#body, partial);
  }
}
