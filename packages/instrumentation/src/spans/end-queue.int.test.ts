import { trace } from '@opentelemetry/api';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { GEN_AI_OUTPUT_MESSAGES, GEN_AI_RESPONSE_ID, GEN_AI_USAGE_INPUT_TOKENS } from '@sightline/core';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI, * as openaiModule from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SightlineHandle, shutdown } from '../init/init.ts';
import { messagesJson, startAttributes } from '../test-support/expected-attributes.ts';
import { startInMemoryTracing } from '../test-support/in-memory-tracing.ts';
import { endingSpansAfterCalls, spansWaitingToEnd } from './end-queue.ts';

// Batched export (the default, unlike the other tests' exportImmediately): LLM spans end just
// after the app's await resumes, with the call's own end time, and a flush ends them first.

let server: MockLlmServer;
let exporter: InMemorySpanExporter;
let handle: SightlineHandle;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockLlmServer();
  ({ exporter, handle } = startInMemoryTracing({ exportImmediately: false, modules: { openai: openaiModule } }));
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});

beforeEach(() => exporter.reset());

afterAll(async () => {
  await shutdown();
  await server.close();
});

describe('an LLM span with batched export', () => {
  it('ends after the awaiting code has run, with the time the response was parsed', async () => {
    expect(handle.mode).toBe('owned');
    expect(endingSpansAfterCalls()).toBe(true);
    const before = Date.now();
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello there friend' }],
    });
    const resumed = Date.now();
    await handle.flush();
    const [span] = exporter.getFinishedSpans();
    expect(exporter.getFinishedSpans()).toHaveLength(1);
    expect(span?.name).toBe('chat gpt-4o-mini');
    expect(span?.attributes).toMatchObject({
      ...startAttributes({ operation: 'chat', provider: 'openai', model: 'gpt-4o-mini', port: server.port }),
      [GEN_AI_RESPONSE_ID]: completion.id,
      [GEN_AI_USAGE_INPUT_TOKENS]: 3,
      [GEN_AI_OUTPUT_MESSAGES]: messagesJson([
        {
          role: 'assistant',
          parts: [{ type: 'text', content: 'Mock reply to: Hello there friend' }],
          finish_reason: 'stop',
        },
      ]),
    });
    const start = hrTimeToMilliseconds(span?.startTime ?? [0, 0]);
    const end = hrTimeToMilliseconds(span?.endTime ?? [0, 0]);
    // Millisecond clocks: the span lies within the call as the app saw it.
    expect(start).toBeGreaterThanOrEqual(before - 1);
    expect(end).toBeGreaterThanOrEqual(start);
    expect(end).toBeLessThanOrEqual(resumed + 1);
  });

  it('is not ended while the code after the await runs, and is ended within 200 ms without a flush', async () => {
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
    // The span is queued to end; no flush yet, and nothing exported.
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(spansWaitingToEnd()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(spansWaitingToEnd()).toBe(false);
    await handle.flush();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['chat gpt-4o-mini']);
  });

  it('keeps the app span as parent, and the input as sent even when the app changes its messages right after', async () => {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Hello there friend' }];
    const tracer = trace.getTracer('app');
    await tracer.startActiveSpan('app-request', async (appSpan) => {
      const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
      // What chat apps do next: the reply goes into the same array.
      messages.push({ role: 'assistant', content: completion.choices[0]?.message.content ?? '' });
      appSpan.end();
    });
    await handle.flush();
    const llm = exporter.getFinishedSpans().find((span) => span.name === 'chat gpt-4o-mini');
    const app = exporter.getFinishedSpans().find((span) => span.name === 'app-request');
    expect(llm?.parentSpanContext?.spanId).toBe(app?.spanContext().spanId);
    expect(JSON.parse(String(llm?.attributes['gen_ai.input.messages']))).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Hello there friend' }] },
    ]);
  });

  it('ends every queued span on shutdown, before the exporter stops', async () => {
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Bye' }] });
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    // The in-memory exporter forgets its spans when shut down: note what it holds then.
    let atShutdown: string[] = [];
    const stop = exporter.shutdown.bind(exporter);
    exporter.shutdown = () => {
      atShutdown = exporter.getFinishedSpans().map((span) => span.name);
      return stop();
    };
    await shutdown();
    expect(atShutdown).toEqual(['chat gpt-4o-mini']);
    expect(endingSpansAfterCalls()).toBe(false);
  });
});
