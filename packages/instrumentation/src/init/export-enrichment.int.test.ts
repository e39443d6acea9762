// Sightline's own provider: an LLM span's content, usage and cost are built when the span is
// exported, off the app's call path, and any exporter Sightline is given receives them complete.
import {
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  SIGHTLINE_COST_SOURCE,
  SIGHTLINE_COST_USD,
} from '@sightline/core';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI, * as openaiModule from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectedCost, messagesJson } from '../test-support/expected-attributes.ts';
import { SnapshotExporter } from '../test-support/snapshot-exporter.ts';
import { init, type SightlineHandle, shutdown } from './init.ts';

let server: MockLlmServer;
let client: OpenAI;
let handle: SightlineHandle;
const exporter = new SnapshotExporter();
/** Texts the app's redact hook was given: the hook runs where the content attributes are built. */
const redacted: string[] = [];

beforeAll(async () => {
  server = await startMockLlmServer();
  // Batched, as in production: spans wait in the queue until flush() (or the batch timer) exports them.
  handle = init({
    spanExporter: exporter,
    modules: { openai: openaiModule },
    redact: (text) => {
      redacted.push(text);
      return text;
    },
  });
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});

beforeEach(() => {
  exporter.exported.length = 0;
  redacted.length = 0;
});

afterAll(async () => {
  await shutdown();
  await server.close();
});

const QUESTION = [{ role: 'user' as const, content: 'Hello there friend' }];

describe('an LLM span on Sightline own provider', () => {
  it('gets its messages, usage and cost when it is exported, not while the app waits for the call', async () => {
    expect(handle.mode).toBe('owned');
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION });
    expect(completion.choices[0]?.message.content).toBe('Mock reply to: Hello there friend');
    // The call has returned and its span has ended, but nothing was serialised or redacted yet.
    expect(redacted).toEqual([]);
    expect(exporter.exported).toEqual([]);

    await handle.flush();
    expect(redacted).toEqual(['Hello there friend', 'Mock reply to: Hello there friend']);
    const [span] = exporter.named('chat gpt-4o-mini');
    expect(span?.attributes).toMatchObject({
      [GEN_AI_INPUT_MESSAGES]: messagesJson([
        { role: 'user', parts: [{ type: 'text', content: 'Hello there friend' }] },
      ]),
      [GEN_AI_OUTPUT_MESSAGES]: messagesJson([
        {
          role: 'assistant',
          parts: [{ type: 'text', content: 'Mock reply to: Hello there friend' }],
          finish_reason: 'stop',
        },
      ]),
      ...expectedCost('openai', 'gpt-4o-mini', { inputTokens: 3, outputTokens: 6 }),
    });
  });

  it('is complete in whatever exporter receives it, streamed calls included', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: QUESTION, stream: true });
    for await (const _chunk of stream);
    expect(redacted).toEqual([]);
    await handle.flush();
    const [span] = exporter.named('chat gpt-4o-mini');
    expect(span?.attributes[GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(6);
    expect(span?.attributes[SIGHTLINE_COST_SOURCE]).toBe('calculated');
    expect(span?.attributes[SIGHTLINE_COST_USD]).toBeGreaterThan(0);
    expect(JSON.parse(String(span?.attributes[GEN_AI_OUTPUT_MESSAGES]))).toEqual([
      {
        role: 'assistant',
        parts: [{ type: 'text', content: 'Mock reply to: Hello there friend' }],
        finish_reason: 'stop',
      },
    ]);
  });

  it('keeps the request as it was sent, when the app changes its messages after the call', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'First question' }];
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    // A chat loop appends to the same array (and may reuse it) before the span is exported.
    messages.push(completion.choices[0]!.message, { role: 'user', content: 'Second question' });
    await handle.flush();
    const [span] = exporter.named('chat gpt-4o-mini');
    expect(JSON.parse(String(span?.attributes[GEN_AI_INPUT_MESSAGES]))).toEqual([
      { role: 'user', parts: [{ type: 'text', content: 'First question' }] },
    ]);
  });
});
