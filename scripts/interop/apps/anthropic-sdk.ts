// @anthropic-ai/sdk's own OpenTelemetry spans (the SDK traces itself once a tracer provider is registered).

import Anthropic from '@anthropic-ai/sdk';
import type { MessageParam, Tool } from '@anthropic-ai/sdk/resources/messages';
import {
  LONG_SYSTEM_PROMPT,
  SESSION_ID,
  WEATHER_PARAMETERS,
  WEATHER_QUESTION,
  WEATHER_TOOL_DESCRIPTION,
  weatherReport,
} from './prompts.ts';
import { readEnvironment, runScenario, startTelemetry } from './runtime.ts';

const environment = readEnvironment();
const telemetry = startTelemetry(environment, 'interop-anthropic-sdk');
const client = new Anthropic({
  baseURL: environment.mockUrl,
  apiKey: 'mock-key',
  openTelemetry: { traces: { contentMode: 'content' } },
});
const model = 'claude-sonnet-4-6';
const conversation = { openTelemetry: { conversationId: SESSION_ID } };
const weatherTool: Tool = {
  name: 'get_weather',
  description: WEATHER_TOOL_DESCRIPTION,
  input_schema: WEATHER_PARAMETERS,
};

await runScenario(
  {
    messages: async () => {
      await client.messages.create(
        { model, max_tokens: 256, system: 'Be brief.', messages: [{ role: 'user', content: 'Say hello' }] },
        conversation,
      );
    },
    'messages-stream': async () => {
      const stream = client.messages.stream(
        { model, max_tokens: 256, messages: [{ role: 'user', content: 'Stream a greeting' }] },
        conversation,
      );
      await stream.finalMessage();
    },
    'tool-use': async () => {
      const messages: MessageParam[] = [{ role: 'user', content: WEATHER_QUESTION }];
      const first = await client.messages.create(
        { model, max_tokens: 256, messages, tools: [weatherTool] },
        conversation,
      );
      const toolUse = first.content.find((block) => block.type === 'tool_use');
      if (toolUse?.type !== 'tool_use') throw new Error('expected a tool_use block');
      messages.push(
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: weatherReport('Paris') }] },
      );
      await client.messages.create({ model, max_tokens: 256, messages, tools: [weatherTool] }, conversation);
    },
    'prompt-caching': async () => {
      // The first call writes the cache, the second (streamed) reads it.
      const request = {
        model,
        max_tokens: 256,
        system: [{ type: 'text' as const, text: LONG_SYSTEM_PROMPT, cache_control: { type: 'ephemeral' as const } }],
        messages: [{ role: 'user' as const, content: 'Summarise the rules' }],
      };
      await client.messages.create(request, conversation);
      await client.messages.stream(request, conversation).finalMessage();
    },
    thinking: async () => {
      await client.messages.create(
        {
          model,
          max_tokens: 2048,
          thinking: { type: 'enabled', budget_tokens: 1024 },
          messages: [{ role: 'user', content: 'Think about prime numbers' }],
        },
        conversation,
      );
    },
  },
  environment,
);
await telemetry.shutdown();
