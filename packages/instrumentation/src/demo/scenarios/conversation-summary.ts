// Summaries streamed from Anthropic with a fallback to OpenAI: the primary is sometimes overloaded
// (529) or breaks off mid-stream, and withFallback hands over to gpt-4.1-mini.
import { withFallback } from '../../reliability/with-fallback.ts';
import { span } from '../../spans/span-helpers.ts';
import type { DemoApp } from '../demo-app.ts';
import { CONVERSATIONS } from '../population.ts';
import type { DemoTrace, Outcome, Scenario } from './scenario.ts';

async function summarise(app: DemoApp, { random }: DemoTrace): Promise<Outcome> {
  const conversation = random.pick(CONVERSATIONS);
  const prompt = app.prompts.render('summarise', { conversation });
  const { model = 'claude-sonnet-4-6', max_tokens = 160, temperature } = prompt.config;
  const roll = random.next();
  const primaryBehaviours = roll < 0.15 ? ['fail-529'] : roll < 0.2 ? ['stream-error'] : [];
  await prompt.run(() =>
    withFallback(
      [
        {
          name: `anthropic/${model}`,
          run: async () => {
            const events = await app.anthropic.messages.create(
              {
                model,
                max_tokens,
                ...(temperature === undefined ? {} : { temperature }),
                stream: true,
                messages: [{ role: 'user', content: prompt.text }],
              },
              app.requestOptions(random, 'chat', primaryBehaviours),
            );
            let text = '';
            for await (const event of events) {
              if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
            }
            return text;
          },
        },
        {
          name: 'openai/gpt-4.1-mini',
          run: async () => {
            const completion = await app.openai.chat.completions.create(
              { model: 'gpt-4.1-mini', max_tokens, messages: [{ role: 'user', content: prompt.text }] },
              app.requestOptions(random, 'chat'),
            );
            return completion.choices[0]?.message.content ?? '';
          },
        },
      ],
      { name: 'summarise' },
    ),
  );
  return 'ok';
}

export const conversationSummary: Scenario = {
  name: 'conversation-summary',
  feature: 'conversation-summary',
  weight: 15,
  run: (app, trace) => span('conversation-summary', () => summarise(app, trace), { type: 'workflow' }),
};
