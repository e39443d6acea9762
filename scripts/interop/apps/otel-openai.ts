// The official OpenTelemetry JS instrumentation, @opentelemetry/instrumentation-openai, on openai 6 (its
// supported range is <7). It hooks require(), so the app loads openai through createRequire after enabling
// it; chat completions emit GenAI log events (1.36), the Responses API an operation-details event (1.38).

import { createRequire } from 'node:module';
import { metrics } from '@opentelemetry/api';
import { OpenAIInstrumentation } from '@opentelemetry/instrumentation-openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai-v6/resources/chat/completions';
import {
  LONG_SYSTEM_PROMPT,
  WEATHER_PARAMETERS,
  WEATHER_QUESTION,
  WEATHER_TOOL_DESCRIPTION,
  warmPromptCache,
  weatherReport,
} from './prompts.ts';
import { readEnvironment, runScenario, startTelemetry } from './runtime.ts';

const environment = readEnvironment();
const telemetry = startTelemetry(environment, 'interop-otel-openai', true);
const instrumentation = new OpenAIInstrumentation({ captureMessageContent: true });
instrumentation.setTracerProvider(telemetry.tracerProvider);
if (telemetry.loggerProvider) instrumentation.setLoggerProvider(telemetry.loggerProvider);
// Metrics are not captured, but the instrumentation records into its histograms unconditionally.
instrumentation.setMeterProvider(metrics.getMeterProvider());
instrumentation.enable();

const require = createRequire(import.meta.url);
const { OpenAI } = require('openai-v6') as typeof import('openai-v6');
const openai = new OpenAI({ baseURL: `${environment.mockUrl}/v1`, apiKey: 'mock-key' });
const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', description: WEATHER_TOOL_DESCRIPTION, parameters: WEATHER_PARAMETERS },
};

await runScenario(
  {
    chat: async () => {
      await warmPromptCache(environment.mockUrl, 'openai', 'gpt-4o-mini', LONG_SYSTEM_PROMPT);
      await openai.chat.completions.create({
        model: 'gpt-4o-mini',
        temperature: 0.2,
        max_tokens: 200,
        messages: [
          { role: 'system', content: LONG_SYSTEM_PROMPT },
          { role: 'user', content: 'How do I reset my password?' },
        ],
      });
    },
    'chat-stream': async () => {
      const stream = await openai.chat.completions.create({
        model: 'o4-mini',
        stream: true,
        stream_options: { include_usage: true },
        messages: [{ role: 'user', content: 'Stream a short poem about the sea' }],
      });
      for await (const _chunk of stream);
    },
    'tool-call': async () => {
      const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: WEATHER_QUESTION }];
      const first = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
      const message = first.choices[0]?.message;
      const call = message?.tool_calls?.[0];
      if (!message || call?.type !== 'function') throw new Error('expected a function tool call');
      const location = (JSON.parse(call.function.arguments) as { location: string }).location;
      messages.push(message, { role: 'tool', tool_call_id: call.id, content: weatherReport(location) });
      await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    },
    embeddings: async () => {
      await openai.embeddings.create({
        model: 'text-embedding-3-small',
        input: ['The quick brown fox', 'jumps over the lazy dog'],
        encoding_format: 'float',
        dimensions: 8,
      });
    },
    responses: async () => {
      await openai.responses.create({
        model: 'o4-mini',
        instructions: 'Be concise.',
        input: 'Name three primary colours',
        reasoning: { effort: 'low' },
      });
    },
  },
  environment,
);
await telemetry.shutdown();
