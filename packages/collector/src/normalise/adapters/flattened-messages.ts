// Rebuilds OpenLLMetry's flattened message attributes into messages:
// `gen_ai.prompt.N.{role,content,tool_call_id,tool_calls.K.{id,name,arguments}}` and
// `gen_ai.completion.N.{role,content,finish_reason,tool_calls.K.*,function_call.*}` (semconv-ai 0.4.x),
// and the `llm.prompts.N.*` / `llm.completions.N.*` names of the first JS releases.
import type { ChatMessage, MessagePart } from '@sightline/core';
import type { AttributeReader } from '../attribute-reader.ts';
import { parseMaybeJson } from '../attribute-reader.ts';
import { textOrBlocksToParts } from '../messages.ts';
import { type IndexedSlot, indexedSlots, slotValue } from './read-fields.ts';

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function toolCallParts(reader: AttributeReader, slot: IndexedSlot, field: string): MessagePart[] {
  const parts: MessagePart[] = [];
  for (const call of indexedSlots([...slot.keys.keys()], 'tool_calls.')) {
    const read = (name: string) => {
      const path = call.keys.get(name);
      return path === undefined ? undefined : slotValue(reader, slot, path, field);
    };
    const part: MessagePart = {
      type: 'tool_call',
      name: text(read('name')) ?? '',
      arguments: parseMaybeJson(read('arguments') ?? null) ?? null,
    };
    const id = text(read('id'));
    if (id !== undefined) part.id = id;
    parts.push(part);
  }
  // OpenAI's function_call, before tool calls.
  const functionName = text(slotValue(reader, slot, 'function_call.name', field));
  if (functionName !== undefined) {
    const args = slotValue(reader, slot, 'function_call.arguments', field);
    parts.push({ type: 'tool_call', name: functionName, arguments: parseMaybeJson(args ?? null) ?? null });
  }
  return parts;
}

function slotMessage(reader: AttributeReader, slot: IndexedSlot, defaultRole: string, field: string): ChatMessage {
  const role = text(slotValue(reader, slot, 'role', field)) || defaultRole;
  const content = slotValue(reader, slot, 'content', field);
  // The completions API put the prompt under `.user`.
  const legacyUser = text(slotValue(reader, slot, 'user', field));
  const toolCallId = text(slotValue(reader, slot, 'tool_call_id', field));
  let parts: MessagePart[];
  if (toolCallId !== undefined) {
    parts = [
      { type: 'tool_call_response', id: toolCallId, response: parseMaybeJson(content ?? null) ?? content ?? null },
    ];
  } else {
    parts = textOrBlocksToParts(content ?? legacyUser);
  }
  // Python's Anthropic instrumentation repeats tool_use blocks of the content as tool_calls.N.
  const known = new Set(parts.flatMap((part) => (part.type === 'tool_call' && part.id !== undefined ? [part.id] : [])));
  for (const part of toolCallParts(reader, slot, field)) {
    if (part.type === 'tool_call' && part.id !== undefined && known.has(part.id)) continue;
    parts.push(part);
  }
  const message: ChatMessage = { role: legacyUser !== undefined && content === undefined ? 'user' : role, parts };
  const finishReason = text(slotValue(reader, slot, 'finish_reason', field));
  if (finishReason) message.finish_reason = finishReason;
  return message;
}

/**
 * Messages under `prefix` (e.g. `gen_ai.prompt.`), in index order, capped at MAX_FLATTENED_SLOTS.
 * OpenLLMetry's Anthropic instrumentation emits thinking as its own completion with role `thinking`;
 * it becomes a reasoning part of the assistant message that follows.
 */
export function flattenedMessages(
  reader: AttributeReader,
  prefix: string,
  defaultRole: string,
  field: 'input' | 'output',
): ChatMessage[] | undefined {
  const slots = indexedSlots(reader.keysWithPrefix(prefix), prefix);
  if (slots.length === 0) return undefined;
  const messages: ChatMessage[] = [];
  let pendingReasoning: ChatMessage | undefined;
  for (const slot of slots) {
    const message = slotMessage(reader, slot, defaultRole, field);
    if (message.role === 'thinking') {
      pendingReasoning = {
        role: 'assistant',
        parts: message.parts.map(
          (part): MessagePart => (part.type === 'text' ? { type: 'reasoning', content: part.content } : part),
        ),
        ...(message.finish_reason !== undefined ? { finish_reason: message.finish_reason } : {}),
      };
      continue;
    }
    if (pendingReasoning) {
      message.parts.unshift(...pendingReasoning.parts);
      if (message.finish_reason === undefined && pendingReasoning.finish_reason !== undefined) {
        message.finish_reason = pendingReasoning.finish_reason;
      }
      pendingReasoning = undefined;
    }
    messages.push(message);
  }
  if (pendingReasoning) messages.push(pendingReasoning);
  return messages;
}
