import { randomBytes } from 'node:crypto';
import type { OtlpSpan } from '../../../collector/src/otlp/types.ts';

const MODELS = [
  ['openai', 'gpt-4o-mini'],
  ['openai', 'gpt-4.1'],
  ['anthropic', 'claude-sonnet-4-20250514'],
  ['gcp.gemini', 'gemini-2.5-flash'],
] as const;
const FEATURES = ['refunds', 'billing', 'search', 'onboarding'];
export const SPANS_PER_TRACE = 10;

/**
 * One agent trace of SPANS_PER_TRACE spans (root, 5 model calls, 4 tool calls) starting within the
 * last `windowMinutes`, with users, sessions, prompt versions and features spread over realistic counts.
 */
export function bulkTrace(sequence: number, windowMinutes: number): OtlpSpan[] {
  const traceId = randomBytes(16).toString('hex');
  const rootId = randomBytes(8).toString('hex');
  const start = Math.round((Date.now() - ((sequence * 7919) % (windowMinutes * 60_000)) - 60_000) * 1000);
  const [provider, model] = MODELS[sequence % MODELS.length]!;
  const context = {
    'user.id': `user-${sequence % 1000}`,
    'session.id': `session-${sequence % 20_000}`,
    'gen_ai.prompt.name': `prompt-${sequence % 5}`,
    'sightline.prompt.version': `v${1 + (sequence % 3)}`,
    'sightline.feature': FEATURES[sequence % FEATURES.length]!,
  };
  const base = {
    traceId,
    kind: 'INTERNAL' as const,
    events: [],
    links: [],
    resource: {
      'service.name': `service-${sequence % 3}`,
      'deployment.environment.name': sequence % 4 === 0 ? 'staging' : 'production',
    },
    scope: { name: 'bench', version: '1.0.0' },
  };
  const spans: OtlpSpan[] = [
    {
      ...base,
      spanId: rootId,
      parentSpanId: '',
      name: 'invoke_agent support',
      startTimeUnixUs: start,
      endTimeUnixUs: start + 8_000_000,
      status: { code: 'UNSET', message: '' },
      attributes: { 'gen_ai.operation.name': 'invoke_agent', ...context },
    },
  ];
  for (let step = 0; step < 5; step += 1) {
    const stepStart = start + 100_000 + step * 1_500_000;
    spans.push({
      ...base,
      kind: 'CLIENT',
      spanId: randomBytes(8).toString('hex'),
      parentSpanId: rootId,
      name: `chat ${model}`,
      startTimeUnixUs: stepStart,
      endTimeUnixUs: stepStart + 400_000 + ((sequence * 31 + step * 977) % 900_000),
      status: { code: (sequence + step) % 97 === 0 ? 'ERROR' : 'UNSET', message: '' },
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': provider,
        'gen_ai.request.model': model,
        'gen_ai.usage.input_tokens': 500 + ((sequence + step) % 700),
        'gen_ai.usage.output_tokens': 80 + (sequence % 200),
        'gen_ai.usage.cache_read.input_tokens': step > 0 ? 256 : 0,
        'gen_ai.input.messages': `[{"role":"user","parts":[{"type":"text","content":"question ${sequence} step ${step} about order ${sequence % 5000}"}]}]`,
        'gen_ai.output.messages': `[{"role":"assistant","parts":[{"type":"text","content":"answer ${sequence}/${step}"}]}]`,
        ...context,
      },
    });
    if (step < 4) {
      spans.push({
        ...base,
        spanId: randomBytes(8).toString('hex'),
        parentSpanId: rootId,
        name: 'execute_tool lookup',
        startTimeUnixUs: stepStart + 1_300_000,
        endTimeUnixUs: stepStart + 1_450_000,
        status: { code: 'UNSET', message: '' },
        attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup' },
      });
    }
  }
  return spans;
}
