import {
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_SYSTEM_INSTRUCTIONS,
  GEN_AI_TOOL_DEFINITIONS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  SIGHTLINE_CONTENT_TRUNCATED,
} from '@sightline/core';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI, * as openaiModule from 'openai';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { optionsFromEnv } from '../init/env-options.ts';
import type { InitOptions } from '../init/options.ts';
import { type InMemoryTracing, startInMemoryTracing } from '../test-support/in-memory-tracing.ts';

let server: MockLlmServer;
let tracing: InMemoryTracing | undefined;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockLlmServer();
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});

afterEach(async () => {
  await tracing?.stop();
  tracing = undefined;
});

afterAll(() => server.close());

async function tracedCall(options: InitOptions, content: string) {
  tracing = startInMemoryTracing({ modules: { openai: openaiModule }, ...options });
  await client.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'Support bot' },
      { role: 'user', content },
    ],
    tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } }],
    tool_choice: 'none',
  });
  await tracing.handle.flush();
  return tracing.spanNamed('chat gpt-4o-mini').attributes;
}

describe('content capture', () => {
  it('leaves prompts, completions and tool definitions off the span when switched off, keeping usage', async () => {
    const attributes = await tracedCall({ captureContent: false }, 'my secret question');
    for (const key of [
      GEN_AI_INPUT_MESSAGES,
      GEN_AI_OUTPUT_MESSAGES,
      GEN_AI_SYSTEM_INSTRUCTIONS,
      GEN_AI_TOOL_DEFINITIONS,
    ]) {
      expect(attributes[key]).toBeUndefined();
    }
    expect(JSON.stringify(attributes)).not.toContain('secret');
    expect(attributes[GEN_AI_USAGE_OUTPUT_TOKENS]).toBe(6);
  });

  it('is switched off by SIGHTLINE_CAPTURE_CONTENT=false and by the OTel GenAI variable', async () => {
    expect(optionsFromEnv({ SIGHTLINE_CAPTURE_CONTENT: 'false' }).options.captureContent).toBe(false);
    expect(optionsFromEnv({ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'false' }).options.captureContent).toBe(
      false,
    );
    const attributes = await tracedCall(
      optionsFromEnv({ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: 'NO_CONTENT' }).options,
      'hello',
    );
    expect(attributes[GEN_AI_INPUT_MESSAGES]).toBeUndefined();
  });

  it('runs the redact hook and the built-in masks on prompts and completions', async () => {
    const attributes = await tracedCall(
      { redact: (text) => text.replaceAll('Globex', '[COMPANY]') },
      'Globex customer jane@example.com paid with 4111 1111 1111 1111',
    );
    const input = String(attributes[GEN_AI_INPUT_MESSAGES]);
    const output = String(attributes[GEN_AI_OUTPUT_MESSAGES]);
    expect(JSON.parse(input)[1]).toEqual({
      role: 'user',
      parts: [{ type: 'text', content: '[COMPANY] customer [REDACTED_EMAIL] paid with [REDACTED_CARD]' }],
    });
    // The completion echoes the prompt: it is cleaned the same way.
    expect(output).toContain('[COMPANY] customer [REDACTED_EMAIL]');
    expect(`${input}${output}`).not.toMatch(/jane@example\.com|Globex|4111/);
  });

  it('keeps built-in masks off when asked', async () => {
    const attributes = await tracedCall({ masks: false }, 'mail jane@example.com');
    expect(String(attributes[GEN_AI_INPUT_MESSAGES])).toContain('jane@example.com');
  });

  it('cuts huge prompts with a marker and flags the span', async () => {
    const huge = `start ${'word '.repeat(10_000)}end`;
    const attributes = await tracedCall({ maxContentChars: 1000 }, huge);
    const input = JSON.parse(String(attributes[GEN_AI_INPUT_MESSAGES])) as Array<{ parts: Array<{ content: string }> }>;
    const content = input[1]?.parts[0]?.content ?? '';
    expect(content.length).toBeLessThan(1100);
    expect(content).toMatch(/^start word .*…\[truncated \d+ chars\]$/);
    expect(attributes[SIGHTLINE_CONTENT_TRUNCATED]).toBe(true);
  });
});
