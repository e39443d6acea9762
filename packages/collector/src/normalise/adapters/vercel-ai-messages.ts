import type { ChatMessage, MessagePart } from '@sightline/core';
import type { AttributeValue } from '../../otlp/types.ts';
import { parseMaybeJson } from '../attribute-reader.ts';
import { blockToParts, textMessage } from '../messages.ts';
import { isRecord, type JsonRecord, stringifyValue } from './structured-values.ts';

// AI SDK prompt and response shapes (LanguageModel prompt messages, ai v3–v7):
// parts are `text`, `reasoning`, `image`, `file`, `tool-call` {toolCallId, toolName, args|input} and
// `tool-result` {toolCallId, toolName, result | output: {type, value}}.

function mediaType(block: JsonRecord): string | undefined {
  const type = block.mediaType ?? block.mimeType;
  return typeof type === 'string' ? type : undefined;
}

function remoteUrl(value: AttributeValue | undefined): string | undefined {
  return typeof value === 'string' && /^https?:\/\//.test(value) ? value : undefined;
}

function toolCallPart(block: JsonRecord): MessagePart {
  const args = block.args ?? block.input ?? null;
  const part: MessagePart = {
    type: 'tool_call',
    name: stringifyValue(block.toolName ?? ''),
    arguments: parseMaybeJson(args) ?? args,
  };
  if (typeof block.toolCallId === 'string') part.id = block.toolCallId;
  return part;
}

/** v5+ wraps results as `{type: 'text' | 'json' | ..., value}`; v4 used a plain `result`. */
function toolResultPart(block: JsonRecord): MessagePart {
  const output = block.output;
  const response = isRecord(output) && 'value' in output ? output.value : (output ?? block.result ?? null);
  const part: MessagePart = { type: 'tool_call_response', response: response ?? null };
  if (typeof block.toolCallId === 'string') part.id = block.toolCallId;
  return part;
}

function partsOf(block: AttributeValue): MessagePart[] {
  if (!isRecord(block)) return blockToParts(block);
  switch (block.type) {
    case 'tool-call':
      return [toolCallPart(block)];
    case 'tool-result':
      return [toolResultPart(block)];
    case 'image': {
      const uri = remoteUrl(block.image);
      const part: MessagePart = uri ? { type: 'uri', modality: 'image', uri } : { type: 'blob', modality: 'image' };
      const mime = mediaType(block);
      if (mime) part.mime_type = mime;
      return [part];
    }
    case 'file': {
      // File bytes are never copied into the canonical span; a remote URL and the media type are kept.
      const uri = remoteUrl(block.data);
      const part: MessagePart = uri ? { type: 'uri', uri } : { type: 'file' };
      const mime = mediaType(block);
      if (mime) part.mime_type = mime;
      return [part];
    }
    case 'redacted-reasoning':
      return [{ type: 'reasoning', content: '' }];
    default:
      return blockToParts(block);
  }
}

function contentParts(content: AttributeValue | undefined): MessagePart[] {
  if (content === undefined || content === null || content === '') return [];
  if (typeof content === 'string') return [{ type: 'text', content }];
  return Array.isArray(content) ? content.flatMap((block) => partsOf(block)) : partsOf(content);
}

/** A list of AI SDK prompt messages (`ai.prompt.messages`, or `messages` inside `ai.prompt`). */
export function promptMessages(value: AttributeValue | undefined): ChatMessage[] | undefined {
  const parsed = value === undefined ? undefined : parseMaybeJson(value);
  if (!Array.isArray(parsed)) return undefined;
  const messages: ChatMessage[] = [];
  for (const item of parsed) {
    if (typeof item === 'string') messages.push(textMessage('user', item));
    else if (isRecord(item)) {
      messages.push({ role: typeof item.role === 'string' ? item.role : 'user', parts: contentParts(item.content) });
    }
  }
  return messages;
}

/**
 * The root span's `ai.prompt`: `{system?, prompt?, messages?}` as passed to generateText/streamText, where
 * `system` is text, or (ai 7) one system message or a list of them (to carry provider options such as cacheControl).
 */
export function rootPromptMessages(value: AttributeValue | undefined): ChatMessage[] | undefined {
  const parsed = value === undefined ? undefined : parseMaybeJson(value);
  if (!isRecord(parsed)) return undefined;
  const messages: ChatMessage[] = [];
  const { system, prompt } = parsed;
  if (typeof system === 'string' && system !== '') messages.push(textMessage('system', system));
  else messages.push(...(promptMessages(isRecord(system) ? [system] : system) ?? []));
  if (typeof prompt === 'string' && prompt !== '') messages.push(textMessage('user', prompt));
  else messages.push(...(promptMessages(prompt) ?? []));
  messages.push(...(promptMessages(parsed.messages) ?? []));
  return messages;
}

export interface ResponseValues {
  text?: AttributeValue;
  reasoning?: AttributeValue;
  toolCalls?: AttributeValue;
  object?: AttributeValue;
  finishReason?: string;
}

/** The assistant message a step or root span produced, from `ai.response.*` (or `ai.result.*`). */
export function responseMessages(values: ResponseValues): ChatMessage[] | undefined {
  const parts: MessagePart[] = [];
  const reasoning = values.reasoning;
  if (typeof reasoning === 'string' && reasoning !== '') parts.push({ type: 'reasoning', content: reasoning });
  else if (Array.isArray(reasoning)) parts.push(...contentParts(reasoning));
  if (typeof values.text === 'string' && values.text !== '') parts.push({ type: 'text', content: values.text });
  if (values.object !== undefined && values.object !== null) {
    parts.push({ type: 'text', content: stringifyValue(values.object) });
  }
  const toolCalls = values.toolCalls === undefined ? undefined : parseMaybeJson(values.toolCalls);
  if (Array.isArray(toolCalls)) {
    for (const call of toolCalls) if (isRecord(call)) parts.push(toolCallPart(call));
  }
  if (parts.length === 0) return undefined;
  const message: ChatMessage = { role: 'assistant', parts };
  if (values.finishReason) message.finish_reason = values.finishReason;
  return [message];
}

/** A tool execution as a call (input) and its result (output), the OTel `tool_call` / `tool_call_response` parts. */
export function toolCallMessages(
  name: string | undefined,
  id: string | undefined,
  args: AttributeValue | undefined,
  result: AttributeValue | undefined,
): { input?: ChatMessage[]; output?: ChatMessage[] } {
  const messages: { input?: ChatMessage[]; output?: ChatMessage[] } = {};
  if (args !== undefined) {
    messages.input = [
      { role: 'assistant', parts: [toolCallPart({ toolName: name ?? '', toolCallId: id ?? null, args })] },
    ];
  }
  if (result !== undefined) {
    const part: MessagePart = { type: 'tool_call_response', response: parseMaybeJson(result) ?? result };
    if (id) part.id = id;
    messages.output = [{ role: 'tool', parts: [part] }];
  }
  return messages;
}

/** Embedding inputs: `ai.value` / `ai.values` hold JSON-encoded values (usually strings). */
export function embeddingInput(values: AttributeValue[]): ChatMessage[] | undefined {
  const parts: MessagePart[] = values.map((value) => {
    const parsed = parseMaybeJsonValue(value);
    return { type: 'text', content: typeof parsed === 'string' ? parsed : stringifyValue(parsed) };
  });
  return parts.length > 0 ? [{ role: 'user', parts }] : undefined;
}

function parseMaybeJsonValue(value: AttributeValue): AttributeValue {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as AttributeValue;
  } catch {
    return value;
  }
}
