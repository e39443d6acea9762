import type { ChatMessage, MessagePart } from '@sightline/core';
import type { AttributeValue } from '../../otlp/types.ts';
import { type AttributeReader, parseMaybeJson } from '../attribute-reader.ts';
import { coerceMessages, contentToParts } from '../messages.ts';
import { stringifyValue } from './structured-values.ts';

/** Upper bound on flattened list slots (messages, contents, tool calls): a hostile index cannot allocate more. */
export const MAX_FLATTENED_SLOTS = 1000;

type Entry = Map<string, AttributeValue>;

interface FlatMessage {
  fields: Entry;
  contents: Map<number, Entry>;
  toolCalls: Map<number, Entry>;
}

const MESSAGE_FIELDS = new Set([
  'role',
  'content',
  'name',
  'tool_call_id',
  'function_call_name',
  'function_call_arguments_json',
]);

function slotIndex(text: string): number | undefined {
  if (!/^\d{1,6}$/.test(text)) return undefined;
  const index = Number(text);
  return index < MAX_FLATTENED_SLOTS ? index : undefined;
}

/** Splits `N.rest` into the slot index and the rest of the path. */
function splitSlot(path: string): [number, string] | undefined {
  const dot = path.indexOf('.');
  if (dot === -1) return undefined;
  const index = slotIndex(path.slice(0, dot));
  return index === undefined ? undefined : [index, path.slice(dot + 1)];
}

function entryOf(entries: Map<number, Entry>, index: number): Entry {
  let entry = entries.get(index);
  if (!entry) {
    entry = new Map();
    entries.set(index, entry);
  }
  return entry;
}

/** Places one flattened value into the message it belongs to; false when the path is not a known message field. */
function place(message: FlatMessage, path: string, value: AttributeValue): boolean {
  if (path.startsWith('contents.')) {
    const slot = splitSlot(path.slice('contents.'.length));
    if (!slot) return false;
    const [index, rest] = slot;
    entryOf(message.contents, index).set(rest.replace(/^message_content\./, ''), value);
    return true;
  }
  if (path.startsWith('tool_calls.')) {
    const slot = splitSlot(path.slice('tool_calls.'.length));
    if (!slot) return false;
    const [index, rest] = slot;
    entryOf(message.toolCalls, index).set(rest.replace(/^tool_call\./, ''), value);
    return true;
  }
  if (!MESSAGE_FIELDS.has(path)) return false;
  message.fields.set(path, value);
  return true;
}

function text(value: AttributeValue | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return stringifyValue(value);
}

function toolCallPart(
  id: AttributeValue | undefined,
  name: AttributeValue | undefined,
  args: AttributeValue | undefined,
) {
  const part: MessagePart = {
    type: 'tool_call',
    name: text(name) ?? '',
    arguments: args === undefined ? null : (parseMaybeJson(args) ?? args),
  };
  const callId = text(id);
  if (callId) part.id = callId;
  return part;
}

function imagePart(entry: Entry): MessagePart {
  const url = text(entry.get('image.image.url') ?? entry.get('image.url'));
  if (url && !url.startsWith('data:')) return { type: 'uri', modality: 'image', uri: url };
  const part: MessagePart = { type: 'blob', modality: 'image' };
  // Inline data is never copied into the canonical span; only its media type is kept.
  const mimeType = text(entry.get('image.media_type')) ?? (url ? /^data:([^;,]+)/.exec(url)?.[1] : undefined);
  if (mimeType) part.mime_type = mimeType;
  return part;
}

function contentPart(entry: Entry, toolCallsListed: boolean): MessagePart[] {
  const type = text(entry.get('type')) ?? '';
  const content = text(entry.get('text'));
  switch (type) {
    case 'text':
    case '':
    // The OpenAI Responses API's content types, as the OpenInference OpenAI instrumentation reports them.
    case 'input_text':
    case 'output_text':
      return content === undefined ? [] : [{ type: 'text', content }];
    case 'image':
      return [imagePart(entry)];
    case 'audio':
      return [{ type: 'blob', modality: 'audio' }];
    case 'reasoning':
    case 'thinking':
      return [{ type: 'reasoning', content: content ?? '' }];
    case 'tool_use':
    case 'tool_call':
      // Anthropic instrumentations list a tool call both as a content block and under tool_calls.
      if (toolCallsListed) return [];
      return [
        toolCallPart(
          entry.get('tool_call.id'),
          entry.get('tool_call.function.name'),
          entry.get('tool_call.function.arguments'),
        ),
      ];
    default:
      return [{ type: 'other', value: Object.fromEntries(entry) }];
  }
}

function toMessage(message: FlatMessage): ChatMessage {
  const role = text(message.fields.get('role')) || 'user';
  const parts: MessagePart[] = [];
  const toolCallId = text(message.fields.get('tool_call_id'));
  const content = message.fields.get('content');
  if (content !== undefined && content !== null && content !== '') {
    if (toolCallId || role === 'tool') {
      const part: MessagePart = { type: 'tool_call_response', response: parseMaybeJson(content) ?? content };
      if (toolCallId) part.id = toolCallId;
      parts.push(part);
    } else {
      parts.push(...contentToParts(content));
    }
  }
  const toolCallsListed = message.toolCalls.size > 0;
  for (const [, entry] of [...message.contents].sort(([a], [b]) => a - b)) {
    parts.push(...contentPart(entry, toolCallsListed));
  }
  for (const [, entry] of [...message.toolCalls].sort(([a], [b]) => a - b)) {
    parts.push(toolCallPart(entry.get('id'), entry.get('function.name'), entry.get('function.arguments')));
  }
  const functionName = message.fields.get('function_call_name');
  if (functionName !== undefined) {
    parts.push(toolCallPart(undefined, functionName, message.fields.get('function_call_arguments_json')));
  }
  const result: ChatMessage = { role, parts };
  const name = text(message.fields.get('name'));
  if (name) result.name = name;
  return result;
}

/**
 * Rebuilds OpenInference's flattened `{prefix}.N.message.*` attributes into messages, reading through the
 * reader so each used attribute is reported as mapped to `field`. A list sent as one JSON value is accepted too.
 */
export function readFlattenedMessages(
  reader: AttributeReader,
  prefix: string,
  field: string,
): ChatMessage[] | undefined {
  const whole = reader.peek(prefix);
  if (whole !== undefined && whole !== null && whole !== '') {
    const messages = coerceMessages(whole);
    if (messages && messages.length > 0) {
      reader.use(prefix, field);
      return messages;
    }
  }
  const slots = new Map<number, FlatMessage>();
  for (const key of reader.keysWithPrefix(`${prefix}.`)) {
    const slot = splitSlot(key.slice(prefix.length + 1));
    const value = reader.peek(key);
    if (!slot || value === undefined || value === null) continue;
    const [index, rest] = slot;
    let message = slots.get(index);
    if (!message) {
      message = { fields: new Map(), contents: new Map(), toolCalls: new Map() };
      slots.set(index, message);
    }
    if (place(message, rest.replace(/^message\./, ''), value)) reader.use(key, field);
  }
  const messages = [...slots].sort(([a], [b]) => a - b).map(([, message]) => toMessage(message));
  return messages.length > 0 ? messages : undefined;
}
