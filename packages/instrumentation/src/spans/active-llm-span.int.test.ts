import Anthropic, * as anthropicModule from '@anthropic-ai/sdk';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  type SpanContext,
  SpanStatusCode,
  TraceFlags,
  trace,
} from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI, * as openaiModule from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type SightlineHandle, shutdown } from '../init/init.ts';
import type { InitOptions } from '../init/options.ts';
import { llmSpanActivationWanted } from '../runtime/active-llm-span.ts';
import { startInMemoryTracing } from '../test-support/in-memory-tracing.ts';
import { spansWaitingToEnd } from './end-queue.ts';
import { span } from './span-helpers.ts';

// With Sightline's own provider, an LLM span is the active span during its SDK call only once the
// process has code that could see it ('auto'), or on every call ('always'). Either way the exported
// span has the same parent and valid ids.

let server: MockLlmServer;
let exporter: InMemorySpanExporter;
let handle: SightlineHandle;

/** What the app's fetch saw of the active context during each SDK call. */
let seenInCalls: { active: SpanContext | undefined; traceparent: string | undefined }[] = [];
let injectInFetch = false;
/** Starts an HTTP span in the fetch with a tracer asked for on each use, as some code does. */
let tracerPerUseInFetch = false;

function observingClient(): OpenAI {
  const observingFetch: typeof fetch = (input, options) => {
    const carrier: Record<string, string> = {};
    if (injectInFetch) propagation.inject(context.active(), carrier);
    seenInCalls.push({ active: trace.getActiveSpan()?.spanContext(), traceparent: carrier.traceparent });
    if (!tracerPerUseInFetch) return fetch(input, options);
    return trace.getTracer('per-use-http').startActiveSpan('POST', async (httpSpan) => {
      try {
        return await fetch(input, options);
      } finally {
        httpSpan.end();
      }
    });
  };
  return new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0, fetch: observingFetch });
}

function start(options: InitOptions = {}): OpenAI {
  ({ exporter, handle } = startInMemoryTracing({
    exportImmediately: false,
    ...options,
    modules: { openai: openaiModule, anthropic: anthropicModule },
  }));
  return observingClient();
}

/** One chat call inside an app span; returns the exported app and LLM spans. */
async function chatInAppSpan(client: OpenAI): Promise<{ app: ReadableSpan; llm: ReadableSpan }> {
  await handle.flush();
  exporter.reset();
  await span('answer question', () =>
    client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
  );
  await handle.flush();
  const spans = exporter.getFinishedSpans();
  const app = spans.find((exported) => exported.name === 'answer question');
  const llm = spans.find((exported) => exported.name === 'chat gpt-4o-mini');
  if (!app || !llm) throw new Error(`expected an app and an LLM span, got ${spans.map((exported) => exported.name)}`);
  return { app, llm };
}

async function chatInAppSpanOrNothing(client: OpenAI): Promise<void> {
  await span('answer question', () =>
    client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
  );
}

beforeAll(async () => {
  server = await startMockLlmServer();
});

afterEach(async () => {
  await shutdown();
  seenInCalls = [];
  injectInFetch = false;
  tracerPerUseInFetch = false;
});

afterAll(async () => {
  await server.close();
});

describe("an LLM span on Sightline's own provider ('auto')", () => {
  it('is not made active when nothing else traces, and is exported under the same parent', async () => {
    const client = start();
    expect(handle.mode).toBe('owned');
    await chatInAppSpanOrNothing(client);
    // A call the sampler keeps waits to end in a batch (end-queue.ts).
    expect(spansWaitingToEnd()).toBe(true);
    const { app, llm } = await chatInAppSpan(client);
    expect(llmSpanActivationWanted()).toBe(false);
    // The app's span was the active one during the call: nothing read the LLM span there.
    expect(seenInCalls).toHaveLength(2);
    expect(seenInCalls[1]?.active?.spanId).toBe(app.spanContext().spanId);
    expect(llm.parentSpanContext?.spanId).toBe(app.spanContext().spanId);
    expect(llm.spanContext().traceId).toBe(app.spanContext().traceId);
    expect(llm.spanContext().spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(llm.spanContext().spanId).not.toBe(app.spanContext().spanId);
    expect(llm.attributes['gen_ai.usage.input_tokens']).toBeGreaterThan(0);
  });

  it('is made active once a tracer besides Sightline’s has been asked for', async () => {
    const client = start();
    await chatInAppSpan(client);
    trace.getTracer('app-http');
    expect(llmSpanActivationWanted()).toBe(true);
    const { llm } = await chatInAppSpan(client);
    expect(seenInCalls[1]?.active?.spanId).toBe(llm.spanContext().spanId);
    expect(seenInCalls[1]?.active?.traceId).toBe(llm.spanContext().traceId);
  });

  it("stays inactive for Sightline's own tracers and the Anthropic SDK's suppressed one", async () => {
    const client = start();
    trace.getTracer('@sightline/instrumentation/openai');
    trace.getTracer('com.anthropic.sdk.typescript');
    await chatInAppSpan(client);
    expect(llmSpanActivationWanted()).toBe(false);
  });

  it('is made active once trace context is injected: the first injection carries the parent', async () => {
    const client = start();
    injectInFetch = true;
    const first = await chatInAppSpan(client);
    const second = await chatInAppSpan(client);
    expect(seenInCalls[0]?.traceparent).toContain(first.app.spanContext().spanId);
    expect(seenInCalls[1]?.traceparent).toBe(
      `00-${second.llm.spanContext().traceId}-${second.llm.spanContext().spanId}-01`,
    );
  });

  it('is made active after a tracer first asked for inside a call: that call’s span nests under the app', async () => {
    const client = start();
    tracerPerUseInFetch = true;
    const first = await chatInAppSpan(client);
    const firstHttp = exporter.getFinishedSpans().find((exported) => exported.name === 'POST');
    const second = await chatInAppSpan(client);
    const secondHttp = exporter.getFinishedSpans().find((exported) => exported.name === 'POST');
    expect(firstHttp?.parentSpanContext?.spanId).toBe(first.app.spanContext().spanId);
    expect(secondHttp?.parentSpanContext?.spanId).toBe(second.llm.spanContext().spanId);
  });

  it('is active on every call again after shutdown', async () => {
    start();
    expect(llmSpanActivationWanted()).toBe(false);
    await shutdown();
    expect(llmSpanActivationWanted()).toBe(true);
  });
});

describe("an LLM span on Sightline's own provider, not made active", () => {
  it('under a parent that was not sampled, is not exported, and the call goes on', async () => {
    const client = start();
    const unsampled = trace.wrapSpanContext({
      traceId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
      spanId: '1122334455667788',
      traceFlags: TraceFlags.NONE,
    });
    const completion = await context.with(trace.setSpan(ROOT_CONTEXT, unsampled), () =>
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
    );
    expect(completion.choices[0]?.message.content).toBe('Mock reply to: Hi');
    // Settled as dropped when the call ended: nothing waits to end.
    expect(spansWaitingToEnd()).toBe(false);
    await handle.flush();
    expect(llmSpanActivationWanted()).toBe(false);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('is not started where tracing is suppressed', async () => {
    const client = start();
    await context.with(suppressTracing(ROOT_CONTEXT), () =>
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
    );
    await handle.flush();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('records a failed call under its parent, and the app gets the error', async () => {
    const client = start();
    let caught: unknown;
    await span('answer question', () =>
      client.chat.completions
        .create({ model: 'gpt-4o-mini-fail-500', messages: [{ role: 'user', content: 'Hi' }] })
        .catch((error: unknown) => {
          caught = error;
        }),
    );
    await handle.flush();
    expect(caught).toBeInstanceOf(OpenAI.APIError);
    const spans = exporter.getFinishedSpans();
    const app = spans.find((exported) => exported.name === 'answer question');
    const llm = spans.find((exported) => exported.name.startsWith('chat '));
    expect(llm?.status.code).toBe(SpanStatusCode.ERROR);
    expect(llm?.attributes['error.type']).toBe('500');
    expect(llm?.parentSpanContext?.spanId).toBe(app?.spanContext().spanId);
  });

  it('records a stream under its parent, with its usage', async () => {
    const client = start();
    await span('answer question', async () => {
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      });
      for await (const _chunk of stream);
    });
    await handle.flush();
    const spans = exporter.getFinishedSpans();
    const app = spans.find((exported) => exported.name === 'answer question');
    const llm = spans.find((exported) => exported.name === 'chat gpt-4o-mini');
    expect(llm?.parentSpanContext?.spanId).toBe(app?.spanContext().spanId);
    expect(llm?.spanContext().traceId).toBe(app?.spanContext().traceId);
    expect(llm?.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
    expect(seenInCalls[0]?.active?.spanId).toBe(app?.spanContext().spanId);
  });

  it('records an Anthropic call under its parent', async () => {
    start();
    const anthropic = new Anthropic({ baseURL: server.anthropicBaseUrl, apiKey: 'test-key', maxRetries: 0 });
    await span('answer question', () =>
      anthropic.messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    );
    await handle.flush();
    expect(llmSpanActivationWanted()).toBe(false);
    const spans = exporter.getFinishedSpans();
    const app = spans.find((exported) => exported.name === 'answer question');
    const llm = spans.find((exported) => exported.name === 'chat claude-sonnet-4-6');
    expect(llm?.parentSpanContext?.spanId).toBe(app?.spanContext().spanId);
    expect(llm?.attributes['gen_ai.provider.name']).toBe('anthropic');
  });

  it('settles a sampler’s drop at the call’s end: always_off exports nothing', async () => {
    process.env.OTEL_TRACES_SAMPLER = 'always_off';
    try {
      const client = start();
      await chatInAppSpanOrNothing(client);
      expect(spansWaitingToEnd()).toBe(false);
      await handle.flush();
      expect(exporter.getFinishedSpans()).toEqual([]);
    } finally {
      delete process.env.OTEL_TRACES_SAMPLER;
    }
  });
});

describe('an LLM span made active on every call', () => {
  it("with activeLlmSpan: 'always'", async () => {
    const client = start({ activeLlmSpan: 'always' });
    const { llm } = await chatInAppSpan(client);
    expect(seenInCalls[0]?.active?.spanId).toBe(llm.spanContext().spanId);
  });

  it("when the Anthropic SDK's own spans are kept (they nest under Sightline's)", async () => {
    const client = start({ anthropicNativeSpans: 'keep' });
    const { llm } = await chatInAppSpan(client);
    expect(seenInCalls[0]?.active?.spanId).toBe(llm.spanContext().spanId);
  });

  it('when spans are exported one by one (no late start)', async () => {
    const client = start({ exportImmediately: true });
    const { llm } = await chatInAppSpan(client);
    expect(seenInCalls[0]?.active?.spanId).toBe(llm.spanContext().spanId);
  });
});
