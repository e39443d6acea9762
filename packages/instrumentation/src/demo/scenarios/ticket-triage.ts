// Structured output: classify a ticket and validate the result with parseOutput. The prompt is
// A/B-tested per session: v2 asks for a tool call (valid JSON, unless the model ignores the tool),
// v1 is the older free-text prompt on the Responses API (its replies fail validation).
import { z } from 'zod';
import { span } from '../../spans/span-helpers.ts';
import { parseOutput } from '../../structured-output/parse-output.ts';
import type { DemoApp } from '../demo-app.ts';
import { TICKETS } from '../population.ts';
import type { DemoTrace, Outcome, Scenario } from './scenario.ts';

const CATEGORIES = ['billing', 'bug', 'account', 'other'] as const;
const ticketSchema = z.object({
  category: z.enum(CATEGORIES),
  priority: z.union([z.literal(1), z.literal(2), z.literal(3)]),
});

/** The mock model fills enums with their first value, so rotating the order varies its answers. */
function rotated<T>(items: readonly T[], by: number): T[] {
  return [...items.slice(by % items.length), ...items.slice(0, by % items.length)];
}

async function classify(app: DemoApp, { random }: DemoTrace): Promise<Outcome> {
  const ticket = random.pick(TICKETS);
  const prompt = app.prompts.render('ticket-triage', { ticket });
  const { model = 'gpt-4.1-mini', max_tokens } = prompt.config;
  return prompt.run(async () => {
    let output: string;
    if (prompt.version === 'v1') {
      const response = await app.openai.responses.create(
        { model, input: prompt.text, ...(max_tokens === undefined ? {} : { max_output_tokens: max_tokens }) },
        app.requestOptions(random, 'chat'),
      );
      output = response.output_text;
    } else {
      const behaviours = random.chance(0.1) ? ['no-tools'] : [];
      const completion = await app.openai.chat.completions.create(
        {
          model,
          temperature: 0,
          messages: [{ role: 'user', content: prompt.text }],
          tools: [
            {
              type: 'function',
              function: {
                name: 'file_ticket',
                description: 'File the ticket in the right queue',
                parameters: {
                  type: 'object',
                  properties: {
                    category: { type: 'string', enum: rotated(CATEGORIES, random.integer(0, 3)) },
                    priority: { type: 'integer', enum: rotated([1, 2, 3], random.integer(0, 2)) },
                  },
                  required: ['category', 'priority'],
                },
              },
            },
          ],
        },
        app.requestOptions(random, 'chat', behaviours),
      );
      const message = completion.choices[0]?.message;
      const call = message?.tool_calls?.[0];
      output = call?.type === 'function' ? call.function.arguments : (message?.content ?? '');
    }
    return parseOutput(ticketSchema, output, { name: 'ticket' }).valid ? 'ok' : 'invalid-output';
  });
}

export const ticketTriage: Scenario = {
  name: 'ticket-triage',
  feature: 'ticket-triage',
  weight: 15,
  run: (app, trace) => span('ticket-triage', () => classify(app, trace), { type: 'workflow' }),
};
