import type { ChatMessage } from '@sightline/core';
import type { AttributeValue } from '../../otlp/types.ts';
import { parseMaybeJson } from '../attribute-reader.ts';
import { blockToParts, coerceMessages, contentToParts, textMessage } from '../messages.ts';
import { isRecord, stringifyValue } from './structured-values.ts';

// Provider request and response bodies (OpenAI chat/responses, Anthropic messages) as instrumentations
// record them whole: OpenInference `input.value`/`output.value`, Langfuse observation input/output.

function systemMessages(system: AttributeValue | undefined): ChatMessage[] {
  if (system === undefined || system === null || system === '') return [];
  const parts = contentToParts(system);
  return parts.length > 0 ? [{ role: 'system', parts }] : [];
}

/** Messages from a request body in `input.value` (OpenAI chat/responses, Anthropic messages), else the text as is. */
export function messagesFromInputValue(value: AttributeValue): ChatMessage[] {
  const parsed = parseMaybeJson(value);
  if (isRecord(parsed)) {
    if (Array.isArray(parsed.messages)) {
      return [...systemMessages(parsed.system), ...(coerceMessages(parsed.messages) ?? [])];
    }
    if (typeof parsed.prompt === 'string') return [textMessage('user', parsed.prompt)];
    if (typeof parsed.input === 'string') return [textMessage('user', parsed.input)];
    if (Array.isArray(parsed.input)) return coerceMessages(parsed.input) ?? [];
  }
  if (Array.isArray(parsed) && parsed.every((item) => isRecord(item) && typeof item.role === 'string')) {
    return coerceMessages(parsed) ?? [];
  }
  return [textMessage('user', stringifyValue(value))];
}

/** Messages from a response body in `output.value` (OpenAI choices/responses, Anthropic message), else the text as is. */
export function messagesFromOutputValue(value: AttributeValue): ChatMessage[] {
  const parsed = parseMaybeJson(value);
  if (isRecord(parsed)) {
    if (Array.isArray(parsed.choices)) return parsed.choices.flatMap((choice) => choiceMessages(choice));
    if (typeof parsed.role === 'string') return coerceMessages(parsed) ?? [];
    if (Array.isArray(parsed.output)) {
      const parts = parsed.output.flatMap((item) =>
        isRecord(item) && item.type === 'message' ? contentToParts(item.content) : blockToParts(item),
      );
      return [{ role: 'assistant', parts }];
    }
  }
  return [textMessage('assistant', stringifyValue(value))];
}

function choiceMessages(choice: AttributeValue): ChatMessage[] {
  if (!isRecord(choice)) return [];
  const messages = isRecord(choice.message)
    ? (coerceMessages(choice.message) ?? [])
    : typeof choice.text === 'string'
      ? [textMessage('assistant', choice.text)]
      : [];
  if (typeof choice.finish_reason === 'string') {
    for (const message of messages) message.finish_reason = choice.finish_reason;
  }
  return messages;
}

/** Finish reasons in a response body: OpenAI `choices[].finish_reason`, Anthropic `stop_reason`. */
export function finishReasonsFromBody(value: AttributeValue | undefined): string[] | undefined {
  const body = value === undefined ? undefined : parseMaybeJson(value);
  if (!isRecord(body)) return undefined;
  const reasons = Array.isArray(body.choices)
    ? body.choices.flatMap((choice) =>
        isRecord(choice) && typeof choice.finish_reason === 'string' ? [choice.finish_reason] : [],
      )
    : typeof body.stop_reason === 'string'
      ? [body.stop_reason]
      : [];
  return reasons.length > 0 ? reasons : undefined;
}

/** Labels output messages with their finish reasons when there is one reason per message. */
export function labelFinishReasons(output: ChatMessage[] | undefined, reasons: readonly string[]): void {
  if (output?.length !== reasons.length) return;
  output.forEach((message, index) => {
    const reason = reasons[index];
    if (reason !== undefined) message.finish_reason ??= reason;
  });
}
