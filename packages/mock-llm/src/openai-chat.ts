// OpenAI `POST /v1/chat/completions`: request reading and the JSON / SSE chunk replies.

import { delay, EventStreamWriter, sendJson } from './http-io.ts';
import { argumentChunks, type ChatProtocol, type ReplyContext } from './protocol.ts';
import { errorBody } from './protocol-errors.ts';
import {
  asArray,
  asNumber,
  asString,
  collectText,
  contentText,
  isObject,
  type JsonObject,
  requireArray,
  requireString,
} from './request-fields.ts';
import { splitIntoChunks } from './tokens.ts';
import type { Conversation, PlannedUsage, ReplyPlan, ToolChoice, ToolOffer } from './types.ts';

function readTools(body: JsonObject): ToolOffer[] {
  const tools: ToolOffer[] = [];
  for (const tool of asArray(body.tools)) {
    if (!isObject(tool) || !isObject(tool.function)) continue;
    const name = asString(tool.function.name);
    if (name) tools.push({ name, parameters: tool.function.parameters });
  }
  return tools;
}

function readToolChoice(value: unknown): ToolChoice {
  if (value === 'none') return { kind: 'none' };
  if (value === 'required') return { kind: 'required' };
  if (isObject(value) && isObject(value.function) && typeof value.function.name === 'string') {
    return { kind: 'named', name: value.function.name };
  }
  return { kind: 'auto' };
}

function parseChat(body: JsonObject): Conversation {
  const model = requireString(body, 'model');
  const messages = requireArray(body, 'messages').filter(isObject);
  const system: string[] = [];
  let lastUserText = '';
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') system.push(contentText(message.content));
    if (message.role === 'user') lastUserText = contentText(message.content);
  }
  const trailingToolResults: string[] = [];
  for (let index = messages.length - 1; index >= 0 && messages[index]?.role === 'tool'; index--) {
    trailingToolResults.unshift(contentText(messages[index]?.content));
  }
  const effort = asString(body.reasoning_effort);
  return {
    model,
    systemText: system.join('\n'),
    lastUserText,
    toolResultText: trailingToolResults.length > 0 ? trailingToolResults.join('\n') : undefined,
    promptText: `${collectText(messages)} ${collectText(body.tools)}`,
    tools: readTools(body),
    toolChoice: readToolChoice(body.tool_choice),
    maxOutputTokens: asNumber(body.max_completion_tokens) ?? asNumber(body.max_tokens),
    reasoningRequested: effort !== undefined && effort !== 'none',
    hasCacheBreakpoint: false,
  };
}

/** OpenAI usage: prompt tokens include cached ones, completion tokens include reasoning ones. */
export function chatUsage(usage: PlannedUsage): JsonObject {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: {
      cached_tokens: usage.cacheReadTokens,
      audio_tokens: 0,
      ...(usage.cacheWriteTokens > 0 ? { cache_write_tokens: usage.cacheWriteTokens } : {}),
    },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function toolCallsOf(plan: ReplyPlan): JsonObject[] | undefined {
  if (!plan.toolCall) return undefined;
  const { id, name, arguments: args } = plan.toolCall;
  return [{ id, type: 'function', function: { name, arguments: args } }];
}

function completionId(context: ReplyContext): string {
  return `chatcmpl-mock${context.idSuffix}`;
}

async function respondJson(context: ReplyContext): Promise<void> {
  const { plan } = context;
  const chunkCount = plan.toolCall ? argumentChunks(plan.toolCall.arguments).length : splitIntoChunks(plan.text).length;
  await delay(context.firstChunkDelayMs + context.chunkDelayMs * chunkCount);
  const toolCalls = toolCallsOf(plan);
  sendJson(
    context.response,
    200,
    {
      id: completionId(context),
      object: 'chat.completion',
      created: context.createdUnixSeconds,
      model: context.conversation.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: plan.toolCall ? null : plan.text,
            refusal: null,
            annotations: [],
            ...(toolCalls ? { tool_calls: toolCalls } : {}),
          },
          logprobs: null,
          finish_reason: plan.finishReason,
        },
      ],
      usage: chatUsage(plan.usage),
      service_tier: 'default',
      system_fingerprint: 'fp_mock',
    },
    context.headers,
  );
}

async function respondStream(context: ReplyContext): Promise<void> {
  const { plan, body } = context;
  const includeUsage = isObject(body.stream_options) && body.stream_options.include_usage === true;
  const writer = new EventStreamWriter(
    context.response,
    context.headers,
    context.firstChunkDelayMs,
    context.chunkDelayMs,
  );
  const chunk = (choices: JsonObject[], extra: JsonObject = {}): JsonObject => ({
    id: completionId(context),
    object: 'chat.completion.chunk',
    created: context.createdUnixSeconds,
    model: context.conversation.model,
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
    choices,
    ...(includeUsage ? { usage: null } : {}),
    ...extra,
  });
  const delta = (value: JsonObject, finishReason: string | null = null): JsonObject => ({
    index: 0,
    delta: value,
    logprobs: null,
    finish_reason: finishReason,
  });

  if (plan.toolCall) {
    const { id, name, arguments: args } = plan.toolCall;
    await writer.send(
      chunk([
        delta({
          role: 'assistant',
          content: null,
          tool_calls: [{ index: 0, id, type: 'function', function: { name, arguments: '' } }],
          refusal: null,
        }),
      ]),
    );
    for (const piece of argumentChunks(args)) {
      await writer.send(chunk([delta({ tool_calls: [{ index: 0, function: { arguments: piece } }] })]), {
        paced: true,
      });
    }
  } else {
    await writer.send(chunk([delta({ role: 'assistant', content: '', refusal: null })]));
    const pieces = splitIntoChunks(plan.text);
    for (const [index, piece] of pieces.entries()) {
      if (context.streamError && index === Math.floor(pieces.length / 2)) {
        await writer.send(errorBody('openai', 500, 'The stream failed (scripted by the mock LLM server).', ''), {
          paced: true,
        });
        writer.end();
        return;
      }
      await writer.send(chunk([delta({ content: piece })]), { paced: true });
    }
  }
  await writer.send(chunk([delta({}, plan.finishReason)]));
  if (includeUsage) await writer.send(chunk([], { usage: chatUsage(plan.usage) }));
  await writer.send('[DONE]');
  writer.end();
}

export const openaiChatProtocol: ChatProtocol = {
  protocol: 'openai.chat',
  errorFamily: 'openai',
  toolCallIdPrefix: 'call_mock',
  automaticCaching: true,
  parse: parseChat,
  isStream: (body) => body.stream === true,
  respond: (context) => (context.body.stream === true ? respondStream(context) : respondJson(context)),
};
