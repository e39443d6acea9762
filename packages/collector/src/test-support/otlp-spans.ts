import { randomBytes } from 'node:crypto';
import {
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OPERATION_NAME,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
} from '@sightline/core';
import type { OtlpSpan } from '../otlp/types.ts';

export const newTraceId = (): string => randomBytes(16).toString('hex');
export const newSpanId = (): string => randomBytes(8).toString('hex');

/** An OTel GenAI 1.37+ chat span as our own or the official instrumentation emits it. */
export function chatSpan(overrides: Partial<OtlpSpan> & { minutesAgo?: number } = {}): OtlpSpan {
  const { minutesAgo = 5, attributes, ...rest } = overrides;
  const start = Math.round((Date.now() - minutesAgo * 60_000) * 1000);
  return {
    traceId: newTraceId(),
    spanId: newSpanId(),
    parentSpanId: '',
    name: 'chat gpt-4o-mini',
    kind: 'CLIENT',
    startTimeUnixUs: start,
    endTimeUnixUs: start + 850_000,
    status: { code: 'UNSET', message: '' },
    attributes: {
      [GEN_AI_OPERATION_NAME]: 'chat',
      [GEN_AI_PROVIDER_NAME]: 'openai',
      [GEN_AI_REQUEST_MODEL]: 'gpt-4o-mini',
      [GEN_AI_RESPONSE_MODEL]: 'gpt-4o-mini-2024-07-18',
      [GEN_AI_USAGE_INPUT_TOKENS]: 1200,
      [GEN_AI_USAGE_OUTPUT_TOKENS]: 300,
      [GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]: 1000,
      [GEN_AI_INPUT_MESSAGES]: JSON.stringify([
        { role: 'user', parts: [{ type: 'text', content: 'What is the refund policy?' }] },
      ]),
      [GEN_AI_OUTPUT_MESSAGES]: JSON.stringify([
        { role: 'assistant', parts: [{ type: 'text', content: 'Refunds within 30 days.' }], finish_reason: 'stop' },
      ]),
      'user.id': 'user-42',
      'session.id': 'session-7',
      ...attributes,
    },
    events: [],
    links: [],
    resource: { 'service.name': 'support-bot', 'deployment.environment.name': 'test' },
    scope: { name: 'test-instrumentation', version: '1.0.0' },
    ...rest,
  };
}
