// Where OTel GenAI puts a span's input and output, across versions: content attributes (1.37+),
// the inference details event (1.37+), message events (1.28–1.36), content events and attributes
// (≤1.27), and the tool and retrieval attributes of non-inference spans.
import {
  type ChatMessage,
  EVENT_CONTENT_COMPLETION,
  EVENT_CONTENT_PROMPT,
  GEN_AI_COMPLETION,
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_PROMPT,
  GEN_AI_RETRIEVAL_DOCUMENTS,
  GEN_AI_RETRIEVAL_QUERY_TEXT,
  GEN_AI_SYSTEM_INSTRUCTIONS,
  GEN_AI_TOOL_CALL_ARGUMENTS,
  GEN_AI_TOOL_CALL_ID,
  GEN_AI_TOOL_CALL_RESULT,
} from '@sightline/core';
import type { OtlpEvent, OtlpSpan } from '../../otlp/types.ts';
import type { AttributeReader } from '../attribute-reader.ts';
import { type EventMessages, messagesFromEvents } from '../log-events.ts';
import {
  messagesOrText,
  systemInstructionsToMessages,
  textMessage,
  toolCallMessage,
  toolResultMessage,
  valueToMessages,
} from '../messages.ts';

export interface SpanMessages {
  input?: ChatMessage[];
  output?: ChatMessage[];
}

function nonEmpty(messages: ChatMessage[] | undefined): ChatMessage[] | undefined {
  return messages !== undefined && messages.length > 0 ? messages : undefined;
}

/** 1.37+: gen_ai.system_instructions + gen_ai.input.messages, and gen_ai.output.messages. */
function fromContentAttributes(reader: AttributeReader): SpanMessages {
  const system = systemInstructionsToMessages(reader.value(GEN_AI_SYSTEM_INSTRUCTIONS, 'input')) ?? [];
  const input = messagesOrText(reader.value(GEN_AI_INPUT_MESSAGES, 'input'), 'user') ?? [];
  const output = messagesOrText(reader.value(GEN_AI_OUTPUT_MESSAGES, 'output'), 'assistant');
  const messages: SpanMessages = {};
  const allInput = nonEmpty([...system, ...input]);
  if (allInput) messages.input = allInput;
  const allOutput = nonEmpty(output);
  if (allOutput) messages.output = allOutput;
  return messages;
}

/** ≤1.27 content events: `gen_ai.content.prompt {gen_ai.prompt}` / `gen_ai.content.completion {gen_ai.completion}`. */
function fromContentEvents(events: readonly OtlpEvent[]): SpanMessages {
  const messages: SpanMessages = {};
  for (const event of events) {
    if (event.name === EVENT_CONTENT_PROMPT && !messages.input) {
      // OpenLIT later put gen_ai.input.messages on the same event.
      const value = event.attributes[GEN_AI_PROMPT] ?? event.attributes[GEN_AI_INPUT_MESSAGES];
      const input = nonEmpty(messagesOrText(value, 'user'));
      if (input) messages.input = input;
    } else if (event.name === EVENT_CONTENT_COMPLETION && !messages.output) {
      const value = event.attributes[GEN_AI_COMPLETION] ?? event.attributes[GEN_AI_OUTPUT_MESSAGES];
      const output = nonEmpty(messagesOrText(value, 'assistant'));
      if (output) messages.output = output;
    }
  }
  return messages;
}

/** 1.28–1.36 message events and the 1.37+ details event, when they come as span events. */
function fromMessageEvents(events: readonly OtlpEvent[]): EventMessages {
  return messagesFromEvents(
    events.map((event) => ({
      name: event.name,
      timeUnixUs: event.timeUnixUs,
      body: undefined,
      attributes: event.attributes,
    })),
  );
}

/** ≤1.27 content as plain span attributes (OpenLIT sets gen_ai.prompt / gen_ai.completion on the span too). */
function fromLegacyAttributes(reader: AttributeReader): SpanMessages {
  const messages: SpanMessages = {};
  const input = nonEmpty(messagesOrText(reader.value(GEN_AI_PROMPT, 'input'), 'user'));
  const output = nonEmpty(messagesOrText(reader.value(GEN_AI_COMPLETION, 'output'), 'assistant'));
  if (input) messages.input = input;
  if (output) messages.output = output;
  return messages;
}

/** execute_tool spans: the call's arguments are its input, its result the output. */
function fromToolAttributes(reader: AttributeReader, toolName: string): SpanMessages {
  const messages: SpanMessages = {};
  const callId = reader.string(GEN_AI_TOOL_CALL_ID, 'input');
  const args = reader.value(GEN_AI_TOOL_CALL_ARGUMENTS, 'input');
  const result = reader.value(GEN_AI_TOOL_CALL_RESULT, 'output');
  if (args !== undefined) messages.input = [toolCallMessage(toolName, callId, args)];
  if (result !== undefined) messages.output = [toolResultMessage(callId, result)];
  return messages;
}

/** retrieval spans: the query is the input, the documents the output. */
function fromRetrievalAttributes(reader: AttributeReader): SpanMessages {
  const messages: SpanMessages = {};
  const query = reader.string(GEN_AI_RETRIEVAL_QUERY_TEXT, 'input');
  if (query !== undefined) messages.input = [textMessage('user', query)];
  const documents = nonEmpty(valueToMessages('assistant', reader.value(GEN_AI_RETRIEVAL_DOCUMENTS, 'output')));
  if (documents) messages.output = documents;
  return messages;
}

export interface ContentContext {
  /** The tool's name when this is a tool span, else undefined. */
  toolName: string | undefined;
}

/** The span's input and output: for each side, the first source that has any. */
export function otelGenAiMessages(span: OtlpSpan, reader: AttributeReader, context: ContentContext): SpanMessages {
  const sources: Array<() => SpanMessages> = [
    () => fromContentAttributes(reader),
    () => fromMessageEvents(span.events),
    () => fromLegacyAttributes(reader),
    () => fromContentEvents(span.events),
    () => (context.toolName !== undefined ? fromToolAttributes(reader, context.toolName) : {}),
    () => fromRetrievalAttributes(reader),
  ];
  const result: SpanMessages = {};
  for (const source of sources) {
    const found = source();
    if (!result.input && nonEmpty(found.input)) result.input = found.input as ChatMessage[];
    if (!result.output && nonEmpty(found.output)) result.output = found.output as ChatMessage[];
    if (result.input && result.output) break;
  }
  return result;
}
