import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messagesFromLogEvents } from '../normalise/log-events.ts';
import type { NormalisedSpan } from '../normalise/types.ts';
import type { Storage } from './span-store.ts';
import { executorVariants, openTestStorage, uniqueProjectId } from './test-support/executors.ts';
import { buildLlmSpan, buildSpan } from './test-support/span-builder.ts';
import { windowSlices } from './ui-trace-search-query.ts';
import { createViewQueries, type ViewQueries } from './ui-view-queries.ts';
import type { TraceSearchQuery } from './ui-view-types.ts';

// The traces table reads roots newest (or oldest) first from trace_roots; trace-wide filters are
// searched slice by slice of the window from that end. Paging must still see every match once.

const MINUTE_US = 60_000_000;

function rootWithCall(projectId: string, startUs: number, model: string): NormalisedSpan[] {
  const root = buildSpan({ projectId, spanType: 'agent', name: 'agent run', startTimeUnixUs: startUs });
  return [
    root,
    buildLlmSpan({
      projectId,
      traceId: root.traceId,
      parentSpanId: root.spanId,
      startTimeUnixUs: startUs + 10_000,
      requestModel: model,
      responseModel: '',
    }),
  ];
}

describe('windowSlices', () => {
  test('cuts a window into slices growing from the end the listing starts at', () => {
    const minute = 60_000_000;
    expect(windowSlices(0, 50 * minute, true)).toEqual([
      { fromUs: 48 * minute, toUs: 50 * minute },
      { fromUs: 40 * minute, toUs: 48 * minute },
      { fromUs: 8 * minute, toUs: 40 * minute },
      { fromUs: 0, toUs: 8 * minute },
    ]);
    expect(windowSlices(0, 11 * minute, false)).toEqual([
      { fromUs: 0, toUs: 2 * minute },
      { fromUs: 2 * minute, toUs: 10 * minute },
      { fromUs: 10 * minute, toUs: 11 * minute },
    ]);
    expect(windowSlices(5, 5, true)).toEqual([{ fromUs: 5, toUs: 5 }]);
  });
});

for (const variant of executorVariants()) {
  describe(`traces table search on ${variant.name}`, () => {
    let storage: Storage;
    let views: ViewQueries;
    const projectId = uniqueProjectId('ui-search');
    const nowUs = Date.now() * 1000;
    // 30 traces, one every 6 minutes over the last 3 hours; even ones use model-x.
    const traces = Array.from({ length: 30 }, (_, index) =>
      rootWithCall(projectId, nowUs - (index * 6 + 1) * MINUTE_US, index % 2 === 0 ? 'model-x' : 'model-y'),
    );
    const idOf = (index: number) => traces[index]![0]!.traceId;
    const query = (overrides: Partial<TraceSearchQuery>): TraceSearchQuery => ({
      projectId,
      from: new Date(nowUs / 1000 - 4 * 3_600_000),
      to: new Date(nowUs / 1000 + 60_000),
      limit: 50,
      sort: 'startTime',
      order: 'desc',
      filters: {},
      ...overrides,
    });

    beforeAll(async () => {
      storage = await openTestStorage(variant);
      views = createViewQueries(storage.executor, storage.logEvents, messagesFromLogEvents);
      await storage.writer.writeSpans(traces.flat());
    });
    afterAll(async () => {
      await storage.close();
    });

    async function allPages(base: TraceSearchQuery): Promise<string[]> {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await views.searchTraces({ ...base, ...(cursor === undefined ? {} : { cursor }) });
        expect(page.traces.length).toBeLessThanOrEqual(base.limit);
        seen.push(...page.traces.map((row) => row.traceId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      return seen;
    }

    const even = Array.from({ length: 15 }, (_, index) => index * 2);

    test('pages through a filtered search across window slices, newest and oldest first', async () => {
      expect(await allPages(query({ limit: 4, filters: { model: 'model-x' } }))).toEqual(even.map(idOf));
      expect(await allPages(query({ limit: 4, order: 'asc', filters: { model: 'model-x' } }))).toEqual(
        [...even].reverse().map(idOf),
      );
      const unfiltered = await views.searchTraces(query({}));
      expect(unfiltered.traces.map((row) => row.traceId)).toEqual(traces.map((_, index) => idOf(index)));
      expect(unfiltered.nextCursor).toBeNull();
    });

    test('returns only traces stored after `arrivedAfter`, even when they started earlier', async () => {
      const before = await views.searchTraces(query({}));
      expect(before.newestArrival).not.toBeNull();
      const arrivedAfter = new Date(Date.parse(before.newestArrival!) + 1);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const late = [
        rootWithCall(projectId, nowUs - 50 * MINUTE_US, 'model-x'),
        rootWithCall(projectId, nowUs - 7 * MINUTE_US, 'model-y'),
        // Live updates look back an hour for late roots: one that started earlier is not looked at.
        rootWithCall(projectId, nowUs - 100 * MINUTE_US, 'model-x'),
      ];
      await storage.writer.writeSpans(late.flat());
      const arrived = await views.searchTraces(query({ arrivedAfter }));
      expect(arrived.traces.map((row) => row.traceId)).toEqual([late[1]![0]!.traceId, late[0]![0]!.traceId]);
      expect(Date.parse(arrived.newestArrival!)).toBeGreaterThanOrEqual(arrivedAfter.getTime());
      const filtered = await views.searchTraces(query({ arrivedAfter, filters: { model: 'model-x' } }));
      expect(filtered.traces.map((row) => row.traceId)).toEqual([late[0]![0]!.traceId]);
    });
  });
}
