import { randomBytes } from 'node:crypto';
import type { ChatMessage } from '@sightline/core';
import type { NormalisedSpan } from '../../normalise/types.ts';

export function hexId(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

export const traceId = (): string => hexId(16);
export const spanId = (): string => hexId(8);

/** Microseconds since the epoch, `minutesAgo` before now (recent, so retention TTLs keep the rows). */
export function microsAgo(minutesAgo: number): number {
  return Math.round((Date.now() - minutesAgo * 60_000) * 1000);
}

/** A prompt and completion of roughly the given sizes, as canonical messages. */
export function chatMessages(
  promptChars = 1500,
  completionChars = 700,
): { input: ChatMessage[]; output: ChatMessage[] } {
  const words = 'the quick brown fox jumps over a lazy dog while models reason about tokens and costs '.repeat(
    Math.ceil(Math.max(promptChars, completionChars) / 80) + 1,
  );
  return {
    input: [
      { role: 'system', parts: [{ type: 'text', content: 'You are a helpful assistant.' }] },
      { role: 'user', parts: [{ type: 'text', content: words.slice(0, promptChars) }] },
    ],
    output: [
      {
        role: 'assistant',
        parts: [{ type: 'text', content: words.slice(0, completionChars) }],
        finish_reason: 'stop',
      },
    ],
  };
}

/** A plain internal span with every field set to an empty or neutral value, then the overrides. */
export function buildSpan(overrides: Partial<NormalisedSpan> = {}): NormalisedSpan {
  const start = overrides.startTimeUnixUs ?? microsAgo(10);
  return {
    projectId: 'project-a',
    traceId: traceId(),
    spanId: spanId(),
    parentSpanId: '',
    name: 'handle-request',
    kind: 'SERVER',
    startTimeUnixUs: start,
    endTimeUnixUs: start + 250_000,
    statusCode: 'UNSET',
    statusMessage: '',
    serviceName: 'checkout',
    environment: 'production',
    scopeName: 'test-scope',
    scopeVersion: '1.0.0',
    sourceConvention: 'otel_genai',
    spanType: 'other',
    operation: '',
    provider: '',
    requestModel: '',
    responseModel: '',
    sessionId: '',
    userId: '',
    agentName: '',
    toolName: '',
    promptName: '',
    promptVersion: '',
    feature: '',
    tags: [],
    finishReasons: [],
    errorType: '',
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    usageDetails: {},
    countsInTotals: false,
    costUsd: null,
    costSource: 'none',
    costDetails: {},
    priceVersion: '',
    timeToFirstTokenMs: null,
    input: [],
    output: [],
    requestParameters: {},
    toolDefinitions: null,
    metadata: {},
    attributes: {},
    resourceAttributes: { 'service.name': 'checkout' },
    events: [],
    links: [],
    mapping: { conventions: [], mapped: [], raw: [], errors: [] },
    ...overrides,
  };
}

/** An LLM call span (counts in totals) with realistic prompt/completion sizes. */
export function buildLlmSpan(overrides: Partial<NormalisedSpan> = {}): NormalisedSpan {
  const start = overrides.startTimeUnixUs ?? microsAgo(10);
  return buildSpan({
    name: 'chat gpt-4o-mini',
    kind: 'CLIENT',
    startTimeUnixUs: start,
    endTimeUnixUs: start + 1_200_000,
    spanType: 'llm',
    operation: 'chat',
    provider: 'openai',
    requestModel: 'gpt-4o-mini',
    responseModel: 'gpt-4o-mini-2024-07-18',
    usage: { inputTokens: 420, outputTokens: 180, cacheReadTokens: 100, cacheWriteTokens: 0, reasoningTokens: 20 },
    usageDetails: { input: 420, output: 180 },
    countsInTotals: true,
    costUsd: 0.000171,
    costSource: 'calculated',
    costDetails: { input: 0.000063, output: 0.000108 },
    priceVersion: 'genai-prices@test',
    timeToFirstTokenMs: 310.5,
    ...chatMessages(),
    requestParameters: { temperature: 0.2, max_tokens: 512 },
    attributes: { 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.operation.name': 'chat' },
    ...overrides,
  });
}

/** A trace: one root span and `llmCalls` LLM children under it. */
export function buildTrace(
  options: { llmCalls?: number; root?: Partial<NormalisedSpan>; llm?: Partial<NormalisedSpan> } = {},
): NormalisedSpan[] {
  const root = buildSpan({ spanType: 'agent', name: 'agent run', ...options.root });
  const children: NormalisedSpan[] = [];
  for (let index = 0; index < (options.llmCalls ?? 2); index++) {
    children.push(
      buildLlmSpan({
        projectId: root.projectId,
        traceId: root.traceId,
        parentSpanId: root.spanId,
        startTimeUnixUs: root.startTimeUnixUs + 10_000 + index * 1000,
        ...options.llm,
      }),
    );
  }
  return [root, ...children];
}
