import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import type { NormalisedSpan } from '../normalise/types.ts';
import type { Storage } from './span-store.ts';
import { readNewestSpanStartUs } from './span-writer.ts';
import { executorVariants, openTestStorage, uniqueProjectId } from './test-support/executors.ts';
import { buildLlmSpan, buildSpan, buildTrace, microsAgo } from './test-support/span-builder.ts';

const CountRow = z.object({ count: z.coerce.number() });
const SumsRow = z.object({
  span_count: z.coerce.number(),
  input_tokens: z.coerce.number(),
  cost_usd: z.coerce.number(),
});
const RollupRow = z.object({ calls: z.coerce.number(), input_tokens: z.coerce.number(), cost_usd: z.coerce.number() });

for (const variant of executorVariants()) {
  describe(`span writer on ${variant.name}`, () => {
    let storage: Storage;

    beforeAll(async () => {
      storage = await openTestStorage(variant);
    });
    afterAll(async () => {
      await storage.close();
    });

    async function storedRows(projectId: string): Promise<number> {
      const [row] = await storage.executor.query(
        'SELECT count() AS count FROM spans WHERE project_id = {projectId:String}',
        { projectId },
        CountRow,
      );
      return row?.count ?? 0;
    }

    async function traceSums(projectId: string) {
      return storage.executor.query(
        `SELECT sum(span_count) AS span_count, sum(input_tokens) AS input_tokens, sum(cost_usd) AS cost_usd
         FROM trace_index WHERE project_id = {projectId:String}`,
        { projectId },
        SumsRow,
      );
    }

    async function rollupSums(projectId: string) {
      return storage.executor.query(
        `SELECT sum(calls) AS calls, sum(input_tokens) AS input_tokens, sum(cost_usd) AS cost_usd
         FROM llm_metrics_1m WHERE project_id = {projectId:String}`,
        { projectId },
        RollupRow,
      );
    }

    test('stores every field of a span and reads it back through getTrace', async () => {
      const projectId = uniqueProjectId();
      const start = microsAgo(5) + 123;
      const root = buildSpan({ projectId, startTimeUnixUs: start, endTimeUnixUs: start + 5_000_007 });
      const span: NormalisedSpan = buildLlmSpan({
        projectId,
        traceId: root.traceId,
        parentSpanId: root.spanId,
        startTimeUnixUs: start + 1_000,
        endTimeUnixUs: start + 2_345_678,
        statusCode: 'ERROR',
        statusMessage: 'rate limited "429"',
        scopeName: 'openai-instrumentation',
        scopeVersion: '0.9.1',
        sourceConvention: 'openinference',
        sessionId: 'session-1',
        userId: 'user-1',
        agentName: 'planner',
        toolName: 'search',
        promptName: 'summarise',
        promptVersion: '3',
        feature: 'summaries',
        tags: ['beta', 'eu'],
        finishReasons: ['stop'],
        errorType: 'RateLimitError',
        usage: {
          inputTokens: 1234,
          outputTokens: 567,
          cacheReadTokens: 200,
          cacheWriteTokens: 30,
          reasoningTokens: 40,
        },
        usageDetails: { cache_write_5m: 30, audio_input: 0 },
        costUsd: 1.23e-7,
        costSource: 'provided',
        costDetails: { input: 1e-9, output: 0.5 },
        priceVersion: 'prices-2026-07',
        timeToFirstTokenMs: 123.456,
        requestParameters: { temperature: 0.7, stop: ['\n'], nested: { a: [1, 2] } },
        metadata: { team: 'search', 'quote"key': 'back\\slash' },
        attributes: { 'gen_ai.request.model': 'gpt-4o-mini', 'unicode.é': '😀 ünïcode' },
        resourceAttributes: { 'service.name': 'checkout', 'host.name': 'box-1' },
        events: [{ timeUnixUs: start + 1500, name: 'exception', attributes: { 'exception.type': 'RateLimitError' } }],
        links: [{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), attributes: { reason: 'retry' } }],
        toolDefinitions: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }],
        mapping: {
          conventions: ['otel_genai'],
          mapped: [{ attribute: 'gen_ai.request.model', field: 'requestModel', adapter: 'otel_genai' }],
          raw: ['unicode.é'],
          errors: [],
        },
      });
      await storage.writer.writeSpans([root, span]);
      const detail = await storage.traces.getTrace(projectId, root.traceId);
      expect(detail).not.toBeNull();
      const stored = detail!.spans.find((candidate) => candidate.spanId === span.spanId)!;
      expect(stored).toEqual({
        spanId: span.spanId,
        parentSpanId: root.spanId,
        name: span.name,
        kind: 'CLIENT',
        startTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
        endTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
        startTimeUnixUs: span.startTimeUnixUs,
        endTimeUnixUs: span.endTimeUnixUs,
        durationMs: 2344.678,
        status: 'ERROR',
        statusMessage: 'rate limited "429"',
        serviceName: 'checkout',
        environment: 'production',
        scopeName: 'openai-instrumentation',
        scopeVersion: '0.9.1',
        sourceConvention: 'openinference',
        spanType: 'llm',
        operation: 'chat',
        provider: 'openai',
        requestModel: 'gpt-4o-mini',
        responseModel: 'gpt-4o-mini-2024-07-18',
        userId: 'user-1',
        sessionId: 'session-1',
        agentName: 'planner',
        toolName: 'search',
        promptName: 'summarise',
        promptVersion: '3',
        feature: 'summaries',
        tags: ['beta', 'eu'],
        finishReasons: ['stop'],
        errorType: 'RateLimitError',
        inputTokens: 1234,
        outputTokens: 567,
        cacheReadTokens: 200,
        cacheWriteTokens: 30,
        reasoningTokens: 40,
        usageDetails: { cache_write_5m: 30, audio_input: 0 },
        countsInTotals: true,
        costUsd: 1.23e-7,
        costSource: 'provided',
        costDetails: { input: 1e-9, output: 0.5 },
        priceVersion: 'prices-2026-07',
        timeToFirstTokenMs: 123.456,
        input: span.input,
        output: span.output,
        messagesSource: 'span',
        requestParameters: { temperature: 0.7, stop: ['\n'], nested: { a: [1, 2] } },
        metadata: { team: 'search', 'quote"key': 'back\\slash' },
        attributes: { 'gen_ai.request.model': 'gpt-4o-mini', 'unicode.é': '😀 ünïcode' },
        resourceAttributes: { 'service.name': 'checkout', 'host.name': 'box-1' },
        events: [
          {
            time: expect.stringMatching(/Z$/),
            timeUnixUs: start + 1500,
            name: 'exception',
            attributes: { 'exception.type': 'RateLimitError' },
          },
        ],
        links: [{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), attributes: { reason: 'retry' } }],
        toolDefinitions: [{ type: 'function', name: 'get_weather', parameters: { type: 'object' } }],
        // The raw list is not stored: it is read back as every stored attribute the report does not map.
        mapping: {
          conventions: ['otel_genai'],
          mapped: [{ attribute: 'gen_ai.request.model', field: 'requestModel', adapter: 'otel_genai' }],
          raw: ['unicode.é'],
          errors: [],
        },
      });
      expect(new Date(stored.startTime).getTime()).toBe(Math.floor(span.startTimeUnixUs / 1000));
      expect(detail!.trace).toMatchObject({
        traceId: root.traceId,
        name: 'handle-request',
        spanCount: 2,
        errorCount: 1,
        inputTokens: 1234,
        costUsd: 1.23e-7,
        userId: 'user-1',
        sessionId: 'session-1',
        models: ['gpt-4o-mini-2024-07-18'],
        promptNames: ['summarise'],
        status: 'error',
        durationMs: 5000.007,
      });
    });

    test('a retried batch stores nothing twice: spans, trace_index sums and rollups are unchanged', async () => {
      const projectId = uniqueProjectId();
      const spans = [...buildTrace({ root: { projectId }, llmCalls: 3 })].map((span) => ({ ...span, projectId }));
      const first = await storage.writer.writeSpans(spans);
      expect(first).toEqual({ stored: 4, duplicates: 0 });
      const before = {
        spans: await storedRows(projectId),
        trace: await traceSums(projectId),
        rollup: await rollupSums(projectId),
      };
      expect(before.trace).toEqual([{ span_count: 4, input_tokens: 3 * 420, cost_usd: 3 * 0.000171 }]);
      expect(before.rollup).toEqual([{ calls: 3, input_tokens: 3 * 420, cost_usd: 3 * 0.000171 }]);

      const retry = await storage.writer.writeSpans(spans.map((span) => structuredClone(span)));
      expect(retry).toEqual({ stored: 0, duplicates: 4 });
      expect(await storedRows(projectId)).toBe(before.spans);
      expect(await traceSums(projectId)).toEqual(before.trace);
      expect(await rollupSums(projectId)).toEqual(before.rollup);
    });

    test('a retry the recent-key set has forgotten is caught by the existence query', async () => {
      const forgetful = await openTestStorage(variant, { writer: { recentKeyCapacity: 1 } });
      try {
        const projectId = uniqueProjectId();
        const spans = buildTrace({ root: { projectId }, llmCalls: 2 }).map((span) => ({ ...span, projectId }));
        await forgetful.writer.writeSpans(spans);
        const queriesBefore = forgetful.writer.stats().existenceQueries;
        // A mix of old spans and one new span: only the new one is stored.
        const extra = buildLlmSpan({ projectId, traceId: spans[0]!.traceId, parentSpanId: spans[0]!.spanId });
        const result = await forgetful.writer.writeSpans([...spans, extra]);
        expect(result).toEqual({ stored: 1, duplicates: 3 });
        expect(forgetful.writer.stats().existenceQueries).toBe(queriesBefore + 1);
        expect(await storedRows(projectId)).toBe(4);
        expect(await rollupSums(projectId)).toEqual([{ calls: 3, input_tokens: 3 * 420, cost_usd: 3 * 0.000171 }]);
      } finally {
        await forgetful.close();
      }
    });

    test('a sole writer skips the existence query for spans it can prove new, and still stores retries once', async () => {
      const sole = await openTestStorage(variant, { soleWriter: true });
      try {
        const projectId = uniqueProjectId();
        // Started after every span stored so far (the watermark), as live traffic does.
        const start = (await readNewestSpanStartUs(sole.executor)) + 1_000;
        const spans = buildTrace({ root: { projectId, startTimeUnixUs: start }, llmCalls: 2 }).map((span) => ({
          ...span,
          projectId,
        }));
        const before = sole.writer.stats();
        expect(await sole.writer.writeSpans(spans)).toEqual({ stored: 3, duplicates: 0 });
        expect(await sole.writer.writeSpans(spans.map((span) => structuredClone(span)))).toEqual({
          stored: 0,
          duplicates: 3,
        });
        const after = sole.writer.stats();
        expect(after.existenceQueries).toBe(before.existenceQueries);
        expect(after.existenceChecksSkipped).toBe(before.existenceChecksSkipped + 3);
        expect(await storedRows(projectId)).toBe(3);
        expect(await rollupSums(projectId)).toEqual([{ calls: 2, input_tokens: 2 * 420, cost_usd: 2 * 0.000171 }]);
      } finally {
        await sole.close();
      }
    });

    test('a sole writer opened on stored spans (a restart) still finds their retries, even ones stamped in the future', async () => {
      const projectId = uniqueProjectId();
      // A client whose clock runs ten minutes ahead.
      const ahead = Date.now() * 1000 + 10 * 60_000_000;
      const spans = buildTrace({ root: { projectId, startTimeUnixUs: ahead }, llmCalls: 1 }).map((span) => ({
        ...span,
        projectId,
      }));
      expect(await storage.writer.writeSpans(spans)).toEqual({ stored: 2, duplicates: 0 });
      const restarted = await openTestStorage(variant, { soleWriter: true });
      try {
        const queriesBefore = restarted.writer.stats().existenceQueries;
        expect(await restarted.writer.writeSpans(spans.map((span) => structuredClone(span)))).toEqual({
          stored: 0,
          duplicates: 2,
        });
        expect(restarted.writer.stats().existenceQueries).toBe(queriesBefore + 1);
        expect(await storedRows(projectId)).toBe(2);
      } finally {
        await restarted.close();
      }
    });

    test('a sole writer that forgot spans (bounded memory) checks their retries again', async () => {
      const forgetful = await openTestStorage(variant, { soleWriter: true, writer: { recentKeyCapacity: 1 } });
      try {
        const projectId = uniqueProjectId();
        const start = Date.now() * 1000 + 60 * 60_000_000;
        const spans = [0, 1, 2].map((minute) =>
          buildLlmSpan({ projectId, startTimeUnixUs: start + minute * 60_000_000 }),
        );
        for (const span of spans) await forgetful.writer.writeSpans([span]);
        const queriesBefore = forgetful.writer.stats().existenceQueries;
        expect(await forgetful.writer.writeSpans(spans.map((span) => structuredClone(span)))).toEqual({
          stored: 0,
          duplicates: 3,
        });
        expect(forgetful.writer.stats().existenceQueries).toBe(queriesBefore + 1);
        expect(await storedRows(projectId)).toBe(3);
      } finally {
        await forgetful.close();
      }
    });

    test('a span repeated inside one batch, and across concurrent calls, is stored once', async () => {
      const projectId = uniqueProjectId();
      const span = buildLlmSpan({ projectId });
      const within = await storage.writer.writeSpans([span, structuredClone(span)]);
      expect(within).toEqual({ stored: 1, duplicates: 1 });
      const other = buildLlmSpan({ projectId });
      const results = await Promise.all([
        storage.writer.writeSpans([other]),
        storage.writer.writeSpans([structuredClone(other)]),
        storage.writer.writeSpans([structuredClone(other)]),
      ]);
      expect(results.reduce((sum, result) => sum + result.stored, 0)).toBe(1);
      expect(await storedRows(projectId)).toBe(2);
      expect(await rollupSums(projectId)).toEqual([{ calls: 2, input_tokens: 840, cost_usd: 2 * 0.000171 }]);
    });

    test('rows of unpriced spans keep a null cost and counted wrappers are left out of totals', async () => {
      const projectId = uniqueProjectId();
      const [root, call] = buildTrace({
        root: { projectId },
        llmCalls: 1,
        llm: { projectId, costUsd: null, costSource: 'none' },
      });
      const wrapper = buildLlmSpan({
        projectId,
        traceId: root!.traceId,
        parentSpanId: root!.spanId,
        countsInTotals: false,
      });
      await storage.writer.writeSpans([root!, call!, wrapper]);
      const detail = await storage.traces.getTrace(projectId, root!.traceId);
      expect(detail!.trace).toMatchObject({ spanCount: 3, inputTokens: 420, costUsd: null });
      expect(detail!.spans.find((span) => span.spanId === call!.spanId)).toMatchObject({
        costUsd: null,
        costSource: 'none',
      });
    });
  });
}
