import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { OtlpLogRecord } from '../otlp/types.ts';
import type { TraceSummary } from './api-types.ts';
import type { Storage } from './span-store.ts';
import { executorVariants, openTestStorage, uniqueProjectId } from './test-support/executors.ts';
import { buildLlmSpan, buildSpan, buildTrace, microsAgo, spanId } from './test-support/span-builder.ts';
import { InvalidCursorError } from './trace-cursor.ts';

const HOUR_MS = 3_600_000;

function window(): { from: Date; to: Date } {
  return { from: new Date(Date.now() - 2 * HOUR_MS), to: new Date(Date.now() + 60_000) };
}

function logRecord(
  traceId: string,
  forSpanId: string,
  timeUnixUs: number,
  eventName: string,
  body: unknown,
): OtlpLogRecord {
  return {
    traceId,
    spanId: forSpanId,
    timeUnixUs,
    eventName,
    severityText: 'INFO',
    body: body as OtlpLogRecord['body'],
    attributes: { 'event.name': eventName, 'gen_ai.system': 'openai' },
    resource: { 'service.name': 'checkout' },
    scope: { name: 'genai-logs', version: '1' },
  };
}

for (const variant of executorVariants()) {
  describe(`trace queries on ${variant.name}`, () => {
    let storage: Storage;
    const projectId = uniqueProjectId('list');
    const traces: { id: string; startUs: number }[] = [];

    beforeAll(async () => {
      storage = await openTestStorage(variant);
      // 12 traces, one minute apart, with distinct attributes for the filters.
      const batch = [];
      for (let index = 0; index < 12; index++) {
        const startUs = microsAgo(60 - index * 3);
        const spans = buildTrace({
          root: {
            projectId,
            startTimeUnixUs: startUs,
            endTimeUnixUs: startUs + (index === 5 ? 90_000_000 : 2_000_000),
            serviceName: index % 2 === 0 ? 'checkout' : 'search',
            environment: index < 6 ? 'production' : 'staging',
            name: `trace-${index}`,
          },
          llmCalls: index % 3 === 0 ? 2 : 1,
          llm: {
            projectId,
            requestModel: index % 4 === 0 ? 'claude-sonnet-4' : 'gpt-4o-mini',
            responseModel: '',
            provider: index % 4 === 0 ? 'anthropic' : 'openai',
            userId: index === 7 ? 'user-7' : '',
            sessionId: index === 8 ? 'session-8' : '',
            promptName: index === 9 ? 'triage' : '',
            promptVersion: index === 9 ? '2' : '',
            statusCode: index === 10 ? 'ERROR' : 'OK',
            costUsd: index === 11 ? 2.5 : 0.001,
          },
        });
        if (index === 3) {
          spans[1]!.output = [{ role: 'assistant', parts: [{ type: 'text', content: 'The Answer is "Forty-Two"' }] }];
        }
        traces.push({ id: spans[0]!.traceId, startUs });
        batch.push(...spans);
      }
      await storage.writer.writeSpans(batch);
    });
    afterAll(async () => {
      await storage.close();
    });

    const idsOf = (list: TraceSummary[]) => list.map((trace) => trace.traceId);
    const expected = (...indexes: number[]) => indexes.map((index) => traces[index]!.id);

    test('lists traces newest first with their totals', async () => {
      const result = await storage.traces.listTraces({ projectId, ...window() });
      expect(idsOf(result.traces)).toEqual(expected(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
      expect(result.nextCursor).toBeNull();
      const first = result.traces.find((trace) => trace.traceId === traces[0]!.id)!;
      expect(first).toMatchObject({
        name: 'trace-0',
        serviceName: 'checkout',
        environment: 'production',
        spanCount: 3,
        inputTokens: 840,
        outputTokens: 360,
        cacheReadTokens: 200,
        reasoningTokens: 40,
        costUsd: 0.002,
        models: ['claude-sonnet-4'],
        status: 'ok',
        durationMs: 2000,
      });
    });

    test('pages with an opaque cursor without gaps or repeats', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await storage.traces.listTraces({
          projectId,
          ...window(),
          limit: 5,
          ...(cursor === undefined ? {} : { cursor }),
        });
        seen.push(...idsOf(page.traces));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor !== undefined);
      expect(pages).toBe(3);
      expect(seen).toEqual(expected(11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
    });

    test('refuses a cursor it did not make', async () => {
      await expect(storage.traces.listTraces({ projectId, ...window(), cursor: 'not-a-cursor' })).rejects.toThrow(
        InvalidCursorError,
      );
    });

    test.each([
      ['service', { service: 'search' }, [11, 9, 7, 5, 3, 1]],
      ['environment', { environment: 'staging' }, [11, 10, 9, 8, 7, 6]],
      ['model', { model: 'claude-sonnet-4' }, [8, 4, 0]],
      ['provider', { provider: 'anthropic' }, [8, 4, 0]],
      ['user', { userId: 'user-7' }, [7]],
      ['session', { sessionId: 'session-8' }, [8]],
      ['prompt name', { promptName: 'triage' }, [9]],
      ['prompt name and version', { promptName: 'triage', promptVersion: '2' }, [9]],
      ['prompt version mismatch', { promptName: 'triage', promptVersion: '1' }, []],
      ['status error', { status: 'error' as const }, [10]],
      ['minimum cost', { minCostUsd: 1 }, [11]],
      ['minimum duration', { minDurationMs: 60_000 }, [5]],
      ['text search (case-insensitive, with quotes)', { search: 'answer is "forty' }, [3]],
      ['combined', { environment: 'production', model: 'gpt-4o-mini', service: 'search' }, [5, 3, 1]],
    ])('filters by %s', async (_label, filters, indexes) => {
      const result = await storage.traces.listTraces({ projectId, ...window(), filters });
      expect(idsOf(result.traces)).toEqual(expected(...indexes));
    });

    test('status ok excludes traces with an error span', async () => {
      const result = await storage.traces.listTraces({ projectId, ...window(), filters: { status: 'ok' } });
      expect(idsOf(result.traces)).toEqual(expected(11, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
    });

    test('the time window bounds the list', async () => {
      const from = new Date(traces[4]!.startUs / 1000);
      const to = new Date(traces[7]!.startUs / 1000);
      const result = await storage.traces.listTraces({ projectId, from, to });
      expect(idsOf(result.traces)).toEqual(expected(6, 5, 4));
    });

    test('metricsByModel reads per-model percentiles, tokens and cost from the rollup', async () => {
      const metrics = await storage.traces.metricsByModel({ projectId, ...window() });
      expect(metrics.map((row) => [row.provider, row.model, row.calls])).toEqual([
        ['openai', 'gpt-4o-mini', 12],
        ['anthropic', 'claude-sonnet-4', 4],
      ]);
      const gpt = metrics[0]!;
      expect(gpt).toMatchObject({ errors: 1, inputTokens: 12 * 420, pricedCalls: 12 });
      expect(gpt.costUsd).toBeCloseTo(2.5 + 11 * 0.001, 9);
      expect(gpt.latencyMs.p50).toBeCloseTo(1200, 0);
      expect(gpt.latencyMs.p99).toBeCloseTo(1200, 0);
      expect(gpt.timeToFirstTokenMs?.p95).toBeCloseTo(310.5, 1);
      expect(gpt.averageLatencyMs).toBeCloseTo(1200, 6);
    });

    test('project isolation: another project sees none of these traces, spans or metrics', async () => {
      const other = uniqueProjectId('other');
      const otherTrace = buildTrace({ root: { projectId: other }, llm: { projectId: other } });
      await storage.writer.writeSpans(otherTrace);
      const list = await storage.traces.listTraces({ projectId: other, ...window() });
      expect(idsOf(list.traces)).toEqual([otherTrace[0]!.traceId]);
      expect(await storage.traces.getTrace(other, traces[0]!.id)).toBeNull();
      expect(await storage.traces.getTrace(projectId, otherTrace[0]!.traceId)).toBeNull();
      const searched = await storage.traces.listTraces({
        projectId: other,
        ...window(),
        filters: { search: 'forty-two' },
      });
      expect(searched.traces).toEqual([]);
      const metrics = await storage.traces.metricsByModel({ projectId: other, ...window() });
      expect(metrics.map((row) => row.calls)).toEqual([2]);
    });

    test('getTrace fills empty messages from log records stored before the span', async () => {
      const project = uniqueProjectId('logs-first');
      const root = buildSpan({ projectId: project });
      const call = buildLlmSpan({
        projectId: project,
        traceId: root.traceId,
        parentSpanId: root.spanId,
        input: [],
        output: [],
      });
      await storage.logEvents.insert(project, [
        logRecord(root.traceId, call.spanId, call.startTimeUnixUs + 10, 'gen_ai.user.message', {
          content: 'What is 6 x 7?',
        }),
        logRecord(root.traceId, call.spanId, call.startTimeUnixUs + 20, 'gen_ai.choice', {
          index: 0,
          finish_reason: 'stop',
          message: { role: 'assistant', content: '42' },
        }),
      ]);
      await storage.writer.writeSpans([root, call]);
      const detail = await storage.traces.getTrace(project, root.traceId);
      const stored = detail!.spans.find((span) => span.spanId === call.spanId)!;
      expect(stored.messagesSource).toBe('log_events');
      expect(JSON.stringify(stored.input)).toContain('What is 6 x 7?');
      expect(JSON.stringify(stored.output)).toContain('42');
      expect(detail!.spans.find((span) => span.spanId === root.spanId)!.messagesSource).toBe('none');
    });

    test('getTrace joins log records stored after the span, once each even when retried', async () => {
      const project = uniqueProjectId('logs-after');
      const call = buildLlmSpan({ projectId: project, input: [], output: [] });
      await storage.writer.writeSpans([call]);
      const records = [
        logRecord(call.traceId, call.spanId, call.startTimeUnixUs + 10, 'gen_ai.user.message', {
          content: 'hello there',
        }),
      ];
      await storage.logEvents.insert(project, records);
      await storage.logEvents.insert(project, records);
      const stored = (await storage.traces.getTrace(project, call.traceId))!.spans[0]!;
      expect(stored.messagesSource).toBe('log_events');
      expect(stored.input).toHaveLength(1);
      expect(JSON.stringify(stored.input)).toContain('hello there');
      const read = await storage.logEvents.listForTrace(project, call.traceId, {
        fromUnixUs: call.startTimeUnixUs - 1_000_000,
        toUnixUs: call.endTimeUnixUs + 1_000_000,
      });
      expect(read).toEqual(records);
    });

    test('a span with its own messages keeps them over log records', async () => {
      const project = uniqueProjectId('own-messages');
      const call = buildLlmSpan({ projectId: project });
      await storage.logEvents.insert(project, [
        logRecord(call.traceId, call.spanId, call.startTimeUnixUs, 'gen_ai.user.message', { content: 'from logs' }),
      ]);
      await storage.writer.writeSpans([call]);
      const stored = (await storage.traces.getTrace(project, call.traceId))!.spans[0]!;
      expect(stored.messagesSource).toBe('span');
      expect(stored.input).toEqual(call.input);
    });

    test('getTrace returns null for an unknown trace and lists a trace without root under no list', async () => {
      expect(await storage.traces.getTrace(projectId, 'f'.repeat(32))).toBeNull();
      const project = uniqueProjectId('orphan');
      const orphan = buildLlmSpan({ projectId: project, parentSpanId: spanId() });
      await storage.writer.writeSpans([orphan]);
      const detail = await storage.traces.getTrace(project, orphan.traceId);
      expect(detail!.trace).toMatchObject({ traceId: orphan.traceId, name: orphan.name, spanCount: 1 });
      expect((await storage.traces.listTraces({ projectId: project, ...window() })).traces).toEqual([]);
    });
  });
}
