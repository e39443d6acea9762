// Anthropic `POST /v1/messages`: request reading, the Message object and its streamed events.

import { delay, EventStreamWriter, sendJson } from './http-io.ts';
import { argumentChunks, type ChatProtocol, type ReplyContext } from './protocol.ts';
import { errorBody, InvalidRequestError } from './protocol-errors.ts';
import {
  asArray,
  asNumber,
  collectText,
  contentText,
  isObject,
  type JsonObject,
  requireArray,
  requireString,
} from './request-fields.ts';
import { countTokens, splitIntoChunks } from './tokens.ts';
import type { Conversation, PlannedUsage, ReplyPlan, ToolChoice, ToolOffer } from './types.ts';

const THINKING_SIGNATURE = 'mock-signature';

function readTools(body: JsonObject): ToolOffer[] {
  const tools: ToolOffer[] = [];
  for (const tool of asArray(body.tools)) {
    // Server tools (web search and the like) carry a versioned `type` and no input schema.
    if (isObject(tool) && typeof tool.name === 'string' && tool.input_schema !== undefined) {
      tools.push({ name: tool.name, parameters: tool.input_schema });
    }
  }
  return tools;
}

function readToolChoice(value: unknown): ToolChoice {
  if (!isObject(value)) return { kind: 'auto' };
  if (value.type === 'none') return { kind: 'none' };
  if (value.type === 'any') return { kind: 'required' };
  if (value.type === 'tool' && typeof value.name === 'string') return { kind: 'named', name: value.name };
  return { kind: 'auto' };
}

function hasCacheControl(value: unknown, depth = 0): boolean {
  if (depth > 16) return false;
  if (Array.isArray(value)) return value.some((item) => hasCacheControl(item, depth + 1));
  if (!isObject(value)) return false;
  if (isObject(value.cache_control)) return true;
  return Array.isArray(value.content) && hasCacheControl(value.content, depth + 1);
}

function isToolResult(block: unknown): block is JsonObject {
  return isObject(block) && block.type === 'tool_result';
}

function parseMessages(body: JsonObject): Conversation {
  const model = requireString(body, 'model');
  if (asNumber(body.max_tokens) === undefined) throw new InvalidRequestError('max_tokens: Field required');
  const messages = requireArray(body, 'messages').filter(isObject);
  let lastUserText = '';
  for (const message of messages) {
    if (message.role !== 'user') continue;
    const content = message.content;
    const text =
      typeof content === 'string' ? content : contentText(asArray(content).filter((block) => !isToolResult(block)));
    if (text !== '') lastUserText = text;
  }
  const last = messages.at(-1);
  const toolResults = last?.role === 'user' ? asArray(last.content).filter(isToolResult) : [];
  const thinking = isObject(body.thinking) ? body.thinking.type : undefined;
  return {
    model,
    systemText: contentText(body.system),
    lastUserText,
    toolResultText:
      toolResults.length > 0 ? toolResults.map((block) => contentText(block.content)).join('\n') : undefined,
    promptText: `${collectText(body.system)} ${collectText(messages)} ${collectText(body.tools)}`,
    tools: readTools(body),
    toolChoice: readToolChoice(body.tool_choice),
    maxOutputTokens: asNumber(body.max_tokens),
    reasoningRequested: thinking === 'enabled' || thinking === 'adaptive',
    hasCacheBreakpoint:
      isObject(body.cache_control) ||
      hasCacheControl(body.system) ||
      hasCacheControl(messages) ||
      hasCacheControl(body.tools),
  };
}

/** Anthropic usage: input_tokens excludes the cache read and cache creation tokens. */
export function anthropicUsage(usage: PlannedUsage): JsonObject {
  return {
    input_tokens: usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens,
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cacheReadTokens,
    cache_creation: { ephemeral_5m_input_tokens: usage.cacheWriteTokens, ephemeral_1h_input_tokens: 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: usage.reasoningTokens > 0 ? { thinking_tokens: usage.reasoningTokens } : null,
    server_tool_use: null,
    service_tier: 'standard',
  };
}

function stopReason(plan: ReplyPlan): string {
  if (plan.finishReason === 'tool_calls') return 'tool_use';
  if (plan.finishReason === 'length') return 'max_tokens';
  return 'end_turn';
}

function contentBlocks(plan: ReplyPlan): JsonObject[] {
  const blocks: JsonObject[] = [];
  if (plan.reasoningText !== undefined) {
    blocks.push({ type: 'thinking', thinking: plan.reasoningText, signature: THINKING_SIGNATURE });
  }
  if (plan.toolCall) {
    blocks.push({
      type: 'tool_use',
      id: plan.toolCall.id,
      name: plan.toolCall.name,
      input: JSON.parse(plan.toolCall.arguments) as unknown,
    });
  } else {
    blocks.push({ type: 'text', text: plan.text });
  }
  return blocks;
}

function messageObject(context: ReplyContext, finished: boolean): JsonObject {
  const { plan } = context;
  const usage = anthropicUsage(plan.usage);
  return {
    id: `msg_mock${context.idSuffix}`,
    type: 'message',
    role: 'assistant',
    model: context.conversation.model,
    content: finished ? contentBlocks(plan) : [],
    stop_reason: finished ? stopReason(plan) : null,
    stop_sequence: null,
    // At message_start the output count is not known yet; the API reports a placeholder of 1.
    usage: finished ? usage : { ...usage, output_tokens: 1, output_tokens_details: null },
  };
}

async function respondJson(context: ReplyContext): Promise<void> {
  const { plan } = context;
  const chunkCount = plan.toolCall ? argumentChunks(plan.toolCall.arguments).length : splitIntoChunks(plan.text).length;
  await delay(context.firstChunkDelayMs + context.chunkDelayMs * chunkCount);
  sendJson(context.response, 200, messageObject(context, true), context.headers);
}

async function respondStream(context: ReplyContext): Promise<void> {
  const { plan } = context;
  const writer = new EventStreamWriter(
    context.response,
    context.headers,
    context.firstChunkDelayMs,
    context.chunkDelayMs,
  );
  const emit = (type: string, fields: JsonObject, paced = false): Promise<void> =>
    writer.send({ type, ...fields }, { event: type, paced });

  await emit('message_start', { message: messageObject(context, false) });
  for (const [index, block] of contentBlocks(plan).entries()) {
    if (block.type === 'thinking') {
      await emit('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      for (const piece of splitIntoChunks(String(block.thinking))) {
        await emit('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } }, true);
      }
      await emit('content_block_delta', { index, delta: { type: 'signature_delta', signature: THINKING_SIGNATURE } });
    } else if (block.type === 'tool_use') {
      await emit('content_block_start', { index, content_block: { ...block, input: {} } });
      for (const piece of argumentChunks(plan.toolCall?.arguments ?? '{}')) {
        await emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } }, true);
      }
    } else {
      await emit('content_block_start', { index, content_block: { type: 'text', text: '' } });
      if (index === 0) await emit('ping', {});
      const pieces = splitIntoChunks(plan.text);
      for (const [position, piece] of pieces.entries()) {
        if (context.streamError && position === Math.floor(pieces.length / 2)) {
          await writer.send(errorBody('anthropic', 529, 'Overloaded (scripted by the mock LLM server).', ''), {
            event: 'error',
            paced: true,
          });
          writer.end();
          return;
        }
        await emit('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }, true);
      }
    }
    await emit('content_block_stop', { index });
  }
  const usage = anthropicUsage(plan.usage);
  await emit('message_delta', {
    delta: { stop_reason: stopReason(plan), stop_sequence: null, stop_details: null },
    usage: {
      input_tokens: usage.input_tokens,
      cache_creation_input_tokens: usage.cache_creation_input_tokens,
      cache_read_input_tokens: usage.cache_read_input_tokens,
      output_tokens: usage.output_tokens,
      output_tokens_details: usage.output_tokens_details,
      server_tool_use: null,
    },
  });
  await emit('message_stop', {});
  writer.end();
}

export const anthropicMessagesProtocol: ChatProtocol = {
  protocol: 'anthropic.messages',
  errorFamily: 'anthropic',
  toolCallIdPrefix: 'toolu_mock',
  automaticCaching: false,
  parse: parseMessages,
  isStream: (body) => body.stream === true,
  respond: (context) => (context.body.stream === true ? respondStream(context) : respondJson(context)),
};

/** `POST /v1/messages/count_tokens`: the input tokens the same request would use (cache not applied). */
export function countMessageTokens(body: JsonObject): JsonObject {
  const text = `${collectText(body.system)} ${collectText(body.messages)} ${collectText(body.tools)}`;
  return { input_tokens: Math.max(1, countTokens(text)) };
}
