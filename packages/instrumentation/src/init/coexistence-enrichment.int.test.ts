// An app that registered its own TracerProvider first (its NodeSDK, Sentry, ...): Sightline's
// processor joins it, and the app's own exporters see Sightline's LLM spans as they end, so those
// spans carry their messages, usage and cost by then (nothing is left for Sightline's exporter to add).
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import {
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  SIGHTLINE_COST_USD,
} from '@sightline/core';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI, * as openaiModule from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedCost } from '../test-support/expected-attributes.ts';
import { type ExportedSpan, SnapshotExporter } from '../test-support/snapshot-exporter.ts';
import { init, type SightlineHandle, shutdown } from './init.ts';

let server: MockLlmServer;
let client: OpenAI;
let handle: SightlineHandle;
const appExporter = new SnapshotExporter();
// The app's exporter serialises each span the moment it ends (SimpleSpanProcessor).
const appProvider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: appExporter })] });
const sightlineExporter = new SnapshotExporter();

beforeAll(async () => {
  server = await startMockLlmServer();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(appProvider);
  handle = init({ spanExporter: sightlineExporter, modules: { openai: openaiModule } });
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});

afterAll(async () => {
  await shutdown();
  await appProvider.shutdown();
  trace.disable();
  context.disable();
  await server.close();
});

function expectComplete(span: ExportedSpan | undefined): void {
  expect(span?.attributes).toMatchObject({
    [GEN_AI_USAGE_INPUT_TOKENS]: 3,
    [GEN_AI_USAGE_OUTPUT_TOKENS]: 6,
    ...expectedCost('openai', 'gpt-4o-mini', { inputTokens: 3, outputTokens: 6 }),
  });
  expect(JSON.parse(String(span?.attributes[GEN_AI_INPUT_MESSAGES]))).toEqual([
    { role: 'user', parts: [{ type: 'text', content: 'Hello there friend' }] },
  ]);
  expect(JSON.parse(String(span?.attributes[GEN_AI_OUTPUT_MESSAGES]))[0]?.role).toBe('assistant');
}

describe("Sightline attached to the app's provider", () => {
  it("puts messages, usage and cost on the LLM span before the app's own exporter serialises it", async () => {
    expect(handle.mode).toBe('attached');
    const messages = [{ role: 'user' as const, content: 'Hello there friend' }];
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    for await (const _chunk of stream);
    // Exported synchronously by the app's processor as each span ended: no flush needed.
    const appSpans = appExporter.named('chat gpt-4o-mini');
    expect(appSpans).toHaveLength(2);
    for (const span of appSpans) expectComplete(span);

    await handle.flush();
    const sightlineSpans = sightlineExporter.named('chat gpt-4o-mini');
    expect(sightlineSpans).toHaveLength(2);
    for (const span of sightlineSpans) expectComplete(span);
    expect(sightlineSpans.map((span) => span.attributes[SIGHTLINE_COST_USD])).toEqual(
      appSpans.map((span) => span.attributes[SIGHTLINE_COST_USD]),
    );
  });
});
