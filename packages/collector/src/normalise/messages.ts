import type { ChatMessage, MessagePart } from '@sightline/core';
import type { AttributeValue } from '../otlp/types.ts';
import { parseMaybeJson } from './attribute-reader.ts';

type Json = AttributeValue;

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function textMessage(role: string, content: string): ChatMessage {
  return { role, parts: [{ type: 'text', content }] };
}

/** Content that may be a string, an array of provider content blocks, or a structured value → parts. */
export function contentToParts(content: Json | undefined): MessagePart[] {
  if (content === undefined || content === null || content === '') return [];
  if (typeof content === 'string') return [{ type: 'text', content }];
  if (Array.isArray(content)) return content.flatMap((block) => blockToParts(block));
  if (isRecord(content)) return blockToParts(content);
  return [{ type: 'text', content: String(content) }];
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
    case 'tool_use':
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
    case 'tool_result':
    case 'function_call_output': {
      const id = block.id ?? block.tool_use_id ?? block.call_id;
      const part: MessagePart = { type: 'tool_call_response', response: block.response ?? block.result ?? block.content ?? block.output ?? null };
      if (typeof id === 'string') part.id = id;
      return [part];
    }
    case 'blob':
    case 'uri':
    case 'file':
    case 'image':
    case 'image_url':
    case 'input_image':
      return [{ type: type === 'uri' || type === 'file' ? type : 'blob', modality: 'image' }];
    default:
      if (type === '' && typeof text === 'string') return [{ type: 'text', content: text }];
      return [{ type: 'other', value: block }];
  }
}

/**
 * Coerces a message list in OTel GenAI shape (`[{role, parts, finish_reason}]`) or a provider's
 * chat shape (`[{role, content, tool_calls}]`) into canonical messages. Accepts a JSON string.
 */
export function coerceMessages(value: Json | undefined): ChatMessage[] | undefined {
  const parsed = value === undefined ? undefined : parseMaybeJson(value);
  if (parsed === undefined || parsed === null) return undefined;
  if (typeof parsed === 'string') return [textMessage('user', parsed)];
  const list = Array.isArray(parsed) ? parsed : [parsed];
  const messages: ChatMessage[] = [];
  for (const item of list) {
    if (typeof item === 'string') {
      messages.push(textMessage('user', item));
      continue;
    }
    if (!isRecord(item)) continue;
    const role = typeof item.role === 'string' ? item.role : 'user';
    const parts = Array.isArray(item.parts) ? item.parts.flatMap((part) => blockToParts(part)) : contentToParts(item.content);
    if (Array.isArray(item.tool_calls)) {
      for (const call of item.tool_calls) {
        if (!isRecord(call)) continue;
        const fn = isRecord(call.function) ? call.function : call;
        const part: MessagePart = { type: 'tool_call', name: String(fn.name ?? ''), arguments: parseMaybeJson((fn.arguments ?? null) as Json) };
        if (typeof call.id === 'string') part.id = call.id;
        parts.push(part);
      }
    }
    const message: ChatMessage = { role, parts };
    if (typeof item.name === 'string') message.name = item.name;
    const finishReason = item.finish_reason ?? item.finishReason;
    if (typeof finishReason === 'string') message.finish_reason = finishReason;
    messages.push(message);
  }
  return messages;
}
