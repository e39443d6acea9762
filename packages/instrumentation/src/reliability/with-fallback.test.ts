import { SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ERROR_TYPE,
  SIGHTLINE_ERROR_MESSAGE,
  SIGHTLINE_FALLBACK_CANDIDATES,
  SIGHTLINE_FALLBACK_EVENT,
  SIGHTLINE_FALLBACK_FROM,
  SIGHTLINE_FALLBACK_INDEX,
  SIGHTLINE_FALLBACK_TO,
  SIGHTLINE_FALLBACK_USED,
} from '@sightline/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { currentContext } from '../context/sightline-context.ts';
import { startTestTracing } from './test-tracing.ts';
import { withFallback } from './with-fallback.ts';

const tracing = startTestTracing();
beforeEach(() => tracing.reset());

const fail = (message: string) => () => Promise.reject(Object.assign(new Error(message), { status: 529 }));

describe('withFallback', () => {
  it('hands over to the next candidate and records from, to and the error', async () => {
    const metadata: unknown[] = [];
    const result = await withFallback(
      [
        { name: 'anthropic/claude-sonnet-4-6', run: fail('overloaded') },
        {
          name: 'openai/gpt-4o',
          run: async () => {
            metadata.push(currentContext().metadata);
            trace.getTracer('test').startSpan('llm call').end();
            return 'answer';
          },
        },
      ],
      { name: 'answer' },
    );
    expect(result).toBe('answer');
    expect(metadata).toEqual([{ fallback_candidate: 'openai/gpt-4o', fallback_from: 'anthropic/claude-sonnet-4-6' }]);
    const span = await tracing.span('fallback answer');
    expect(span.attributes).toEqual({
      [SIGHTLINE_FALLBACK_CANDIDATES]: ['anthropic/claude-sonnet-4-6', 'openai/gpt-4o'],
      [SIGHTLINE_FALLBACK_USED]: 'openai/gpt-4o',
      [SIGHTLINE_FALLBACK_INDEX]: 1,
      [SIGHTLINE_FALLBACK_FROM]: 'anthropic/claude-sonnet-4-6',
    });
    expect(span.events.map((event) => [event.name, event.attributes])).toEqual([
      [
        SIGHTLINE_FALLBACK_EVENT,
        {
          [SIGHTLINE_FALLBACK_FROM]: 'anthropic/claude-sonnet-4-6',
          [SIGHTLINE_FALLBACK_TO]: 'openai/gpt-4o',
          [ERROR_TYPE]: '529',
          [SIGHTLINE_ERROR_MESSAGE]: 'overloaded',
        },
      ],
    ]);
    expect((await tracing.span('llm call')).parentSpanContext?.spanId).toBe(span.spanContext().spanId);
  });

  it('records the first candidate when it answers, with no fallback facts', async () => {
    await withFallback([
      { name: 'primary', run: async () => 1 },
      { name: 'secondary', run: async () => 2 },
    ]);
    const span = await tracing.span('fallback');
    expect(span.attributes[SIGHTLINE_FALLBACK_USED]).toBe('primary');
    expect(span.attributes[SIGHTLINE_FALLBACK_INDEX]).toBe(0);
    expect(span.attributes[SIGHTLINE_FALLBACK_FROM]).toBeUndefined();
    expect(span.events).toEqual([]);
  });

  it('throws the last error when every candidate fails', async () => {
    await expect(
      withFallback([
        { name: 'a', run: fail('first') },
        { name: 'b', run: fail('second') },
      ]),
    ).rejects.toThrow('second');
    const span = await tracing.span('fallback');
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'second' });
    expect(span.events.map((event) => event.attributes?.[SIGHTLINE_FALLBACK_TO])).toEqual(['b', undefined]);
    expect(span.attributes[SIGHTLINE_FALLBACK_USED]).toBeUndefined();
  });

  it('stops when fallbackOn says the error is not worth another candidate', async () => {
    let secondCalled = false;
    await expect(
      withFallback(
        [
          { name: 'a', run: () => Promise.reject(Object.assign(new Error('bad input'), { status: 400 })) },
          {
            name: 'b',
            run: async () => {
              secondCalled = true;
            },
          },
        ],
        { fallbackOn: (error) => (error as { status: number }).status >= 500 },
      ),
    ).rejects.toThrow('bad input');
    expect(secondCalled).toBe(false);
  });

  it('rejects an empty candidate list', async () => {
    await expect(withFallback([])).rejects.toThrow('withFallback needs at least one candidate');
  });
});
