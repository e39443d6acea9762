import { randomBytes } from 'node:crypto';
import type { OtlpSpan } from '../otlp/types.ts';

const WORDS =
  'customer order refund policy shipping delay tracking number warehouse invoice payment card account subscription plan upgrade cancel support agent answer question context document retrieval summary'.split(
    ' ',
  );

function text(chars: number, seed: number): string {
  let result = '';
  let index = seed;
  while (result.length < chars) {
    result += `${WORDS[index % WORDS.length]} `;
    index = (index * 7 + 3) % 9973;
  }
  return result.slice(0, chars);
}

const MODELS = [
  ['openai', 'gpt-4o-mini'],
  ['openai', 'gpt-4.1'],
  ['anthropic', 'claude-sonnet-4-20250514'],
  ['anthropic', 'claude-3-5-haiku-20241022'],
  ['gcp.gemini', 'gemini-2.5-flash'],
] as const;

/**
 * A realistic LLM chat span: ≈1.5 KB prompt, ≈0.7 KB completion, GenAI 1.37+ attributes, user,
 * session and prompt version, spread over the last `windowMinutes`.
 */
export function realisticChatSpan(sequence: number, windowMinutes = 60): OtlpSpan {
  const [provider, model] = MODELS[sequence % MODELS.length]!;
  const start = Math.round((Date.now() - ((sequence * 7919) % (windowMinutes * 60_000))) * 1000);
  const duration = 300_000 + ((sequence * 104_729) % 4_000_000);
  const input = [
    { role: 'system', parts: [{ type: 'text', content: text(400, sequence) }] },
    { role: 'user', parts: [{ type: 'text', content: text(1100, sequence + 1) }] },
  ];
  const output = [
    { role: 'assistant', parts: [{ type: 'text', content: text(700, sequence + 2) }], finish_reason: 'stop' },
  ];
  return {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    parentSpanId: '',
    name: `chat ${model}`,
    kind: 'CLIENT',
    startTimeUnixUs: start,
    endTimeUnixUs: start + duration,
    status: { code: sequence % 50 === 0 ? 'ERROR' : 'UNSET', message: '' },
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': provider,
      'gen_ai.request.model': model,
      'gen_ai.response.model': model,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 1024,
      'gen_ai.usage.input_tokens': 400 + (sequence % 900),
      'gen_ai.usage.output_tokens': 120 + (sequence % 300),
      'gen_ai.usage.cache_read.input_tokens': sequence % 3 === 0 ? 256 : 0,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.response.id': `chatcmpl-${sequence}`,
      'gen_ai.response.time_to_first_chunk': 0.12 + (sequence % 40) / 100,
      'gen_ai.input.messages': JSON.stringify(input),
      'gen_ai.output.messages': JSON.stringify(output),
      'gen_ai.prompt.name': `prompt-${sequence % 6}`,
      'sightline.prompt.version': `v${sequence % 3}`,
      'user.id': `user-${sequence % 500}`,
      'session.id': `session-${sequence % 2000}`,
      'server.address': 'api.example.com',
    },
    events: [],
    links: [],
    resource: { 'service.name': `service-${sequence % 4}`, 'deployment.environment.name': 'production' },
    scope: { name: '@sightline/instrumentation', version: '0.1.0' },
  };
}
