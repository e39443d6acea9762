import { trace } from '@opentelemetry/api';
import {
  SIGHTLINE_GUARDRAIL_EVENT,
  SIGHTLINE_GUARDRAIL_NAME,
  SIGHTLINE_GUARDRAIL_OUTCOME,
  SIGHTLINE_GUARDRAIL_REASON,
  SIGHTLINE_SPAN_TYPE,
} from '@sightline/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { recordGuardrail } from './record-guardrail.ts';
import { startTestTracing } from './test-tracing.ts';

const tracing = startTestTracing();
beforeEach(() => tracing.reset());

describe('recordGuardrail', () => {
  it('adds one event per check and keeps the most severe outcome on the span', async () => {
    trace.getTracer('test').startActiveSpan('handle message', (span) => {
      recordGuardrail({ name: 'pii', outcome: 'modify', reason: 'email address masked' });
      recordGuardrail({ name: 'prompt-injection', outcome: 'block', reason: 'ignore previous instructions' });
      recordGuardrail({ name: 'topic', outcome: 'pass' });
      span.end();
    });
    const span = await tracing.span('handle message');
    expect(span.attributes).toEqual({
      [SIGHTLINE_GUARDRAIL_OUTCOME]: 'block',
      [SIGHTLINE_GUARDRAIL_NAME]: 'prompt-injection',
    });
    expect(span.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        SIGHTLINE_GUARDRAIL_EVENT,
        {
          [SIGHTLINE_GUARDRAIL_NAME]: 'pii',
          [SIGHTLINE_GUARDRAIL_OUTCOME]: 'modify',
          [SIGHTLINE_GUARDRAIL_REASON]: 'email address masked',
        },
      ],
      [
        SIGHTLINE_GUARDRAIL_EVENT,
        {
          [SIGHTLINE_GUARDRAIL_NAME]: 'prompt-injection',
          [SIGHTLINE_GUARDRAIL_OUTCOME]: 'block',
          [SIGHTLINE_GUARDRAIL_REASON]: 'ignore previous instructions',
        },
      ],
      [SIGHTLINE_GUARDRAIL_EVENT, { [SIGHTLINE_GUARDRAIL_NAME]: 'topic', [SIGHTLINE_GUARDRAIL_OUTCOME]: 'pass' }],
    ]);
  });

  it('outside any span records on a guardrail span of its own', async () => {
    recordGuardrail({ name: 'toxicity', outcome: 'pass' });
    const span = await tracing.span('guardrail toxicity');
    expect(span.attributes).toEqual({
      [SIGHTLINE_SPAN_TYPE]: 'guardrail',
      [SIGHTLINE_GUARDRAIL_OUTCOME]: 'pass',
      [SIGHTLINE_GUARDRAIL_NAME]: 'toxicity',
    });
  });
});
