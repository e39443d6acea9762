import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messagesFromLogEvents } from '../normalise/log-events.ts';
import type { Storage } from './span-store.ts';
import { executorVariants, openTestStorage, uniqueProjectId } from './test-support/executors.ts';
import { buildLlmSpan, buildSpan } from './test-support/span-builder.ts';
import { createViewQueries, type ViewQueries } from './ui-view-queries.ts';

// The outline is read as one row of columns; these check what the tree, waterfall and header get from it.

for (const variant of executorVariants()) {
  describe(`trace outline on ${variant.name}`, () => {
    let storage: Storage;
    let views: ViewQueries;
    const projectId = uniqueProjectId('ui-outline');
    const startUs = Date.now() * 1000 - 600_000_000;
    const root = buildSpan({
      projectId,
      spanType: 'agent',
      name: 'agent run',
      startTimeUnixUs: startUs,
      endTimeUnixUs: startUs + 5_000_000,
      serviceName: 'support-bot',
      environment: 'staging',
    });
    const child = (overrides: Parameters<typeof buildLlmSpan>[0]) =>
      buildLlmSpan({ projectId, traceId: root.traceId, parentSpanId: root.spanId, ...overrides });
    const priced = child({ startTimeUnixUs: startUs + 10_000, name: 'chat priced' });
    const unpriced = child({
      startTimeUnixUs: startUs + 20_000,
      costUsd: null,
      costSource: 'none',
      name: 'chat unpriced',
    });
    // Same start as `unpriced`: ties are broken by span id.
    const tool = buildSpan({
      projectId,
      traceId: root.traceId,
      parentSpanId: root.spanId,
      spanType: 'tool',
      name: 'execute_tool lookup',
      startTimeUnixUs: startUs + 20_000,
      statusCode: 'ERROR',
      errorType: 'TimeoutError',
    });
    const orphan = buildSpan({
      projectId,
      traceId: root.traceId,
      parentSpanId: 'f'.repeat(16),
      name: 'late orphan',
      startTimeUnixUs: startUs + 30_000,
    });

    beforeAll(async () => {
      storage = await openTestStorage(variant);
      views = createViewQueries(storage.executor, storage.logEvents, messagesFromLogEvents);
      await storage.writer.writeSpans([orphan, tool, unpriced, root, priced]);
      // A second, later row for one span (as before ReplacingMergeTree merges): the outline shows it once, as stored last.
      await storage.executor.command(
        `INSERT INTO spans SELECT * REPLACE ('chat priced (retried)' AS name, ingested_at + INTERVAL 1 SECOND AS ingested_at)
         FROM spans WHERE project_id = {projectId:String} AND span_id = {spanId:String}`,
        { projectId, spanId: priced.spanId },
      );
    });
    afterAll(async () => {
      await storage.close();
    });

    test('lists each span once in start order with what the tree draws', async () => {
      const outline = await views.traceOutline(projectId, root.traceId);
      const tied = [unpriced, tool].sort((a, b) => (a.spanId < b.spanId ? -1 : 1));
      expect(outline?.spans.map((span) => span.spanId)).toEqual([
        root.spanId,
        priced.spanId,
        ...tied.map((span) => span.spanId),
        orphan.spanId,
      ]);
      const byId = new Map(outline?.spans.map((span) => [span.spanId, span]));
      expect(byId.get(priced.spanId)).toEqual({
        spanId: priced.spanId,
        parentSpanId: root.spanId,
        name: 'chat priced (retried)',
        startTimeUnixUs: priced.startTimeUnixUs,
        endTimeUnixUs: priced.endTimeUnixUs,
        status: 'UNSET',
        spanType: 'llm',
        countsInTotals: true,
        unpriced: false,
        errorType: '',
      });
      expect(byId.get(unpriced.spanId)).toMatchObject({ unpriced: true, countsInTotals: true });
      expect(byId.get(tool.spanId)).toMatchObject({
        status: 'ERROR',
        errorType: 'TimeoutError',
        countsInTotals: false,
      });
      expect(byId.get(orphan.spanId)?.parentSpanId).toBe('f'.repeat(16));
    });

    test('summarises the trace from its root and counts each model call once', async () => {
      const outline = await views.traceOutline(projectId, root.traceId);
      expect(outline).toMatchObject({ countedCalls: 2, unpricedCalls: 1 });
      expect(outline?.trace).toMatchObject({
        traceId: root.traceId,
        name: 'agent run',
        serviceName: 'support-bot',
        environment: 'staging',
      });
    });

    test('answers null for an unknown trace', async () => {
      expect(await views.traceOutline(projectId, '0'.repeat(32))).toBeNull();
    });
  });
}
