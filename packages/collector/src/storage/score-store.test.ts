import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { ScoreInput } from './api-types.ts';
import type { Storage } from './span-store.ts';
import { executorVariants, openTestStorage, uniqueProjectId } from './test-support/executors.ts';
import { traceId } from './test-support/span-builder.ts';

const MetricsRow = z.object({ n: z.coerce.number(), value_sum: z.number() });

for (const variant of executorVariants()) {
  describe(`score store on ${variant.name}`, () => {
    let storage: Storage;

    beforeAll(async () => {
      storage = await openTestStorage(variant);
    });
    afterAll(async () => {
      await storage.close();
    });

    function score(overrides: Partial<ScoreInput> & Pick<ScoreInput, 'projectId' | 'traceId'>): ScoreInput {
      return {
        id: `score-${Math.random().toString(36).slice(2)}`,
        name: 'helpfulness',
        dataType: 'numeric',
        value: 0.8,
        source: 'eval',
        timestamp: new Date(Date.now() - 60_000),
        ...overrides,
      };
    }

    test('stores scores of every kind and lists a trace’s scores', async () => {
      const projectId = uniqueProjectId();
      const trace = traceId();
      const numeric = score({
        projectId,
        traceId: trace,
        spanId: 'a'.repeat(16),
        sessionId: 'session-1',
        comment: 'good answer',
        evaluatorId: 'judge-v1',
        metadata: { judge_model: 'gpt-4o' },
        timestamp: new Date(Date.now() - 120_000),
      });
      const boolean = score({
        projectId,
        traceId: trace,
        name: 'is_safe',
        dataType: 'boolean',
        value: 1,
        source: 'api',
      });
      boolean.timestamp = new Date(Date.now() - 100_000);
      const { value: _value, ...withoutValue } = score({
        projectId,
        traceId: trace,
        timestamp: new Date(Date.now() - 90_000),
      });
      const categorical = {
        ...withoutValue,
        name: 'tone',
        dataType: 'categorical' as const,
        stringValue: 'friendly',
        source: 'annotation' as const,
      };
      expect(await storage.scores.insert([numeric, boolean, categorical])).toBe(3);
      const listed = await storage.scores.listForTrace(projectId, trace);
      expect(listed.map((item) => item.id)).toEqual([numeric.id, boolean.id, categorical.id]);
      expect(listed[0]).toEqual({
        id: numeric.id,
        projectId,
        traceId: trace,
        spanId: 'a'.repeat(16),
        sessionId: 'session-1',
        name: 'helpfulness',
        dataType: 'numeric',
        value: 0.8,
        stringValue: null,
        source: 'eval',
        comment: 'good answer',
        evaluatorId: 'judge-v1',
        metadata: { judge_model: 'gpt-4o' },
        timestamp: `${numeric.timestamp.toISOString().slice(0, 23)}000Z`,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(listed[2]).toMatchObject({ dataType: 'categorical', value: null, stringValue: 'friendly', spanId: '' });
      expect(await storage.scores.listForTrace(uniqueProjectId(), trace)).toEqual([]);
    });

    test('a score written again with the same id replaces the old one; an identical retry is skipped', async () => {
      const projectId = uniqueProjectId();
      const trace = traceId();
      const original = score({ projectId, traceId: trace, value: 0.2 });
      expect(await storage.scores.insert([original])).toBe(1);
      expect(await storage.scores.insert([{ ...original }])).toBe(0);
      expect(await storage.scores.insert([{ ...original, value: 0.9, comment: 'revised' }])).toBe(1);
      const listed = await storage.scores.listForTrace(projectId, trace);
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ id: original.id, value: 0.9, comment: 'revised' });
    });

    test('retries do not double score_metrics_1m', async () => {
      const projectId = uniqueProjectId();
      const trace = traceId();
      const scores = [score({ projectId, traceId: trace, value: 1 }), score({ projectId, traceId: trace, value: 3 })];
      await storage.scores.insert(scores);
      await storage.scores.insert(scores.map((item) => ({ ...item })));
      const rows = await storage.executor.query(
        'SELECT sum(n) AS n, sum(value_sum) AS value_sum FROM score_metrics_1m WHERE project_id = {projectId:String}',
        { projectId },
        MetricsRow,
      );
      expect(rows).toEqual([{ n: 2, value_sum: 4 }]);
    });
  });
}
