// A tool-calling agent: the model asks for get_weather, the app runs the tool (a tool span), and
// a second call answers with the result, streamed half the time.
import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { span } from '../../spans/span-helpers.ts';
import type { DemoApp } from '../demo-app.ts';
import { DESTINATIONS } from '../population.ts';
import type { Random } from '../seeded-random.ts';
import type { DemoTrace, Outcome, Scenario } from './scenario.ts';

const WEATHER_TOOL: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather and the forecast for the next days',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string', description: 'City name' } },
      required: ['location'],
    },
  },
};

function weatherReport(random: Random, location: string): string {
  const temperature = random.integer(-5, 32);
  const sky = random.pick(['sunny', 'cloudy', 'rainy', 'windy', 'snowy']);
  return JSON.stringify({ location, temperature_c: temperature, sky, forecast: 'similar for the next three days' });
}

async function plan(app: DemoApp, { random }: DemoTrace): Promise<Outcome> {
  const destination = random.pick(DESTINATIONS);
  const prompt = app.prompts.render('travel-agent', { destination });
  const { model = 'gpt-4o', temperature, max_tokens } = prompt.config;
  const settings = {
    model,
    ...(temperature === undefined ? {} : { temperature }),
    ...(max_tokens === undefined ? {} : { max_tokens }),
    tools: [WEATHER_TOOL],
  };
  return prompt.run(async (): Promise<Outcome> => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: prompt.text },
      { role: 'user', content: `What should I pack for next week in ${destination}` },
    ];
    const first = await app.openai.chat.completions.create(
      { ...settings, messages },
      app.requestOptions(random, 'chat'),
    );
    const message = first.choices[0]?.message;
    const call = message?.tool_calls?.[0];
    if (!message || call?.type !== 'function') return 'ok';
    const { location } = JSON.parse(call.function.arguments) as { location: string };
    const report = await span('get_weather', async () => weatherReport(random, location), { type: 'tool' });
    messages.push(message, { role: 'tool', tool_call_id: call.id, content: report });
    if (random.chance(0.5)) {
      await app.openai.chat.completions.create({ ...settings, messages }, app.requestOptions(random, 'chat'));
      return 'ok';
    }
    const stream = await app.openai.chat.completions.create(
      { ...settings, messages, stream: true, stream_options: { include_usage: true } },
      app.requestOptions(random, 'chat'),
    );
    for await (const _chunk of stream);
    return 'ok';
  });
}

export const travelAgent: Scenario = {
  name: 'travel-agent',
  feature: 'trip-planner',
  weight: 15,
  run: (app, trace) => span('travel-agent', () => plan(app, trace), { type: 'agent' }),
};
