// Vercel AI SDK 7 (current): telemetry through @ai-sdk/otel, either `OpenTelemetry` (GenAI semantic
// conventions: invoke_agent / chat / execute_tool / embeddings spans) or `LegacyOpenTelemetry` (ai.* spans),
// chosen by INTEROP_AI_TELEMETRY=otel|legacy.

import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { LegacyOpenTelemetry, OpenTelemetry } from '@ai-sdk/otel';
import { embed, generateText, registerTelemetry, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import {
  LONG_SYSTEM_PROMPT,
  SESSION_ID,
  USER_ID,
  WEATHER_QUESTION,
  WEATHER_TOOL_DESCRIPTION,
  warmPromptCache,
  weatherReport,
} from './prompts.ts';
import { readEnvironment, runScenario, startTelemetry } from './runtime.ts';

const environment = readEnvironment();
const legacy = process.env.INTEROP_AI_TELEMETRY === 'legacy';
const telemetry = startTelemetry(environment, legacy ? 'interop-vercel-ai-legacy' : 'interop-vercel-ai-otel');
registerTelemetry(
  legacy
    ? new LegacyOpenTelemetry()
    : // Usage details, provider metadata and the runtime context (user/session) are opt-in supplements.
      new OpenTelemetry({ usage: true, providerMetadata: true, runtimeContext: true }),
);

const openai = createOpenAI({ baseURL: `${environment.mockUrl}/v1`, apiKey: 'mock-key' });
const anthropic = createAnthropic({ baseURL: `${environment.mockUrl}/v1`, apiKey: 'mock-key' });
const runtimeContext = { userId: USER_ID, sessionId: SESSION_ID };
const telemetryOptions = (functionId: string) => ({
  isEnabled: true,
  functionId,
  includeRuntimeContext: { userId: true, sessionId: true } as const,
});
const weather = tool({
  description: WEATHER_TOOL_DESCRIPTION,
  inputSchema: z.object({ location: z.string().describe('City name') }),
  execute: async ({ location }) => weatherReport(location),
});

await runScenario(
  {
    'generate-text-tool': async () => {
      await warmPromptCache(environment.mockUrl, 'openai', 'gpt-4o-mini', LONG_SYSTEM_PROMPT);
      await generateText({
        model: openai('gpt-4o-mini'),
        instructions: LONG_SYSTEM_PROMPT,
        prompt: WEATHER_QUESTION,
        tools: { get_weather: weather },
        stopWhen: stepCountIs(3),
        runtimeContext,
        telemetry: telemetryOptions('weather-assistant'),
      });
    },
    'generate-text-reasoning': async () => {
      await generateText({
        model: openai.chat('o4-mini'),
        prompt: 'Think about prime numbers',
        runtimeContext,
        telemetry: telemetryOptions('reasoning-assistant'),
      });
    },
    'stream-text': async () => {
      await warmPromptCache(environment.mockUrl, 'anthropic', 'claude-sonnet-4-6', LONG_SYSTEM_PROMPT);
      const result = streamText({
        model: anthropic('claude-sonnet-4-6'),
        instructions: {
          role: 'system',
          content: LONG_SYSTEM_PROMPT,
          providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } },
        },
        prompt: 'Summarise the rules',
        runtimeContext,
        telemetry: telemetryOptions('rules-summary'),
      });
      for await (const _text of result.textStream);
    },
    embed: async () => {
      await embed({
        model: openai.embedding('text-embedding-3-small'),
        value: 'The quick brown fox',
        runtimeContext,
        telemetry: telemetryOptions('embed-document'),
      });
    },
  },
  environment,
);
await telemetry.shutdown();
