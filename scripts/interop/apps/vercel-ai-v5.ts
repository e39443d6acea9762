// Vercel AI SDK 5 (via the `ai-v5` alias, providers @ai-sdk/openai 2 and @ai-sdk/anthropic 2): the built-in
// `experimental_telemetry` that emits ai.* spans (inputTokens/outputTokens usage names) to the global tracer.

import { createAnthropic } from 'ai-sdk-anthropic-v2';
import { createOpenAI } from 'ai-sdk-openai-v2';
import { embed, generateText, stepCountIs, streamText, tool } from 'ai-v5';
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
const telemetry = startTelemetry(environment, 'interop-vercel-ai-v5');
const openai = createOpenAI({ baseURL: `${environment.mockUrl}/v1`, apiKey: 'mock-key' });
const anthropic = createAnthropic({ baseURL: `${environment.mockUrl}/v1`, apiKey: 'mock-key' });
const telemetryOptions = (functionId: string) => ({
  isEnabled: true,
  functionId,
  metadata: { userId: USER_ID, sessionId: SESSION_ID },
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
        system: LONG_SYSTEM_PROMPT,
        prompt: WEATHER_QUESTION,
        tools: { get_weather: weather },
        stopWhen: stepCountIs(3),
        experimental_telemetry: telemetryOptions('weather-assistant'),
      });
    },
    'generate-text-reasoning': async () => {
      await generateText({
        model: openai.chat('o4-mini'),
        prompt: 'Think about prime numbers',
        experimental_telemetry: telemetryOptions('reasoning-assistant'),
      });
    },
    'stream-text': async () => {
      await warmPromptCache(environment.mockUrl, 'anthropic', 'claude-sonnet-4-6', LONG_SYSTEM_PROMPT);
      const result = streamText({
        model: anthropic('claude-sonnet-4-6'),
        messages: [
          {
            role: 'system',
            content: LONG_SYSTEM_PROMPT,
            providerOptions: { anthropic: { cacheControl: { type: 'ephemeral' } } },
          },
          { role: 'user', content: 'Summarise the rules' },
        ],
        experimental_telemetry: telemetryOptions('rules-summary'),
      });
      for await (const _text of result.textStream);
    },
    embed: async () => {
      await embed({
        model: openai.textEmbeddingModel('text-embedding-3-small'),
        value: 'The quick brown fox',
        experimental_telemetry: telemetryOptions('embed-document'),
      });
    },
  },
  environment,
);
await telemetry.shutdown();
