import { context, ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { hrTimeToMilliseconds, suppressTracing } from '@opentelemetry/core';
import type { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI, * as openaiModule from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SightlineHandle, shutdown } from '../init/init.ts';
import { startInMemoryTracing } from '../test-support/in-memory-tracing.ts';
import { startingSpansLate } from './late-span-start.ts';

// Owned mode with batched export: an LLM span is created when its call ends, with the identity
// settled when the call started. Spans started inside the SDK call must nest under it all the same,
// and the sampler must decide for both as it would have for spans started in order.

let server: MockLlmServer;
let exporter: InMemorySpanExporter;
let handle: SightlineHandle;
let client: OpenAI;
beforeAll(async () => {
  server = await startMockLlmServer();
  ({ exporter, handle } = startInMemoryTracing({ exportImmediately: false, modules: { openai: openaiModule } }));
  // What an HTTP client instrumentation does: a tracer when it is registered, then a span of its
  // own, in the active context, per request.
  const appTracer = trace.getTracer('app-http');
  const tracedFetch: typeof fetch = (input, options) =>
    appTracer.startActiveSpan('POST /chat/completions', async (span) => {
      try {
        return await fetch(input, options);
      } finally {
        span.end();
      }
    });
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0, fetch: tracedFetch });
});

beforeEach(() => exporter.reset());

afterAll(async () => {
  await shutdown();
  await server.close();
});

const chat = () =>
  client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
const byName = (spans: ReadableSpan[], name: string) => spans.find((span) => span.name === name);

describe('an LLM span started late', () => {
  it('is the parent of the spans started inside the call, and spans them in time', async () => {
    expect(handle.mode).toBe('owned');
    expect(startingSpansLate()).toBe(true);
    await chat();
    await handle.flush();
    const spans = exporter.getFinishedSpans();
    const llm = byName(spans, 'chat gpt-4o-mini');
    const http = byName(spans, 'POST /chat/completions');
    expect(llm?.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(llm?.spanContext().spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(llm?.spanContext().traceFlags).toBe(TraceFlags.SAMPLED);
    expect(llm?.parentSpanContext).toBeUndefined();
    expect(http?.spanContext().traceId).toBe(llm?.spanContext().traceId);
    expect(http?.parentSpanContext?.spanId).toBe(llm?.spanContext().spanId);
    const ms = (time: ReadableSpan['startTime'] | undefined) => hrTimeToMilliseconds(time ?? [0, 0]);
    expect(ms(llm?.startTime)).toBeLessThanOrEqual(ms(http?.startTime));
    expect(ms(llm?.endTime)).toBeGreaterThanOrEqual(ms(http?.endTime));
  });

  it('records the request as it was sent when the app reuses and changes its request object', async () => {
    const request: OpenAI.ChatCompletionCreateParamsNonStreaming = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      temperature: 0.2,
      max_tokens: 40,
    };
    const completion = await client.chat.completions.create(request);
    const reply = completion.choices[0]?.message.content;
    // The span is completed later (end queue, export): what the app does now must not show in it.
    request.temperature = 0.9;
    request.max_tokens = 99;
    request.messages.push({ role: 'user', content: 'And again' });
    Object.assign(request.messages[0] ?? {}, { content: 'Hi, edited' });
    Object.assign(completion.choices[0]?.message ?? {}, { content: 'Reply, edited' });
    await client.chat.completions.create(request);
    await handle.flush();
    const [first, second] = exporter.getFinishedSpans().filter((span) => span.name === 'chat gpt-4o-mini');
    expect(first?.attributes['gen_ai.request.temperature']).toBe(0.2);
    expect(first?.attributes['gen_ai.request.max_tokens']).toBe(40);
    expect(JSON.parse(String(first?.attributes['gen_ai.input.messages']))).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Hi' }] },
    ]);
    expect(JSON.parse(String(first?.attributes['gen_ai.output.messages']))).toEqual([
      { role: 'assistant', parts: [{ type: 'text', content: reply }], finish_reason: 'stop' },
    ]);
    expect(second?.attributes['gen_ai.request.temperature']).toBe(0.9);
    expect(second?.attributes['gen_ai.request.max_tokens']).toBe(99);
    expect(JSON.parse(String(second?.attributes['gen_ai.input.messages']))).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'Hi, edited' }] },
      { role: 'user', parts: [{ type: 'text', content: 'And again' }] },
    ]);
  });

  it('gets new ids for every call', async () => {
    await chat();
    await chat();
    await handle.flush();
    const llm = exporter.getFinishedSpans().filter((span) => span.name === 'chat gpt-4o-mini');
    expect(llm).toHaveLength(2);
    expect(llm[0]?.spanContext().traceId).not.toBe(llm[1]?.spanContext().traceId);
    expect(llm[0]?.spanContext().spanId).not.toBe(llm[1]?.spanContext().spanId);
  });

  it('under a parent that was not sampled, neither it nor the spans inside the call are exported', async () => {
    const unsampled = trace.wrapSpanContext({
      traceId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      spanId: '1122334455667788',
      traceFlags: TraceFlags.NONE,
    });
    const completion = await context.with(trace.setSpan(ROOT_CONTEXT, unsampled), chat);
    expect(completion.choices[0]?.message.content).toBe('Mock reply to: Hi');
    await handle.flush();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('is not started where tracing is suppressed, and the call goes on', async () => {
    const completion = await context.with(suppressTracing(ROOT_CONTEXT), chat);
    expect(completion.choices[0]?.message.content).toBe('Mock reply to: Hi');
    await handle.flush();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('is no longer started late after shutdown', async () => {
    await shutdown();
    expect(startingSpansLate()).toBe(false);
  });
});
