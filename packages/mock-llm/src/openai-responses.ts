// OpenAI `POST /v1/responses`: request reading, the response object and its streamed events.

import { delay, EventStreamWriter, sendJson } from './http-io.ts';
import { argumentChunks, type ChatProtocol, type ReplyContext } from './protocol.ts';
import { InvalidRequestError } from './protocol-errors.ts';
import {
  asArray,
  asNumber,
  asString,
  collectText,
  contentText,
  isObject,
  type JsonObject,
  requireString,
} from './request-fields.ts';
import { splitIntoChunks } from './tokens.ts';
import type { Conversation, PlannedUsage, ToolChoice, ToolOffer } from './types.ts';

function readItems(body: JsonObject): JsonObject[] {
  if (typeof body.input === 'string') return [{ role: 'user', content: body.input }];
  if (!Array.isArray(body.input) || body.input.length === 0) {
    throw new InvalidRequestError('input: Field required (a string or a non-empty array)');
  }
  return body.input.filter(isObject);
}

function readTools(body: JsonObject): ToolOffer[] {
  const tools: ToolOffer[] = [];
  for (const tool of asArray(body.tools)) {
    if (isObject(tool) && tool.type === 'function' && typeof tool.name === 'string') {
      tools.push({ name: tool.name, parameters: tool.parameters });
    }
  }
  return tools;
}

function readToolChoice(value: unknown): ToolChoice {
  if (value === 'none') return { kind: 'none' };
  if (value === 'required') return { kind: 'required' };
  if (isObject(value) && value.type === 'function' && typeof value.name === 'string') {
    return { kind: 'named', name: value.name };
  }
  return { kind: 'auto' };
}

function parseResponses(body: JsonObject): Conversation {
  const model = requireString(body, 'model');
  const items = readItems(body);
  const system: string[] = [];
  const instructions = asString(body.instructions);
  if (instructions) system.push(instructions);
  let lastUserText = '';
  for (const item of items) {
    if (item.role === 'system' || item.role === 'developer') system.push(contentText(item.content));
    if (item.role === 'user') lastUserText = contentText(item.content);
  }
  const trailingOutputs: string[] = [];
  for (let index = items.length - 1; index >= 0 && items[index]?.type === 'function_call_output'; index--) {
    const output = items[index]?.output;
    trailingOutputs.unshift(typeof output === 'string' ? output : contentText(output));
  }
  const effort = isObject(body.reasoning) ? asString(body.reasoning.effort) : undefined;
  return {
    model,
    systemText: system.join('\n'),
    lastUserText,
    toolResultText: trailingOutputs.length > 0 ? trailingOutputs.join('\n') : undefined,
    promptText: `${instructions ?? ''} ${collectText(items)} ${collectText(body.tools)}`,
    tools: readTools(body),
    toolChoice: readToolChoice(body.tool_choice),
    maxOutputTokens: asNumber(body.max_output_tokens),
    reasoningRequested: effort !== undefined && effort !== 'none',
    hasCacheBreakpoint: false,
  };
}

export function responsesUsage(usage: PlannedUsage): JsonObject {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cacheReadTokens, cache_write_tokens: usage.cacheWriteTokens },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

function outputItems(context: ReplyContext): JsonObject[] {
  const { plan, idSuffix } = context;
  const items: JsonObject[] = [];
  if (plan.reasoningText !== undefined) items.push({ id: `rs_mock${idSuffix}`, type: 'reasoning', summary: [] });
  if (plan.toolCall) {
    items.push({
      id: `fc_mock${idSuffix}`,
      type: 'function_call',
      status: 'completed',
      arguments: plan.toolCall.arguments,
      call_id: plan.toolCall.id,
      name: plan.toolCall.name,
    });
  } else {
    items.push({
      id: `msg_mock${idSuffix}`,
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: plan.text, annotations: [], logprobs: [] }],
    });
  }
  return items;
}

function responseObject(context: ReplyContext, status: 'in_progress' | 'completed' | 'incomplete'): JsonObject {
  const { body, plan } = context;
  const done = status !== 'in_progress';
  return {
    id: `resp_mock${context.idSuffix}`,
    object: 'response',
    created_at: context.createdUnixSeconds,
    status,
    ...(done ? { completed_at: context.createdUnixSeconds } : {}),
    error: null,
    incomplete_details: status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: context.conversation.model,
    output: done ? outputItems(context) : [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: isObject(body.reasoning) ? (body.reasoning.effort ?? null) : null, summary: null },
    service_tier: 'default',
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: 'disabled',
    usage: done ? responsesUsage(plan.usage) : null,
    user: body.user ?? null,
    metadata: body.metadata ?? {},
  };
}

function finalStatus(context: ReplyContext): 'completed' | 'incomplete' {
  return context.plan.finishReason === 'length' ? 'incomplete' : 'completed';
}

async function respondJson(context: ReplyContext): Promise<void> {
  const { plan } = context;
  const chunkCount = plan.toolCall ? argumentChunks(plan.toolCall.arguments).length : splitIntoChunks(plan.text).length;
  await delay(context.firstChunkDelayMs + context.chunkDelayMs * chunkCount);
  sendJson(context.response, 200, responseObject(context, finalStatus(context)), context.headers);
}

async function respondStream(context: ReplyContext): Promise<void> {
  const writer = new EventStreamWriter(
    context.response,
    context.headers,
    context.firstChunkDelayMs,
    context.chunkDelayMs,
  );
  let sequence = 0;
  const emit = async (type: string, fields: JsonObject, paced = false): Promise<void> => {
    await writer.send({ type, sequence_number: sequence++, ...fields }, { event: type, paced });
  };
  await emit('response.created', { response: responseObject(context, 'in_progress') });
  await emit('response.in_progress', { response: responseObject(context, 'in_progress') });
  for (const [outputIndex, item] of outputItems(context).entries()) {
    const itemId = item.id;
    if (item.type === 'reasoning') {
      await emit('response.output_item.added', { output_index: outputIndex, item });
      await emit('response.output_item.done', { output_index: outputIndex, item });
    } else if (item.type === 'function_call') {
      const args = String(item.arguments);
      await emit('response.output_item.added', {
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', arguments: '' },
      });
      for (const piece of argumentChunks(args)) {
        await emit(
          'response.function_call_arguments.delta',
          { item_id: itemId, output_index: outputIndex, delta: piece },
          true,
        );
      }
      await emit('response.function_call_arguments.done', {
        item_id: itemId,
        output_index: outputIndex,
        name: item.name,
        arguments: args,
      });
      await emit('response.output_item.done', { output_index: outputIndex, item });
    } else {
      const text = context.plan.text;
      const part = { type: 'output_text', text: '', annotations: [], logprobs: [] };
      const location = { item_id: itemId, output_index: outputIndex, content_index: 0 };
      await emit('response.output_item.added', {
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', content: [] },
      });
      await emit('response.content_part.added', { ...location, part });
      const pieces = splitIntoChunks(text);
      for (const [index, piece] of pieces.entries()) {
        if (context.streamError && index === Math.floor(pieces.length / 2)) {
          await emit(
            'error',
            { code: 'server_error', message: 'The stream failed (scripted by the mock LLM server).', param: null },
            true,
          );
          writer.end();
          return;
        }
        await emit('response.output_text.delta', { ...location, delta: piece, logprobs: [] }, true);
      }
      await emit('response.output_text.done', { ...location, text, logprobs: [] });
      await emit('response.content_part.done', { ...location, part: { ...part, text } });
      await emit('response.output_item.done', { output_index: outputIndex, item });
    }
  }
  const status = finalStatus(context);
  await emit(status === 'completed' ? 'response.completed' : 'response.incomplete', {
    response: responseObject(context, status),
  });
  writer.end();
}

export const openaiResponsesProtocol: ChatProtocol = {
  protocol: 'openai.responses',
  errorFamily: 'openai',
  toolCallIdPrefix: 'call_mock',
  automaticCaching: true,
  parse: parseResponses,
  isStream: (body) => body.stream === true,
  respond: (context) => (context.body.stream === true ? respondStream(context) : respondJson(context)),
};
