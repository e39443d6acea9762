import {
  type ChatMessage,
  type MessagePart,
  OPENINFERENCE_EMBEDDING_EMBEDDINGS,
  OPENINFERENCE_INPUT_MIME_TYPE,
  OPENINFERENCE_INPUT_VALUE,
  OPENINFERENCE_LLM_INPUT_MESSAGES,
  OPENINFERENCE_LLM_OUTPUT_MESSAGES,
  OPENINFERENCE_LLM_PROMPTS,
  OPENINFERENCE_OUTPUT_MIME_TYPE,
  OPENINFERENCE_OUTPUT_VALUE,
  OPENINFERENCE_RERANKER_OUTPUT_DOCUMENTS,
  OPENINFERENCE_RERANKER_QUERY,
  OPENINFERENCE_RETRIEVAL_DOCUMENTS,
  OPENINFERENCE_TOOL_CALL_FUNCTION_ARGUMENTS,
  OPENINFERENCE_TOOL_CALL_FUNCTION_NAME,
  OPENINFERENCE_TOOL_CALL_ID,
  OPENINFERENCE_TOOL_ID,
  OPENINFERENCE_TOOL_NAME,
  OpenInferenceSpanKind,
} from '@sightline/core';
import type { AttributeValue } from '../../otlp/types.ts';
import { type AttributeReader, parseMaybeJson } from '../attribute-reader.ts';
import { textMessage } from '../messages.ts';
import { MAX_FLATTENED_SLOTS, readFlattenedMessages } from './openinference-messages.ts';
import { messagesFromInputValue, messagesFromOutputValue } from './provider-bodies.ts';
import { stringifyValue } from './structured-values.ts';

export interface SpanIo {
  input?: ChatMessage[];
  output?: ChatMessage[];
  /** Number of retrieved documents, when the span lists them. */
  documentCount?: number;
}

function present(value: AttributeValue | undefined): value is AttributeValue {
  return value !== undefined && value !== null && value !== '';
}

/** Peeks a value and records it (with its mime type) as mapped to `field`. */
function take(reader: AttributeReader, key: string, field: string, mimeKey?: string): AttributeValue | undefined {
  const value = reader.peek(key);
  if (!present(value)) return undefined;
  reader.use(key, field);
  if (mimeKey) reader.use(mimeKey, field);
  return value;
}

/** Values of flattened `{prefix}.N.{suffix}` attributes in index order. */
function listValues(reader: AttributeReader, prefix: string, suffix: string, field: string): AttributeValue[] {
  const values: [number, AttributeValue][] = [];
  for (const key of reader.keysWithPrefix(`${prefix}.`)) {
    const match = /^(\d{1,6})\.(.+)$/.exec(key.slice(prefix.length + 1));
    const value = reader.peek(key);
    if (!match || match[2] !== suffix || !present(value) || Number(match[1]) >= MAX_FLATTENED_SLOTS) continue;
    reader.use(key, field);
    values.push([Number(match[1]), value]);
  }
  return values.sort(([a], [b]) => a - b).map(([, value]) => value);
}

/** Retrieved documents (`{prefix}.N.document.*`) as one part each, in index order. */
function documentParts(reader: AttributeReader, prefix: string): MessagePart[] {
  const documents = new Map<number, Record<string, AttributeValue>>();
  for (const key of reader.keysWithPrefix(`${prefix}.`)) {
    const match = /^(\d{1,6})\.document\.(id|content|score|metadata)$/.exec(key.slice(prefix.length + 1));
    const value = reader.peek(key);
    if (!match?.[2] || !present(value) || Number(match[1]) >= MAX_FLATTENED_SLOTS) continue;
    reader.use(key, 'output');
    const document = documents.get(Number(match[1])) ?? {};
    document[match[2]] = match[2] === 'metadata' ? (parseMaybeJson(value) ?? value) : value;
    documents.set(Number(match[1]), document);
  }
  return [...documents].sort(([a], [b]) => a - b).map(([, document]) => ({ type: 'other' as const, value: document }));
}

/** `spanName` names the tool when no attribute does (openinference-core's traceTool names only the span). */
function toolIo(reader: AttributeReader, spanName: string): SpanIo {
  const io: SpanIo = {};
  const name = reader.peek(OPENINFERENCE_TOOL_NAME) ?? reader.peek(OPENINFERENCE_TOOL_CALL_FUNCTION_NAME) ?? spanName;
  const id = reader.peek(OPENINFERENCE_TOOL_ID) ?? reader.peek(OPENINFERENCE_TOOL_CALL_ID);
  const args =
    take(reader, OPENINFERENCE_TOOL_CALL_FUNCTION_ARGUMENTS, 'input') ??
    take(reader, OPENINFERENCE_INPUT_VALUE, 'input', OPENINFERENCE_INPUT_MIME_TYPE);
  if (args !== undefined) {
    const call: MessagePart = {
      type: 'tool_call',
      name: present(name) ? stringifyValue(name) : '',
      arguments: parseMaybeJson(args) ?? args,
    };
    if (present(id)) call.id = stringifyValue(id);
    io.input = [{ role: 'assistant', parts: [call] }];
  }
  const result = take(reader, OPENINFERENCE_OUTPUT_VALUE, 'output', OPENINFERENCE_OUTPUT_MIME_TYPE);
  if (result !== undefined) {
    const response: MessagePart = { type: 'tool_call_response', response: parseMaybeJson(result) ?? result };
    if (present(id)) response.id = stringifyValue(id);
    io.output = [{ role: 'tool', parts: [response] }];
  }
  return io;
}

function retrievalIo(reader: AttributeReader): SpanIo {
  const io: SpanIo = {};
  const query =
    take(reader, OPENINFERENCE_INPUT_VALUE, 'input', OPENINFERENCE_INPUT_MIME_TYPE) ??
    take(reader, OPENINFERENCE_RERANKER_QUERY, 'input');
  if (query !== undefined) io.input = [textMessage('user', stringifyValue(query))];
  const documents = [
    ...documentParts(reader, OPENINFERENCE_RETRIEVAL_DOCUMENTS),
    ...documentParts(reader, OPENINFERENCE_RERANKER_OUTPUT_DOCUMENTS),
  ];
  if (documents.length > 0) {
    io.output = [{ role: 'tool', parts: documents }];
    io.documentCount = documents.length;
  } else {
    const output = take(reader, OPENINFERENCE_OUTPUT_VALUE, 'output', OPENINFERENCE_OUTPUT_MIME_TYPE);
    if (output !== undefined) io.output = [textMessage('assistant', stringifyValue(output))];
  }
  return io;
}

function embeddingIo(reader: AttributeReader): SpanIo {
  const texts = listValues(reader, OPENINFERENCE_EMBEDDING_EMBEDDINGS, 'embedding.text', 'input');
  if (texts.length > 0) {
    return { input: [{ role: 'user', parts: texts.map((text) => ({ type: 'text', content: stringifyValue(text) })) }] };
  }
  const input = take(reader, OPENINFERENCE_INPUT_VALUE, 'input', OPENINFERENCE_INPUT_MIME_TYPE);
  return input === undefined ? {} : { input: [textMessage('user', stringifyValue(input))] };
}

/** Chat-like spans: flattened messages first, then legacy prompts, then the raw input/output values. */
function messageIo(reader: AttributeReader): SpanIo {
  const io: SpanIo = {};
  let input = readFlattenedMessages(reader, OPENINFERENCE_LLM_INPUT_MESSAGES, 'input');
  if (!input) {
    const prompts = listValues(reader, OPENINFERENCE_LLM_PROMPTS, 'prompt.text', 'input');
    const whole = prompts.length > 0 ? undefined : take(reader, OPENINFERENCE_LLM_PROMPTS, 'input');
    const list = whole === undefined ? prompts : Array.isArray(whole) ? whole : [whole];
    if (list.length > 0) input = list.map((prompt) => textMessage('user', stringifyValue(prompt)));
  }
  if (!input) {
    const value = take(reader, OPENINFERENCE_INPUT_VALUE, 'input', OPENINFERENCE_INPUT_MIME_TYPE);
    if (value !== undefined) input = messagesFromInputValue(value);
  }
  if (input) io.input = input;
  let output = readFlattenedMessages(reader, OPENINFERENCE_LLM_OUTPUT_MESSAGES, 'output');
  if (!output) {
    const value = take(reader, OPENINFERENCE_OUTPUT_VALUE, 'output', OPENINFERENCE_OUTPUT_MIME_TYPE);
    if (value !== undefined) output = messagesFromOutputValue(value);
  }
  if (output) io.output = output;
  return io;
}

/** Input and output messages for a span of the given OpenInference kind (upper case). */
export function readSpanIo(reader: AttributeReader, kind: string | undefined, spanName = ''): SpanIo {
  switch (kind) {
    case OpenInferenceSpanKind.tool:
      return toolIo(reader, spanName);
    case OpenInferenceSpanKind.retriever:
    case OpenInferenceSpanKind.reranker:
      return retrievalIo(reader);
    case OpenInferenceSpanKind.embedding:
      return embeddingIo(reader);
    default:
      return messageIo(reader);
  }
}
