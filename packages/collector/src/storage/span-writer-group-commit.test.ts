import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { BatchReport } from './group-commit.ts';
import type { Storage } from './span-store.ts';
import { executorVariants, openTestStorage, uniqueProjectId } from './test-support/executors.ts';
import { buildLlmSpan } from './test-support/span-builder.ts';

const CountRow = z.object({ count: z.coerce.number() });

for (const variant of executorVariants()) {
  describe(`group commit through the span writer on ${variant.name}`, () => {
    let storage: Storage;
    const reports: BatchReport[] = [];

    beforeAll(async () => {
      storage = await openTestStorage(variant, { writer: { onBatch: (report) => reports.push(report) } });
    });
    afterAll(async () => {
      await storage.close();
    });

    test('concurrent requests become fewer inserts, and each resolves only once its spans are readable', async () => {
      const projectId = uniqueProjectId();
      const requests = Array.from({ length: 20 }, () => [buildLlmSpan({ projectId }), buildLlmSpan({ projectId })]);
      const batchesBefore = storage.committer.stats().batches;
      await Promise.all(
        requests.map(async (spans) => {
          await storage.writer.writeSpans(spans);
          // Stored means readable by the next query, for this caller's own spans.
          const [row] = await storage.executor.query(
            'SELECT count() AS count FROM spans WHERE project_id = {projectId:String} AND span_id IN {ids:Array(String)}',
            { projectId, ids: spans.map((span) => span.spanId) },
            CountRow,
          );
          expect(row?.count).toBe(2);
        }),
      );
      const inserts = storage.committer.stats().batches - batchesBefore;
      expect(inserts).toBeGreaterThanOrEqual(1);
      expect(inserts).toBeLessThan(20);
      expect(reports.at(-1)).toMatchObject({ rows: expect.any(Number), callers: expect.any(Number) });
    });

    test('an engine error reaches every caller of the failed batch', async () => {
      const projectId = uniqueProjectId();
      const good = buildLlmSpan({ projectId });
      // An unknown enum value makes the whole JSONEachRow insert fail in the engine.
      const bad = buildLlmSpan({ projectId, kind: 'NOT_A_KIND' as never });
      const results = await Promise.allSettled([storage.writer.writeSpans([good]), storage.writer.writeSpans([bad])]);
      expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
      const [row] = await storage.executor.query(
        'SELECT count() AS count FROM spans WHERE project_id = {projectId:String}',
        { projectId },
        CountRow,
      );
      expect(row?.count).toBe(0);
      // Nothing was remembered as stored: a retry of the good span succeeds.
      await expect(storage.writer.writeSpans([good])).resolves.toEqual({ stored: 1, duplicates: 0 });
    });
  });
}
