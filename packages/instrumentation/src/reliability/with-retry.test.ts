import { SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ERROR_TYPE,
  SIGHTLINE_ERROR_MESSAGE,
  SIGHTLINE_RETRY_ATTEMPT,
  SIGHTLINE_RETRY_BACKOFF_MS,
  SIGHTLINE_RETRY_EVENT,
  SIGHTLINE_RETRY_MAX_ATTEMPTS,
  SIGHTLINE_RETRY_WILL_RETRY,
} from '@sightline/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { currentContext } from '../context/sightline-context.ts';
import { withPrompt } from '../prompts/prompt-registry.ts';
import { startTestTracing } from './test-tracing.ts';
import { withRetry } from './with-retry.ts';

const tracing = startTestTracing();
beforeEach(() => tracing.reset());

const httpError = (status: number, message: string) => Object.assign(new Error(message), { status });

function recorder() {
  const waits: number[] = [];
  return { waits, sleep: async (milliseconds: number) => void waits.push(milliseconds) };
}

describe('withRetry', () => {
  it('retries until success and records each failed attempt as an event', async () => {
    const { waits, sleep } = recorder();
    let calls = 0;
    const result = await withRetry(
      async ({ attempt }) => {
        calls += 1;
        if (attempt < 3) throw httpError(503, `overloaded ${attempt}`);
        return 'ok';
      },
      { name: 'chat', sleep, random: () => 0.5 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(waits).toEqual([125, 250]);
    const span = await tracing.span('retry chat');
    expect(span.attributes).toEqual({ [SIGHTLINE_RETRY_MAX_ATTEMPTS]: 3, [SIGHTLINE_RETRY_ATTEMPT]: 3 });
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        SIGHTLINE_RETRY_EVENT,
        {
          [SIGHTLINE_RETRY_ATTEMPT]: 1,
          [ERROR_TYPE]: '503',
          [SIGHTLINE_ERROR_MESSAGE]: 'overloaded 1',
          [SIGHTLINE_RETRY_WILL_RETRY]: true,
          [SIGHTLINE_RETRY_BACKOFF_MS]: 125,
        },
      ],
      [
        SIGHTLINE_RETRY_EVENT,
        {
          [SIGHTLINE_RETRY_ATTEMPT]: 2,
          [ERROR_TYPE]: '503',
          [SIGHTLINE_ERROR_MESSAGE]: 'overloaded 2',
          [SIGHTLINE_RETRY_WILL_RETRY]: true,
          [SIGHTLINE_RETRY_BACKOFF_MS]: 250,
        },
      ],
    ]);
  });

  it('does not retry an error retryOn rejects, and marks the span as failed', async () => {
    const { waits, sleep } = recorder();
    const error = httpError(400, 'bad request');
    await expect(withRetry(() => Promise.reject(error), { sleep })).rejects.toBe(error);
    expect(waits).toEqual([]);
    const span = await tracing.span('retry');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad request' });
    expect(span.attributes[ERROR_TYPE]).toBe('400');
    expect(span.events).toHaveLength(1);
    expect(span.events[0]?.attributes?.[SIGHTLINE_RETRY_WILL_RETRY]).toBe(false);
    expect(span.events[0]?.attributes?.[SIGHTLINE_RETRY_BACKOFF_MS]).toBeUndefined();
  });

  it('throws the last error once the attempts run out', async () => {
    const { waits, sleep } = recorder();
    let attempt = 0;
    const failing = () => Promise.reject(httpError(500, `boom ${++attempt}`));
    await expect(withRetry(failing, { attempts: 2, sleep, backoff: { jitter: false, initialMs: 10 } })).rejects.toThrow(
      'boom 2',
    );
    expect(waits).toEqual([10]);
    const span = await tracing.span('retry');
    expect(span.attributes[SIGHTLINE_RETRY_ATTEMPT]).toBe(2);
    expect(span.events.map((event) => event.attributes?.[SIGHTLINE_RETRY_WILL_RETRY])).toEqual([true, false]);
  });

  it('uses a custom backoff and retryOn, and waits at least retry-after', async () => {
    const { waits, sleep } = recorder();
    const seen: number[] = [];
    let attempt = 0;
    await withRetry(
      async () => {
        attempt += 1;
        if (attempt === 1) throw Object.assign(httpError(429, 'slow'), { headers: { 'retry-after-ms': '900' } });
        if (attempt === 2) throw httpError(418, 'teapot');
        return attempt;
      },
      {
        attempts: 5,
        sleep,
        backoff: (number) => number * 100,
        retryOn: (_error, number) => {
          seen.push(number);
          return true;
        },
      },
    );
    expect(seen).toEqual([1, 2]);
    expect(waits).toEqual([900, 200]);
  });

  it('runs each attempt with its number in context, under the retry span', async () => {
    const { sleep } = recorder();
    const seen: Array<[string | undefined, string | undefined]> = [];
    await withPrompt({ name: 'support', version: 'v2' }, () =>
      withRetry(
        async ({ attempt }) => {
          seen.push([currentContext().metadata?.retry_attempt, currentContext().prompt?.version]);
          trace.getTracer('test').startSpan(`call ${attempt}`).end();
          if (attempt === 1) throw httpError(503, 'x');
        },
        { sleep },
      ),
    );
    expect(seen).toEqual([
      ['1', 'v2'],
      ['2', 'v2'],
    ]);
    const parent = await tracing.span('retry');
    for (const name of ['call 1', 'call 2']) {
      expect((await tracing.span(name)).parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    }
  });
});
