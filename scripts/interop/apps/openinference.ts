// OpenInference (Arize): @arizeai/openinference-instrumentation-openai on openai 7 and
// -anthropic on @anthropic-ai/sdk 1.x, patched manually (ESM), with session/user/metadata from context.

import * as anthropicModule from '@anthropic-ai/sdk';
import { setMetadata, setSession, setTags, setUser, traceAgent, traceTool } from '@arizeai/openinference-core';
import { AnthropicInstrumentation } from '@arizeai/openinference-instrumentation-anthropic';
import { OpenAIInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import { context } from '@opentelemetry/api';
import * as openaiModule from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import {
  LONG_SYSTEM_PROMPT,
  SESSION_ID,
  USER_ID,
  WEATHER_PARAMETERS,
  WEATHER_QUESTION,
  WEATHER_TOOL_DESCRIPTION,
  warmPromptCache,
  weatherReport,
} from './prompts.ts';
import { readEnvironment, runScenario, startTelemetry } from './runtime.ts';

const environment = readEnvironment();
const telemetry = startTelemetry(environment, 'interop-openinference');
// The instrumentation's typings name another copy of openai; the module object is what it patches.
new OpenAIInstrumentation().manuallyInstrument(
  openaiModule as unknown as Parameters<OpenAIInstrumentation['manuallyInstrument']>[0],
);
new AnthropicInstrumentation().manuallyInstrument(anthropicModule.default);

const openai = new openaiModule.OpenAI({ baseURL: `${environment.mockUrl}/v1`, apiKey: 'mock-key' });
const anthropic = new anthropicModule.Anthropic({ baseURL: environment.mockUrl, apiKey: 'mock-key' });
const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', description: WEATHER_TOOL_DESCRIPTION, parameters: WEATHER_PARAMETERS },
};

const scenarios: Record<string, () => Promise<void>> = {
  chat: async () => {
    await warmPromptCache(environment.mockUrl, 'openai', 'gpt-4o-mini', LONG_SYSTEM_PROMPT);
    await openai.chat.completions.create({
      model: 'gpt-4o-mini',
      temperature: 0.2,
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
  'tool-call': traceAgent(
    async () => {
      const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: WEATHER_QUESTION }];
      const first = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
      const message = first.choices[0]?.message;
      const call = message?.tool_calls?.[0];
      if (!message || call?.type !== 'function') throw new Error('expected a function tool call');
      const location = (JSON.parse(call.function.arguments) as { location: string }).location;
      const report = await traceTool(async (city: string) => weatherReport(city), { name: 'get_weather' })(location);
      messages.push(message, { role: 'tool', tool_call_id: call.id, content: report });
      await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
    },
    { name: 'weather-agent' },
  ),
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
  messages: async () => {
    // Two calls with a cache breakpoint: the first writes the prompt cache, the second reads it.
    for (const question of ['Summarise the rules', 'Which rule comes first?']) {
      await anthropic.messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 256,
        system: [{ type: 'text', text: LONG_SYSTEM_PROMPT, cache_control: { type: 'ephemeral' } }],
        messages: [{ role: 'user', content: question }],
      });
    }
  },
  'stream-tool': async () => {
    const stream = await anthropic.messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 256,
      stream: true,
      tools: [{ name: 'get_weather', description: WEATHER_TOOL_DESCRIPTION, input_schema: WEATHER_PARAMETERS }],
      messages: [{ role: 'user', content: WEATHER_QUESTION }],
    });
    for await (const _event of stream);
  },
};

let scoped = context.active();
scoped = setSession(scoped, { sessionId: SESSION_ID });
scoped = setUser(scoped, { userId: USER_ID });
scoped = setMetadata(scoped, { tenant: 'acme', feature: 'support' });
scoped = setTags(scoped, ['interop', 'openinference']);
await context.with(scoped, () => runScenario(scenarios, environment));
await telemetry.shutdown();
