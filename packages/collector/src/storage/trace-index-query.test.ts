import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spansToJsonEachRow } from './span-rows.ts';
import type { Storage } from './span-store.ts';
import { executorVariants, openTestStorage, uniqueProjectId } from './test-support/executors.ts';
import { buildLlmSpan, buildSpan, buildTrace, microsAgo } from './test-support/span-builder.ts';
import { readTraceIndex } from './trace-index-query.ts';

for (const variant of executorVariants()) {
  describe(`trace index reads on ${variant.name}`, () => {
    let storage: Storage;
    const projectId = uniqueProjectId('partials');

    beforeAll(async () => {
      storage = await openTestStorage(variant);
    });
    afterAll(async () => {
      await storage.close();
    });

    test('a trace stored by several inserts reads as one merged row: sums, bounds, sorted distinct ids', async () => {
      const root = buildSpan({ projectId, startTimeUnixUs: microsAgo(30), name: 'agent' });
      const call = (minutes: number, overrides: Parameters<typeof buildLlmSpan>[0]) =>
        buildLlmSpan({
          projectId,
          traceId: root.traceId,
          parentSpanId: root.spanId,
          startTimeUnixUs: microsAgo(minutes),
          ...overrides,
        });
      const first = call(29, { userId: 'zoë', requestModel: 'm-b', responseModel: '', costUsd: 0.1 });
      const second = call(28, {
        userId: 'adam',
        requestModel: 'm-a',
        responseModel: '',
        costUsd: 0.2,
        statusCode: 'ERROR',
      });
      // Three inserts, so trace_index holds three partial rows until a merge.
      await storage.writer.writeSpans([first]);
      await storage.writer.writeSpans([second]);
      await storage.writer.writeSpans([root]);
      const index = (await readTraceIndex(storage.executor, projectId, [root.traceId, 'f'.repeat(32)])).get(
        root.traceId,
      );
      expect(index).toMatchObject({
        start_us: root.startTimeUnixUs,
        end_us: second.endTimeUnixUs,
        span_count: 3,
        error_count: 1,
        input_tokens: 840,
        priced_count: 2,
        models: ['m-a', 'm-b'],
        user_ids: ['adam', 'zoë'],
      });
      // Exactly the engine's Decimal sum: 0.1 + 0.2 without binary rounding.
      expect(index!.cost_usd).toBe(0.3);
      const detail = await storage.traces.getTrace(projectId, root.traceId);
      expect(detail!.trace).toMatchObject({ spanCount: 3, errorCount: 1, costUsd: 0.3, userId: 'adam' });
      expect(detail!.spans.map((span) => span.spanId)).toEqual([root.spanId, first.spanId, second.spanId]);
    });

    test('getTrace summarises its spans exactly as the list does from trace_index', async () => {
      const project = uniqueProjectId('summaries');
      const spans = [];
      for (let index = 0; index < 6; index++) {
        spans.push(
          ...buildTrace({
            root: { projectId: project, startTimeUnixUs: microsAgo(40 - index), name: `t${index}` },
            llmCalls: 1 + (index % 3),
            llm: {
              projectId: project,
              requestModel: index % 2 === 0 ? 'gpt-4o-mini' : 'claude-sonnet-4',
              responseModel: index === 3 ? 'claude-sonnet-4-20250514' : '',
              userId: index === 1 ? '' : `user-${index % 2}`,
              sessionId: index === 2 ? 'session-2' : '',
              promptName: index === 4 ? 'triage' : '',
              promptVersion: index === 4 ? '3' : '',
              statusCode: index === 5 ? 'ERROR' : 'OK',
              costUsd: index === 2 ? null : 0.1 + index / 1000,
              countsInTotals: index !== 1,
            },
          }),
        );
      }
      await storage.writer.writeSpans(spans);
      const listed = await storage.traces.listTraces({
        projectId: project,
        from: new Date(Date.now() - 3_600_000),
        to: new Date(Date.now() + 60_000),
      });
      expect(listed.traces).toHaveLength(6);
      for (const summary of listed.traces) {
        const detail = await storage.traces.getTrace(project, summary.traceId);
        expect(detail!.trace).toEqual(summary);
      }
    });

    test('getTrace collapses a span stored twice to its latest row', async () => {
      const span = buildLlmSpan({ projectId, startTimeUnixUs: microsAgo(20), name: 'first' });
      // Straight into the table (the writer would drop the repeat), as another process could.
      await storage.executor.insertJsonEachRow('spans', spansToJsonEachRow([span]));
      await new Promise((resolve) => setTimeout(resolve, 5));
      await storage.executor.insertJsonEachRow('spans', spansToJsonEachRow([{ ...span, name: 'second' }]));
      const detail = await storage.traces.getTrace(projectId, span.traceId);
      expect(detail!.spans.map((stored) => stored.name)).toEqual(['second']);
    });
  });
}
