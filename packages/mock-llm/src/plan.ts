// Decides the reply to a conversation, protocol-neutral: text or tool call, reasoning, cache and usage.

import { type Behaviours, isReasoningModel } from './behaviours.ts';
import { argumentsFromSchema, stringHintFrom } from './schema-arguments.ts';
import { countTokens, firstWords } from './tokens.ts';
import type { Conversation, PlannedUsage, ReplyPlan, ToolCallPlan } from './types.ts';

const ECHO_WORDS = 12;

export interface PlanContext {
  behaviours: Behaviours;
  /** System prompts already cached by this server (keyed by model and text). */
  cachedPrompts: Set<string>;
  cacheMinTokens: number;
  /** Whether the protocol caches without an explicit breakpoint (OpenAI does, Anthropic needs cache_control). */
  automaticCaching: boolean;
  /** Unique suffix for ids of this reply. */
  idSuffix: string;
  toolCallIdPrefix: string;
}

function chooseTool(conversation: Conversation, behaviours: Behaviours): string | undefined {
  if (behaviours.noTools || conversation.tools.length === 0) return undefined;
  if (conversation.toolResultText !== undefined) return undefined;
  const choice = conversation.toolChoice;
  if (choice.kind === 'none') return undefined;
  if (choice.kind === 'named') return conversation.tools.find((tool) => tool.name === choice.name)?.name;
  return conversation.tools[0]?.name;
}

function planToolCall(conversation: Conversation, name: string, context: PlanContext): ToolCallPlan {
  const tool = conversation.tools.find((offer) => offer.name === name);
  const values = argumentsFromSchema(tool?.parameters, stringHintFrom(conversation.lastUserText));
  return { id: `${context.toolCallIdPrefix}${context.idSuffix}`, name, arguments: JSON.stringify(values) };
}

function replyText(conversation: Conversation): string {
  if (conversation.toolResultText !== undefined) {
    return `Based on the tool result: ${firstWords(conversation.toolResultText, ECHO_WORDS) || 'nothing'}`;
  }
  const echoed = firstWords(conversation.lastUserText, ECHO_WORDS);
  return echoed === '' ? 'Mock reply.' : `Mock reply to: ${echoed}`;
}

function planCache(conversation: Conversation, context: PlanContext): { read: number; write: number } {
  const systemTokens = countTokens(conversation.systemText);
  const forced = context.behaviours.cache;
  if (forced === 'none') return { read: 0, write: 0 };
  if (forced === 'read') return { read: systemTokens, write: 0 };
  if (forced === 'write') return { read: 0, write: systemTokens };
  const eligible =
    systemTokens >= context.cacheMinTokens && (context.automaticCaching || conversation.hasCacheBreakpoint);
  if (!eligible) return { read: 0, write: 0 };
  const key = `${conversation.model}\u0000${conversation.systemText}`;
  if (context.cachedPrompts.has(key)) return { read: systemTokens, write: 0 };
  context.cachedPrompts.add(key);
  return { read: 0, write: systemTokens };
}

/** Plans the reply: a tool call when tools are offered and the conversation does not end with tool results, else echo-ish text. */
export function planReply(conversation: Conversation, context: PlanContext): ReplyPlan {
  const toolName = chooseTool(conversation, context.behaviours);
  const toolCall = toolName === undefined ? undefined : planToolCall(conversation, toolName, context);
  let text = toolCall ? '' : replyText(conversation);
  let finishReason: ReplyPlan['finishReason'] = toolCall ? 'tool_calls' : 'stop';
  const limit = conversation.maxOutputTokens;
  if (!toolCall && limit !== undefined && countTokens(text) > limit) {
    text = firstWords(text, Math.max(limit, 0));
    finishReason = 'length';
  }
  const reasons =
    context.behaviours.reasoning || conversation.reasoningRequested || isReasoningModel(conversation.model);
  const reasoningText = reasons
    ? `Reasoning about: ${firstWords(conversation.toolResultText ?? conversation.lastUserText, ECHO_WORDS) || 'the request'}`
    : undefined;
  const cache = planCache(conversation, context);
  const reasoningTokens = reasoningText === undefined ? 0 : countTokens(reasoningText);
  const toolTokens = toolCall ? countTokens(toolCall.name) + countTokens(toolCall.arguments) : 0;
  const usage: PlannedUsage = {
    // The system prompt is part of the prompt text, so cache tokens never exceed input tokens.
    inputTokens: Math.max(countTokens(conversation.promptText), 1, cache.read + cache.write),
    outputTokens: countTokens(text) + toolTokens + reasoningTokens,
    cacheReadTokens: cache.read,
    cacheWriteTokens: cache.write,
    reasoningTokens,
  };
  return { text, toolCall, reasoningText, finishReason, usage };
}
