// OpenLLMetry (@traceloop/node-server-sdk): openai v6 and @anthropic-ai/sdk 0.x (its supported ranges: 0.27 fails on
// @anthropic-ai/sdk 1.x, which dropped Anthropic.Completions) instrumented
// through `instrumentModules`, inside workflow/task/tool entity spans with association properties.

import * as traceloop from '@traceloop/node-server-sdk';
import * as anthropicModule from 'anthropic-sdk-v0';
import OpenAI from 'openai-v6';
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai-v6/resources/chat/completions';
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
import { readEnvironment, runScenario, traceExporter } from './runtime.ts';

const environment = readEnvironment();
traceloop.initialize({
  appName: 'interop-openllmetry',
  exporter: traceExporter(environment),
  silenceInitializationMessage: true,
  traceloopSyncEnabled: false,
  // The SDK's typings name other majors of these packages; the modules are the ones the app uses.
  instrumentModules: {
    openAI: OpenAI as never,
    anthropic: anthropicModule as never,
  },
});

const openai = new OpenAI({ baseURL: `${environment.mockUrl}/v1`, apiKey: 'mock-key' });
const anthropic = new anthropicModule.Anthropic({ baseURL: environment.mockUrl, apiKey: 'mock-key' });
const association = { userId: USER_ID, sessionId: SESSION_ID };
const weatherTool: ChatCompletionTool = {
  type: 'function',
  function: { name: 'get_weather', description: WEATHER_TOOL_DESCRIPTION, parameters: WEATHER_PARAMETERS },
};

const workflow = <T>(name: string, body: () => Promise<T>): Promise<T> =>
  traceloop.withWorkflow({ name, associationProperties: association }, body);

await runScenario(
  {
    'openai-chat': async () => {
      await warmPromptCache(environment.mockUrl, 'openai', 'gpt-4o-mini', LONG_SYSTEM_PROMPT);
      await workflow('support_workflow', () =>
        traceloop.withTask({ name: 'answer_question' }, () =>
          openai.chat.completions.create({
            model: 'gpt-4o-mini',
            temperature: 0.2,
            messages: [
              { role: 'system', content: LONG_SYSTEM_PROMPT },
              { role: 'user', content: 'How do I reset my password?' },
            ],
          }),
        ),
      );
    },
    'openai-chat-stream': async () => {
      await workflow('streaming_workflow', async () => {
        const stream = await openai.chat.completions.create({
          model: 'o4-mini',
          stream: true,
          stream_options: { include_usage: true },
          messages: [{ role: 'user', content: 'Stream a short poem about the sea' }],
        });
        for await (const _chunk of stream);
      });
    },
    'openai-tool-call': async () => {
      await workflow('weather_workflow', async () => {
        const messages: ChatCompletionMessageParam[] = [{ role: 'user', content: WEATHER_QUESTION }];
        const first = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
        const message = first.choices[0]?.message;
        const call = message?.tool_calls?.[0];
        if (!message || call?.type !== 'function') throw new Error('expected a function tool call');
        const location = (JSON.parse(call.function.arguments) as { location: string }).location;
        const report = await traceloop.withTool({ name: 'get_weather' }, async () => weatherReport(location));
        messages.push(message, { role: 'tool', tool_call_id: call.id, content: report });
        await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, tools: [weatherTool] });
      });
    },
    'openai-responses': async () => {
      await workflow('responses_workflow', () =>
        openai.responses.create({ model: 'gpt-4.1', instructions: 'Be concise.', input: 'Name three primary colours' }),
      );
    },
    'anthropic-messages': async () => {
      // Two calls with a cache breakpoint: the first writes the prompt cache, the second reads it.
      await workflow('anthropic_workflow', async () => {
        for (const question of ['Summarise the rules', 'Which rule comes first?']) {
          await anthropic.messages.create({
            model: 'claude-sonnet-4-6',
            max_tokens: 256,
            system: [{ type: 'text', text: LONG_SYSTEM_PROMPT, cache_control: { type: 'ephemeral' } }],
            messages: [{ role: 'user', content: question }],
          });
        }
      });
    },
    'anthropic-stream-tool': async () => {
      await workflow('anthropic_stream_workflow', async () => {
        const stream = await anthropic.messages.create({
          model: 'claude-haiku-4-5',
          max_tokens: 256,
          stream: true,
          tools: [{ name: 'get_weather', description: WEATHER_TOOL_DESCRIPTION, input_schema: WEATHER_PARAMETERS }],
          messages: [{ role: 'user', content: WEATHER_QUESTION }],
        });
        for await (const _event of stream);
      });
    },
  },
  environment,
);
await traceloop.forceFlush();
