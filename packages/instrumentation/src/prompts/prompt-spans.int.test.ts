// The prompt version actually used reaches the LLM spans of the real SDKs through the Sightline
// context (Sightline's init() patching openai and @anthropic-ai/sdk, against the mock LLM server),
// and so do the reliability helpers' facts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Anthropic, * as anthropicModule from '@anthropic-ai/sdk';
import {
  GEN_AI_PROMPT_NAME,
  SIGHTLINE_METADATA_PREFIX,
  SIGHTLINE_OUTPUT_VALID,
  SIGHTLINE_PROMPT_VERSION,
} from '@sightline/core';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI, * as openaiModule from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withContext } from '../context/sightline-context.ts';
import { withFallback } from '../reliability/with-fallback.ts';
import { withRetry } from '../reliability/with-retry.ts';
import { span } from '../spans/span-helpers.ts';
import { parseOutput } from '../structured-output/parse-output.ts';
import { type InMemoryTracing, startInMemoryTracing } from '../test-support/in-memory-tracing.ts';
import { createPromptRegistry, type PromptRegistry } from './prompt-registry.ts';

let server: MockLlmServer;
let tracing: InMemoryTracing;
let openai: OpenAI;
let anthropic: Anthropic;
let registry: PromptRegistry;
let directory: string;

beforeAll(async () => {
  server = await startMockLlmServer();
  tracing = startInMemoryTracing({ modules: { openai: openaiModule, anthropic: anthropicModule } });
  openai = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: server.anthropicBaseUrl, apiKey: 'test', maxRetries: 0 });
  directory = mkdtempSync(join(tmpdir(), 'sightline-prompt-spans-'));
  mkdirSync(join(directory, 'greeting'));
  writeFileSync(join(directory, 'greeting', 'a.txt'), 'Say hello to {{name}}');
  writeFileSync(join(directory, 'greeting', 'b.txt'), 'Greet {{name}} warmly');
  writeFileSync(
    join(directory, 'greeting', 'config.yaml'),
    'model: gpt-4o-mini\nmax_tokens: 20\ntraffic:\n  weights: { a: 50, b: 50 }\n  sticky: user\n',
  );
  registry = createPromptRegistry({ directory });
});

afterAll(async () => {
  await tracing.stop();
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

beforeEach(() => tracing.exporter.reset());

const llmSpans = () => tracing.spans().filter((span) => span.attributes['sightline.span.type'] === 'llm');

describe('prompt versions on LLM spans', () => {
  it('records the rendered version on OpenAI and Anthropic calls inside run(), and nothing outside', async () => {
    const prompt = registry.render('greeting', { name: 'Ada' }, 'b');
    await prompt.run(async () => {
      await openai.chat.completions.create({
        model: prompt.config.model ?? 'gpt-4o-mini',
        messages: [{ role: 'user', content: prompt.text }],
      });
      const stream = await anthropic.messages.create({
        model: 'claude-haiku-4-5',
        max_tokens: prompt.config.max_tokens ?? 20,
        stream: true,
        messages: [{ role: 'user', content: prompt.text }],
      });
      for await (const _event of stream);
    });
    await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'no prompt' }] });

    const spans = llmSpans();
    expect(
      spans.map((span) => [span.name, span.attributes[GEN_AI_PROMPT_NAME], span.attributes[SIGHTLINE_PROMPT_VERSION]]),
    ).toEqual([
      ['chat gpt-4o-mini', 'greeting', 'b'],
      ['chat claude-haiku-4-5', 'greeting', 'b'],
      ['chat gpt-4o-mini', undefined, undefined],
    ]);
  });

  it('records the version each user was assigned by the sticky split', async () => {
    const assigned = new Map<string, string>();
    for (const userId of ['user-1', 'user-2', 'user-3', 'user-4', 'user-5', 'user-6']) {
      await withContext({ userId }, async () => {
        const prompt = registry.render('greeting', { name: userId });
        assigned.set(userId, prompt.version);
        await prompt.run(() =>
          openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt.text }] }),
        );
      });
    }
    const recorded = llmSpans().map((span) => [span.attributes['user.id'], span.attributes[SIGHTLINE_PROMPT_VERSION]]);
    expect(recorded).toEqual([...assigned.entries()]);
    expect(new Set(assigned.values())).toEqual(new Set(['a', 'b']));
  });

  it('puts retry attempts and fallbacks on the LLM spans they made', async () => {
    const prompt = registry.render('greeting', { name: 'Grace' }, 'a');
    await prompt.run(async () => {
      await withRetry(
        ({ attempt }) =>
          openai.chat.completions.create(
            { model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt.text }] },
            { headers: attempt === 1 ? { 'x-mock-behaviour': 'fail-503', 'x-mock-retry-after': '0.001' } : {} },
          ),
        { backoff: { jitter: false, initialMs: 1 } },
      );
      await withFallback<unknown>([
        {
          name: 'anthropic/claude-haiku-4-5',
          run: () =>
            anthropic.messages.create({
              model: 'claude-haiku-4-5-fail-529',
              max_tokens: 20,
              messages: [{ role: 'user', content: prompt.text }],
            }),
        },
        {
          name: 'openai/gpt-4o-mini',
          run: () =>
            openai.chat.completions.create({
              model: 'gpt-4o-mini',
              messages: [{ role: 'user', content: prompt.text }],
            }),
        },
      ]);
    });
    const metadata = (key: string) => llmSpans().map((span) => span.attributes[`${SIGHTLINE_METADATA_PREFIX}${key}`]);
    expect(metadata('retry_attempt')).toEqual(['1', '2', undefined, undefined]);
    expect(metadata('fallback_from')).toEqual([undefined, undefined, undefined, 'anthropic/claude-haiku-4-5']);
    expect(llmSpans().map((span) => span.attributes['error.type'])).toEqual(['503', undefined, '529', undefined]);
    expect(new Set(llmSpans().map((span) => span.attributes[SIGHTLINE_PROMPT_VERSION]))).toEqual(new Set(['a']));
  });

  it('records output validity with the prompt version on the app span around the call', async () => {
    const prompt = registry.render('greeting', { name: 'Alan' }, 'b');
    await prompt.run(() =>
      span('greet', async () => {
        const completion = await openai.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: prompt.text }],
        });
        parseOutput(z.object({ greeting: z.string() }), completion.choices[0]?.message.content);
      }),
    );
    const greet = tracing.spanNamed('greet');
    expect(greet.attributes).toMatchObject({
      [SIGHTLINE_OUTPUT_VALID]: false,
      [GEN_AI_PROMPT_NAME]: 'greeting',
      [SIGHTLINE_PROMPT_VERSION]: 'b',
    });
  });
});
