import type { ChatMessage, MessagePart } from '@sightline/core';
import type { AttributeValue } from '../otlp/types.ts';
import { parseMaybeJson } from './attribute-reader.ts';

type Json = AttributeValue;

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: Json | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function textMessage(role: string, content: string): ChatMessage {
  return { role, parts: [{ type: 'text', content }] };
}

/** Content that may be a string, an array of provider content blocks, or a structured value → parts. */
export function contentToParts(content: Json | undefined): MessagePart[] {
  if (content === undefined || content === null || content === '') return [];
  if (typeof content === 'string') return [{ type: 'text', content }];
  if (Array.isArray(content)) return blocksToParts(content);
  if (isRecord(content)) return blockToParts(content);
  return [{ type: 'text', content: String(content) }];
}

function mediaPart(type: 'blob' | 'uri' | 'file', block: Record<string, Json>): MessagePart {
  const source = isRecord(block.source) ? block.source : {};
  const imageUrl = isRecord(block.image_url) ? block.image_url.url : block.image_url;
  const uri =
    optionalString(block.uri) ?? optionalString(block.url) ?? optionalString(imageUrl) ?? optionalString(source.url);
  const isImage = block.type === 'image' || block.type === 'image_url' || block.type === 'input_image';
  const modality = optionalString(block.modality) ?? (isImage ? 'image' : undefined);
  const mimeType =
    optionalString(block.mime_type) ?? optionalString(block.media_type) ?? optionalString(source.media_type);
  const fileId = optionalString(block.file_id) ?? optionalString(source.file_id);
  // Inline data: URIs are payload, not a reference worth keeping.
  const reference = uri !== undefined && !uri.startsWith('data:') ? uri : undefined;
  const part: MessagePart = { type: type === 'blob' && reference !== undefined ? 'uri' : type };
  if (modality !== undefined) part.modality = modality;
  if (mimeType !== undefined) part.mime_type = mimeType;
  if (reference !== undefined) part.uri = reference;
  if (fileId !== undefined) part.file_id = fileId;
  return part;
}

/** Every block's parts, in order (a loop rather than flatMap: this runs for every message part). */
function blocksToParts(blocks: readonly Json[]): MessagePart[] {
  const parts: MessagePart[] = [];
  for (const block of blocks) {
    const blockParts = blockToParts(block);
    if (blockParts.length === 1) parts.push(blockParts[0] as MessagePart);
    else for (const part of blockParts) parts.push(part);
  }
  return parts;
}

/** One content block in OTel parts shape or in a provider's shape (OpenAI, Anthropic). */
export function blockToParts(block: Json): MessagePart[] {
  if (typeof block === 'string') return [{ type: 'text', content: block }];
  if (!isRecord(block)) return block === null ? [] : [{ type: 'other', value: block }];
  const type = typeof block.type === 'string' ? block.type : '';
  const text = block.content ?? block.text;
  switch (type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return typeof text === 'string' ? [{ type: 'text', content: text }] : [{ type: 'other', value: block }];
    case 'reasoning':
    case 'thinking':
      return [{ type: 'reasoning', content: String(block.content ?? block.thinking ?? block.text ?? '') }];
    case 'tool_call':
    case 'server_tool_call':
    case 'tool_use':
    case 'server_tool_use':
    case 'function_call': {
      const id = block.id ?? block.call_id;
      const part: MessagePart = {
        type: 'tool_call',
        name: String(block.name ?? ''),
        arguments: parseMaybeJson((block.arguments ?? block.input ?? null) as Json),
      };
      if (typeof id === 'string') part.id = id;
      return [part];
    }
    case 'tool_call_response':
    case 'server_tool_call_response':
    case 'tool_result':
    case 'function_call_output': {
      const id = block.id ?? block.tool_use_id ?? block.call_id;
      const part: MessagePart = {
        type: 'tool_call_response',
        response: block.response ?? block.result ?? block.content ?? block.output ?? null,
      };
      if (typeof id === 'string') part.id = id;
      return [part];
    }
    case 'uri':
    case 'file':
      return [mediaPart(type, block)];
    case 'blob':
    case 'image':
    case 'image_url':
    case 'input_image':
      return [mediaPart('blob', block)];
    default:
      if (type === '' && typeof text === 'string') return [{ type: 'text', content: text }];
      return [{ type: 'other', value: block }];
  }
}

function toolCallParts(calls: Json | undefined): MessagePart[] {
  const parsed = calls === undefined ? undefined : parseMaybeJson(calls);
  if (!Array.isArray(parsed)) return [];
  const parts: MessagePart[] = [];
  for (const call of parsed) {
    if (!isRecord(call)) continue;
    const fn = isRecord(call.function) ? call.function : call;
    const part: MessagePart = {
      type: 'tool_call',
      name: String(fn.name ?? ''),
      arguments: parseMaybeJson((fn.arguments ?? fn.input ?? null) as Json),
    };
    if (typeof call.id === 'string') part.id = call.id;
    parts.push(part);
  }
  return parts;
}

/** One message in OTel shape (`{role, parts}`) or a provider's chat shape (`{role, content, tool_calls}`). */
export function coerceMessage(item: Record<string, Json>, defaultRole: string): ChatMessage {
  const role = typeof item.role === 'string' && item.role !== '' ? item.role : defaultRole;
  let parts = Array.isArray(item.parts) ? blocksToParts(item.parts) : contentToParts(item.content);
  const toolCallId = optionalString(item.tool_call_id);
  // An OpenAI tool message answers one call: its content is that call's response.
  if (toolCallId !== undefined && !Array.isArray(item.parts)) {
    parts = [{ type: 'tool_call_response', id: toolCallId, response: item.content ?? null }];
  }
  if (item.tool_calls !== undefined) parts.push(...toolCallParts(item.tool_calls));
  const message: ChatMessage = { role, parts };
  if (typeof item.name === 'string') message.name = item.name;
  const finishReason = item.finish_reason ?? item.finishReason;
  if (typeof finishReason === 'string') message.finish_reason = finishReason;
  return message;
}

/**
 * Coerces a message list in OTel GenAI shape (`[{role, parts, finish_reason}]`) or a provider's
 * chat shape (`[{role, content, tool_calls}]`) into canonical messages. Accepts a JSON string.
 * Messages without a role get `defaultRole` (use 'assistant' for output).
 */
export function coerceMessages(value: Json | undefined, defaultRole = 'user'): ChatMessage[] | undefined {
  const parsed = value === undefined ? undefined : parseMaybeJson(value);
  if (parsed === undefined || parsed === null) return undefined;
  if (typeof parsed === 'string') return [textMessage(defaultRole, parsed)];
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const messages: ChatMessage[] = [];
  for (const item of list) {
    if (typeof item === 'string') {
      messages.push(textMessage(defaultRole, item));
      continue;
    }
    if (!isRecord(item)) continue;
    messages.push(coerceMessage(item, defaultRole));
  }
  return messages;
}

/**
 * Like coerceMessages, but a string that looks like JSON and does not parse (a Python repr, a
 * truncated payload) is kept as one text message instead of being lost.
 */
export function messagesOrText(value: Json | undefined, defaultRole: string): ChatMessage[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const messages = coerceMessages(value, defaultRole);
  if (messages !== undefined) return messages;
  return typeof value === 'string' ? [textMessage(defaultRole, value)] : undefined;
}

/**
 * `gen_ai.system_instructions`: a list of parts (1.37+), a string, or a list of system messages
 * (some emitters) → one system message.
 */
export function systemInstructionsToMessages(value: Json | undefined): ChatMessage[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = parseMaybeJson(value);
  if (parsed === undefined) return typeof value === 'string' ? [textMessage('system', value)] : undefined;
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.some((item) => isRecord(item) && typeof item.role === 'string')) return coerceMessages(list, 'system');
  const parts = list.flatMap((item) => blockToParts(item));
  return parts.length > 0 ? [{ role: 'system', parts }] : undefined;
}

/** Text that is a JSON list of provider content blocks (`[{"type":"text",...}]`) → those blocks, else undefined. */
export function contentBlocksOf(text: string): Json[] | undefined {
  const parsed = parseMaybeJson(text);
  if (!Array.isArray(parsed) || parsed.length === 0) return undefined;
  return parsed.every((item) => isRecord(item) && typeof item.type === 'string') ? parsed : undefined;
}

/** Content as parts, where text holding a JSON list of content blocks is read as those blocks. */
export function textOrBlocksToParts(content: Json | undefined): MessagePart[] {
  if (typeof content !== 'string') return contentToParts(content);
  const blocks = contentBlocksOf(content);
  if (blocks !== undefined) return blocks.flatMap((block) => blockToParts(block));
  return content === '' ? [] : [{ type: 'text', content }];
}

/** A JSON-encoded string (`"text"`, as serialisers write a returned string) decoded, else the text as is. */
function parseJsonString(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return text;
  }
}

/**
 * A framework value (workflow input, task output) as messages: message lists stay messages, text is
 * a text part, anything else is kept whole as an `other` part.
 */
export function valueToMessages(role: string, value: Json | undefined): ChatMessage[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const parsed = typeof value === 'string' && value.startsWith('"') ? parseJsonString(value) : parseMaybeJson(value);
  if (parsed === undefined || parsed === null) return [textMessage(role, String(value))];
  if (typeof parsed !== 'object') return [textMessage(role, String(parsed))];
  const looksLikeMessages =
    Array.isArray(parsed) &&
    parsed.length > 0 &&
    parsed.every((item) => isRecord(item) && typeof item.role === 'string' && ('content' in item || 'parts' in item));
  if (looksLikeMessages) return coerceMessages(parsed, role);
  return [{ role, parts: [{ type: 'other', value: parsed }] }];
}

/** The call a tool span executes, as the assistant message that requested it. */
export function toolCallMessage(name: string, id: string | undefined, args: Json | undefined): ChatMessage {
  const part: MessagePart = { type: 'tool_call', name, arguments: args === undefined ? null : parseMaybeJson(args) };
  if (id !== undefined) part.id = id;
  return { role: 'assistant', parts: [part] };
}

/** A tool's result, as the tool message that answers the call. */
export function toolResultMessage(id: string | undefined, result: Json | undefined): ChatMessage {
  const parsed =
    result === undefined
      ? null
      : typeof result === 'string' && result.startsWith('"')
        ? parseJsonString(result)
        : (parseMaybeJson(result) ?? result);
  const part: MessagePart = { type: 'tool_call_response', response: parsed };
  if (id !== undefined) part.id = id;
  return { role: 'tool', parts: [part] };
}

/** Finish reasons carried on output messages, in order, without repeats. */
export function finishReasonsOf(messages: readonly ChatMessage[]): string[] {
  const reasons: string[] = [];
  for (const message of messages) {
    if (message.finish_reason !== undefined && !reasons.includes(message.finish_reason))
      reasons.push(message.finish_reason);
  }
  return reasons;
}
