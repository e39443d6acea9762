import { createOpenAI } from '@ai-sdk/openai';
import { OpenTelemetry } from '@ai-sdk/otel';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import { embed, generateText, registerTelemetry, streamText } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withContext } from '../context/sightline-context.ts';
import { flush, init, shutdown } from '../init/init.ts';
import { span } from '../spans/span-helpers.ts';
import { startTestCollector, type TestCollector } from '../test-support/collector.test.support.ts';

let mock: MockLlmServer;
let collector: TestCollector;

beforeAll(async () => {
  mock = await startMockLlmServer();
  collector = await startTestCollector();
  init({ endpoint: collector.url });
  registerTelemetry(new OpenTelemetry());
});

afterAll(async () => {
  await shutdown();
  await collector?.close();
  await mock?.close();
});

describe('Vercel AI SDK telemetry', () => {
  it('flows through Sightline to the collector, with the withContext values on its GenAI spans', async () => {
    const openai = createOpenAI({ baseURL: mock.openaiBaseUrl, apiKey: 'test-key' });
    const traceId = await withContext({ userId: 'ai-user', feature: 'summaries' }, () =>
      span('pipeline', async (root) => {
        const result = await generateText({
          model: openai.chat('gpt-4o-mini'),
          prompt: 'Summarise the meeting',
          experimental_telemetry: { isEnabled: true, functionId: 'summarise' },
        });
        expect(result.text).toBe('Mock reply to: Summarise the meeting');
        const streamed = streamText({
          model: openai.chat('gpt-4o-mini'),
          prompt: 'Stream a summary',
          experimental_telemetry: { isEnabled: true, functionId: 'summarise-stream' },
        });
        expect(await streamed.text).toBe('Mock reply to: Stream a summary');
        await embed({
          model: openai.embedding('text-embedding-3-small'),
          value: 'The quick brown fox',
          experimental_telemetry: { isEnabled: true },
        });
        return root.spanContext().traceId;
      }),
    );
    await flush();
    const detail = await collector.trace(traceId, 4);
    const llmSpans = detail.spans.filter((stored) => stored.spanType === 'llm' && stored.countsInTotals);
    expect(
      llmSpans.map((stored) => [stored.provider, stored.requestModel, stored.inputTokens, stored.outputTokens]),
    ).toEqual([
      ['openai', 'gpt-4o-mini', 3, 6],
      ['openai', 'gpt-4o-mini', 3, 6],
    ]);
    for (const stored of llmSpans) {
      expect(stored.sourceConvention).not.toBe('sightline');
      expect(stored.userId).toBe('ai-user');
      expect(stored.feature).toBe('summaries');
    }
    // The AI SDK's own tree (agent, step, chat, embeddings) nests under the app's Sightline step.
    const root = detail.spans.find((stored) => stored.name === 'pipeline');
    expect(root?.spanType).toBe('chain');
    const agents = detail.spans.filter((stored) => stored.name === 'invoke_agent gpt-4o-mini');
    expect(agents.map((agent) => agent.parentSpanId)).toEqual([root?.spanId, root?.spanId]);
    expect(detail.spans.filter((stored) => stored.spanType === 'embedding' && stored.countsInTotals)).toHaveLength(1);
    expect(detail.spans.filter((stored) => stored.scopeName === 'gen_ai')).toHaveLength(8);
  });
});
