// Support bot: guardrails on the input, a semantic answer cache, then an A/B-tested prompt
// (support-answer v1/v2, sticky per user) sent with withRetry; some calls stream, some are rate
// limited once (retried), a few fail every attempt (an error trace with three attempts).
import { createHash } from 'node:crypto';
import { recordCacheHit, recordCacheMiss } from '../../reliability/record-cache.ts';
import { recordGuardrail } from '../../reliability/record-guardrail.ts';
import { withRetry } from '../../reliability/with-retry.ts';
import { span } from '../../spans/span-helpers.ts';
import type { DemoApp } from '../demo-app.ts';
import { INJECTION_ATTEMPTS, SUPPORT_QUESTIONS } from '../population.ts';
import type { DemoTrace, Outcome, Scenario } from './scenario.ts';

const EMAIL = /[\w.+-]+@[\w-]+\.[\w.]+/;
const EVERY_EMAIL = new RegExp(EMAIL.source, 'g');

function screen(question: string): { text: string; blocked: boolean } {
  if (INJECTION_ATTEMPTS.includes(question)) {
    recordGuardrail({
      name: 'prompt-injection',
      outcome: 'block',
      reason: 'asks the model to ignore its instructions',
    });
    return { text: question, blocked: true };
  }
  recordGuardrail({ name: 'prompt-injection', outcome: 'pass' });
  if (EMAIL.test(question)) {
    recordGuardrail({ name: 'pii', outcome: 'modify', reason: 'email address masked' });
    return { text: question.replace(EVERY_EMAIL, '[email]'), blocked: false };
  }
  recordGuardrail({ name: 'pii', outcome: 'pass' });
  return { text: question, blocked: false };
}

async function ask(app: DemoApp, { random, visitor }: DemoTrace, question: string): Promise<string> {
  const prompt = app.prompts.render('support-answer', { product: 'Acme Projects' });
  const stream = random.chance(0.4);
  // Drawn once per message, so every attempt of one message follows the same script.
  const failure = random.next();
  const { model = 'gpt-4o-mini', temperature, max_tokens } = prompt.config;
  return prompt.run(() =>
    withRetry(
      async ({ attempt }) => {
        const behaviours = failure < 0.05 ? ['fail-500'] : failure < 0.15 && attempt === 1 ? ['fail-429'] : [];
        const body = {
          model,
          ...(temperature === undefined ? {} : { temperature }),
          ...(max_tokens === undefined ? {} : { max_tokens }),
          safety_identifier: visitor.userId,
          messages: [
            { role: 'system' as const, content: prompt.text },
            { role: 'user' as const, content: question },
          ],
        };
        const options = app.requestOptions(random, 'chat', behaviours);
        if (!stream) {
          const completion = await app.openai.chat.completions.create(body, options);
          return completion.choices[0]?.message.content ?? '';
        }
        const chunks = await app.openai.chat.completions.create({ ...body, stream: true }, options);
        let text = '';
        for await (const chunk of chunks) text += chunk.choices[0]?.delta.content ?? '';
        return text;
      },
      { name: 'support-answer', attempts: 3, backoff: { initialMs: 200, jitter: false } },
    ),
  );
}

export const supportChat: Scenario = {
  name: 'support-chat',
  feature: 'support-chat',
  weight: 35,
  run: (app, trace) =>
    span(
      'support-chat',
      async (): Promise<Outcome> => {
        const { random } = trace;
        const question = random.chance(0.06) ? random.pick(INJECTION_ATTEMPTS) : random.pick(SUPPORT_QUESTIONS);
        const screened = screen(question);
        if (screened.blocked) return 'blocked';
        const key = createHash('sha256').update(screened.text).digest('hex').slice(0, 16);
        const seen = app.seenQuestions.has(screened.text);
        app.seenQuestions.add(screened.text);
        if (seen && random.chance(0.4)) {
          recordCacheHit({ kind: 'semantic', key, similarity: Number((0.9 + random.next() * 0.09).toFixed(3)) });
          return 'cached';
        }
        recordCacheMiss({ kind: 'semantic', key });
        await ask(app, trace, screened.text);
        return 'ok';
      },
      { type: 'workflow' },
    ),
};
