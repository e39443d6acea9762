// OpenAI chat completion messages in the OTel GenAI parts shape (gen_ai.input/output.messages).

type Json = Record<string, unknown>;

export interface OtelMessage {
  role: string;
  name?: string;
  parts: Json[];
  finish_reason?: string;
}

export function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Tool arguments as JSON when they parse, else the raw string (models do emit broken JSON). */
export function parseArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function dataUrlMime(url: string): string | undefined {
  return /^data:([^;,]+)[;,]/.exec(url)?.[1];
}

/** One content part of a chat message (text, image_url, input_audio, file, refusal). */
function contentPart(part: unknown): Json {
  if (typeof part === 'string') return { type: 'text', content: part };
  if (!isRecord(part)) return { type: 'other', value: part };
  switch (part.type) {
    case 'text':
      return { type: 'text', content: text(part.text) ?? '' };
    case 'refusal':
      return { type: 'text', content: text(part.refusal) ?? '' };
    case 'image_url': {
      const url = isRecord(part.image_url) ? text(part.image_url.url) : undefined;
      if (url?.startsWith('data:')) return { type: 'blob', modality: 'image', mime_type: dataUrlMime(url) ?? 'image' };
      return { type: 'uri', modality: 'image', uri: url ?? '' };
    }
    case 'input_audio':
      return {
        type: 'blob',
        modality: 'audio',
        mime_type: `audio/${isRecord(part.input_audio) ? (text(part.input_audio.format) ?? '') : ''}`,
      };
    case 'file': {
      const file = isRecord(part.file) ? part.file : {};
      return { type: 'file', ...(text(file.file_id) ? { file_id: text(file.file_id) } : {}) };
    }
    default:
      return { type: 'other', value: part };
  }
}

function contentParts(content: unknown): Json[] {
  if (content === undefined || content === null) return [];
  if (Array.isArray(content)) return content.map(contentPart);
  return [contentPart(content)];
}

function toolCallPart(call: unknown): Json {
  const record = isRecord(call) ? call : {};
  const fn = isRecord(record.function) ? record.function : isRecord(record.custom) ? record.custom : {};
  return {
    type: 'tool_call',
    ...(text(record.id) ? { id: text(record.id) } : {}),
    name: text(fn.name) ?? '',
    arguments: parseArguments(fn.arguments ?? fn.input),
  };
}

/**
 * A copy of the request's `messages` as they are now, cheaper than converting them: each message's
 * own fields, and its content and tool-call lists, copied; the objects inside those lists are
 * shared (the app changing a message, or the list, afterwards does not reach the copy).
 */
export function copyMessages(messages: unknown): unknown[] {
  if (!Array.isArray(messages)) return [];
  const copies: unknown[] = new Array(messages.length);
  for (let index = 0; index < messages.length; index += 1) copies[index] = copyMessage(messages[index]);
  return copies;
}

/** One message copied as copyMessages() copies each. */
export function copyMessage(message: unknown): unknown {
  if (!isRecord(message)) return message;
  const copy = { ...message };
  if (Array.isArray(copy.content)) copy.content = copy.content.slice();
  if (Array.isArray(copy.tool_calls)) copy.tool_calls = copy.tool_calls.slice();
  return copy;
}

/** The request's `messages` in the parts shape. */
export function chatInputMessages(messages: unknown): OtelMessage[] {
  if (!Array.isArray(messages)) return [];
  return messages.map((message): OtelMessage => {
    const record = isRecord(message) ? message : {};
    const role = text(record.role) ?? 'user';
    const name = text(record.name);
    if (role === 'tool') {
      return {
        role,
        parts: [
          {
            type: 'tool_call_response',
            ...(text(record.tool_call_id) ? { id: text(record.tool_call_id) } : {}),
            response: record.content,
          },
        ],
      };
    }
    const parts = contentParts(record.content);
    if (Array.isArray(record.tool_calls)) parts.push(...record.tool_calls.map(toolCallPart));
    if (isRecord(record.function_call)) parts.push(toolCallPart({ function: record.function_call }));
    return name ? { role, name, parts } : { role, parts };
  });
}

/** An assistant message of the response (a choice's `message`, or one accumulated from a stream). */
export function chatOutputMessage(message: unknown, finishReason: string | undefined): OtelMessage {
  const record = isRecord(message) ? message : {};
  const parts: Json[] = [];
  const reasoning = text(record.reasoning_content) ?? text(record.reasoning);
  if (reasoning) parts.push({ type: 'reasoning', content: reasoning });
  if (typeof record.content === 'string' && record.content !== '')
    parts.push({ type: 'text', content: record.content });
  else if (Array.isArray(record.content)) parts.push(...contentParts(record.content));
  if (typeof record.refusal === 'string' && record.refusal !== '')
    parts.push({ type: 'text', content: record.refusal });
  if (Array.isArray(record.tool_calls)) parts.push(...record.tool_calls.map(toolCallPart));
  const output: OtelMessage = { role: text(record.role) ?? 'assistant', parts };
  if (finishReason) output.finish_reason = finishReason;
  return output;
}

/** Tool definitions as given (gen_ai.tool.definitions), function tools flattened to name/description/parameters. */
export function toolDefinitions(tools: unknown): Json[] {
  if (!Array.isArray(tools)) return [];
  return tools.map((tool) => {
    if (!isRecord(tool)) return { type: 'other', value: tool };
    const fn = isRecord(tool.function) ? tool.function : tool;
    return {
      type: text(tool.type) ?? 'function',
      ...(text(fn.name) ? { name: text(fn.name) } : {}),
      ...(text(fn.description) ? { description: text(fn.description) } : {}),
      ...(fn.parameters !== undefined ? { parameters: fn.parameters } : {}),
    };
  });
}

/** Every text a request sends, for the tokenizer estimate when a provider reports no usage. */
export function textsOf(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const item of value) textsOf(item, into);
  else if (isRecord(value))
    for (const [key, item] of Object.entries(value)) if (key !== 'role' && key !== 'type') textsOf(item, into);
  return into;
}
