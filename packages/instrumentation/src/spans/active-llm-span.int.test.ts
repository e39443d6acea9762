import { context, propagation, type SpanContext, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI, * as openaiModule from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { init, type SightlineHandle, shutdown } from '../init/init.ts';
import type { InitOptions } from '../init/options.ts';
import { llmSpanActivationWanted } from '../runtime/active-llm-span.ts';
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

function observingClient(): OpenAI {
  const observingFetch: typeof fetch = (input, options) => {
    const carrier: Record<string, string> = {};
    if (injectInFetch) propagation.inject(context.active(), carrier);
    seenInCalls.push({ active: trace.getActiveSpan()?.spanContext(), traceparent: carrier.traceparent });
    return fetch(input, options);
  };
  return new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0, fetch: observingFetch });
}

function start(options: InitOptions = {}): OpenAI {
  exporter = new InMemorySpanExporter();
  handle = init({ ...options, spanExporter: exporter, modules: { openai: openaiModule } });
  return observingClient();
}

/** One chat call inside an app span; returns the exported app and LLM spans. */
async function chatInAppSpan(client: OpenAI): Promise<{ app: ReadableSpan; llm: ReadableSpan }> {
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

beforeAll(async () => {
  server = await startMockLlmServer();
});

afterEach(async () => {
  await shutdown();
  seenInCalls = [];
  injectInFetch = false;
});

afterAll(async () => {
  await server.close();
});

describe("an LLM span on Sightline's own provider ('auto')", () => {
  it('is not made active when nothing else traces, and is exported under the same parent', async () => {
    const client = start();
    expect(handle.mode).toBe('owned');
    const { app, llm } = await chatInAppSpan(client);
    expect(llmSpanActivationWanted()).toBe(false);
    // The app's span was the active one during the call: nothing read the LLM span there.
    expect(seenInCalls[0]?.active?.spanId).toBe(app.spanContext().spanId);
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

  it('is active on every call again after shutdown', async () => {
    start();
    expect(llmSpanActivationWanted()).toBe(false);
    await shutdown();
    expect(llmSpanActivationWanted()).toBe(true);
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
