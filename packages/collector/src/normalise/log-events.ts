// GenAI events that arrive as OTLP log records (or as span events carrying the same fields):
// the 1.28–1.36 message events, the 1.37+ inference details event and the 1.38 evaluation event.
import {
  type ChatMessage,
  EVENT_ASSISTANT_MESSAGE,
  EVENT_CHOICE,
  EVENT_EVALUATION_RESULT,
  EVENT_INFERENCE_OPERATION_DETAILS,
  EVENT_NAME,
  EVENT_SYSTEM_MESSAGE,
  EVENT_TOOL_MESSAGE,
  EVENT_TOOLS_MESSAGE_OPENLIT,
  EVENT_USER_MESSAGE,
  GEN_AI_EVALUATION_EXPLANATION,
  GEN_AI_EVALUATION_NAME,
  GEN_AI_EVALUATION_SCORE_LABEL,
  GEN_AI_EVALUATION_SCORE_VALUE,
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_RESPONSE_ID,
  GEN_AI_SYSTEM_INSTRUCTIONS,
  GenAiEventBody,
} from '@sightline/core';
import type { Attributes, AttributeValue, OtlpLogRecord } from '../otlp/types.ts';
import { parseMaybeJson, toFiniteNumber } from './attribute-reader.ts';
import { coerceMessage, contentBlocksOf, messagesOrText, systemInstructionsToMessages } from './messages.ts';

type Json = AttributeValue;

function isRecord(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const INPUT_EVENT_ROLES: Readonly<Record<string, string>> = {
  [EVENT_SYSTEM_MESSAGE]: 'system',
  [EVENT_USER_MESSAGE]: 'user',
  [EVENT_ASSISTANT_MESSAGE]: 'assistant',
  [EVENT_TOOL_MESSAGE]: 'tool',
  [EVENT_TOOLS_MESSAGE_OPENLIT]: 'tool',
};

export function isMessageEventName(name: string): boolean {
  return name in INPUT_EVENT_ROLES || name === EVENT_CHOICE;
}

export interface EventMessage {
  side: 'input' | 'output';
  message: ChatMessage;
  /** gen_ai.choice index, for ordering several choices. */
  index: number;
}

/** The body of a message event: an object, or the event's own fields when it came as span-event attributes. */
export function eventBody(body: Json | undefined, attributes: Attributes): Record<string, Json> {
  const parsed = body === undefined ? undefined : parseMaybeJson(body);
  if (isRecord(parsed) && Object.keys(parsed).length > 0) return parsed;
  if (typeof parsed === 'string' && parsed !== '') return { [GenAiEventBody.content]: parsed };
  return attributes;
}

/** One 1.28–1.36 message event (`gen_ai.user.message`, `gen_ai.choice`, ...) as a message, or undefined for other events. */
export function messageFromGenAiEvent(name: string, body: Record<string, Json>): EventMessage | undefined {
  const inputRole = INPUT_EVENT_ROLES[name];
  if (inputRole !== undefined) {
    const fields = { ...body, content: parseContent(body[GenAiEventBody.content]) };
    const message = coerceMessage(fields, inputRole);
    const callId = body[GenAiEventBody.id];
    // A tool message event answers the call `id`; its content is the response.
    if (inputRole === 'tool' && message.parts.every((part) => part.type === 'text')) {
      message.parts = [
        typeof callId === 'string'
          ? { type: 'tool_call_response', id: callId, response: body[GenAiEventBody.content] ?? null }
          : { type: 'tool_call_response', response: body[GenAiEventBody.content] ?? null },
      ];
    }
    return { side: 'input', message, index: 0 };
  }
  if (name !== EVENT_CHOICE) return undefined;
  // 1.28 nests the message: {index, finish_reason, message: {role, content, tool_calls}}; some emitters flatten it.
  const nested = parseMaybeJson(body[GenAiEventBody.message] ?? null);
  const fields = isRecord(nested) ? nested : body;
  const message = coerceMessage({ ...fields, content: parseContent(fields[GenAiEventBody.content]) }, 'assistant');
  const finishReason = body[GenAiEventBody.finishReason] ?? fields[GenAiEventBody.finishReason];
  if (typeof finishReason === 'string' && finishReason !== '') message.finish_reason = finishReason;
  const index = toFiniteNumber(body[GenAiEventBody.index] ?? null) ?? 0;
  return { side: 'output', message, index };
}

/** Event content may be text, a JSON string of content blocks, or structured parts. */
function parseContent(content: Json | undefined): Json {
  if (typeof content !== 'string') return content ?? null;
  return contentBlocksOf(content) ?? content;
}

export interface EventMessages {
  input: ChatMessage[];
  output: ChatMessage[];
}

/** Messages from the 1.37+ `gen_ai.client.inference.operation.details` event's attributes. */
export function messagesFromOperationDetails(attributes: Attributes): EventMessages {
  const system = systemInstructionsToMessages(attributes[GEN_AI_SYSTEM_INSTRUCTIONS]) ?? [];
  const input = messagesOrText(attributes[GEN_AI_INPUT_MESSAGES], 'user') ?? [];
  const output = messagesOrText(attributes[GEN_AI_OUTPUT_MESSAGES], 'assistant') ?? [];
  return { input: [...system, ...input], output };
}

interface TimedEvent {
  name: string;
  timeUnixUs: number;
  body: Json | undefined;
  attributes: Attributes;
}

/** Details events in time order, merged: one may carry the input and a later one the output. */
function messagesFromDetailsEvents(events: readonly TimedEvent[]): EventMessages {
  const merged: EventMessages = { input: [], output: [] };
  const details = events.filter((event) => event.name === EVENT_INFERENCE_OPERATION_DETAILS);
  for (const event of details.sort((a, b) => a.timeUnixUs - b.timeUnixUs)) {
    const messages = messagesFromOperationDetails(event.attributes);
    if (merged.input.length === 0) merged.input = messages.input;
    if (merged.output.length === 0) merged.output = messages.output;
  }
  return merged;
}

/**
 * Events of the same time keep no order once stored (instrumentations stamp all message events of a
 * request with one millisecond): a system message, which always opens the conversation, goes first.
 */
function eventOrder(a: TimedEvent, b: TimedEvent): number {
  const rank = (event: TimedEvent) => (event.name === EVENT_SYSTEM_MESSAGE ? 0 : 1);
  return a.timeUnixUs - b.timeUnixUs || rank(a) - rank(b);
}

/** Collects messages from a list of events; the details events win over message events. */
export function messagesFromEvents(events: readonly TimedEvent[]): EventMessages {
  const fromDetails = messagesFromDetailsEvents(events);
  if (fromDetails.input.length > 0 || fromDetails.output.length > 0) return fromDetails;
  const ordered = [...events].sort(eventOrder);
  const input: ChatMessage[] = [];
  const choices: EventMessage[] = [];
  for (const event of ordered) {
    if (!isMessageEventName(event.name)) continue;
    const found = messageFromGenAiEvent(event.name, eventBody(event.body, event.attributes));
    // An event without content (content capture off, or a body we cannot read) adds nothing.
    if (!found || (found.message.parts.length === 0 && found.message.finish_reason === undefined)) continue;
    if (found.side === 'input') input.push(found.message);
    else choices.push(found);
  }
  choices.sort((a, b) => a.index - b.index);
  return { input, output: choices.map((choice) => choice.message) };
}

function eventNameOf(record: OtlpLogRecord): string {
  const fromAttribute = record.attributes[EVENT_NAME];
  return record.eventName || (typeof fromAttribute === 'string' ? fromAttribute : '');
}

/** Messages of GenAI log events (1.28–1.36 message events, 1.37+ details event), in time order. */
export function messagesFromLogEvents(records: OtlpLogRecord[]): EventMessages {
  return messagesFromEvents(
    records.map((record) => ({
      name: eventNameOf(record),
      timeUnixUs: record.timeUnixUs,
      body: record.body,
      attributes: record.attributes,
    })),
  );
}

export interface EvaluationResult {
  name: string;
  value?: number;
  label?: string;
  explanation?: string;
  responseId?: string;
  traceId: string;
  spanId: string;
}

function nonEmptyString(value: Json | undefined): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A `gen_ai.evaluation.result` event (1.38) as a score, or undefined for other records or a nameless one. */
export function scoreFromEvaluationEvent(record: OtlpLogRecord): EvaluationResult | undefined {
  if (eventNameOf(record) !== EVENT_EVALUATION_RESULT) return undefined;
  const attributes = record.attributes;
  const name = nonEmptyString(attributes[GEN_AI_EVALUATION_NAME]);
  if (name === undefined) return undefined;
  const result: EvaluationResult = { name, traceId: record.traceId, spanId: record.spanId };
  const value = toFiniteNumber(attributes[GEN_AI_EVALUATION_SCORE_VALUE]);
  const label = nonEmptyString(attributes[GEN_AI_EVALUATION_SCORE_LABEL]);
  const explanation = nonEmptyString(attributes[GEN_AI_EVALUATION_EXPLANATION]);
  const responseId = nonEmptyString(attributes[GEN_AI_RESPONSE_ID]);
  if (value !== undefined) result.value = value;
  if (label !== undefined) result.label = label;
  if (explanation !== undefined) result.explanation = explanation;
  if (responseId !== undefined) result.responseId = responseId;
  return result;
}
