import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MIGRATIONS_DIR, splitStatements } from './migrate.ts';
import {
  RECENT_MARGIN_US,
  RECENT_MAX_ROWS,
  RECENT_MAX_TRACES,
  RECENT_REACH_US,
  type RecentTraceIndex,
  readRecentTraceIndex,
  recentRange,
} from './recent-trace-index.ts';
import type { Storage } from './span-store.ts';
import type { SqlExecutor } from './sql-executor.ts';
import { executorVariants, openTestStorage, uniqueProjectId } from './test-support/executors.ts';
import { buildLlmSpan, buildSpan, microsAgo } from './test-support/span-builder.ts';
import { readTraceIndex } from './trace-index-query.ts';
import { listTraces } from './trace-list-query.ts';

const NOW_US = 1_800_000_000_000_000;
const MINUTE_US = 60_000_000;
const at = (sinceUs: number): RecentTraceIndex => ({ sinceUs, nowUs: () => NOW_US });
/** `count` root start times, newest `newestAgoUs` before now, `gapUs` apart. */
const roots = (count: number, newestAgoUs: number, gapUs: number): number[] =>
  Array.from({ length: count }, (_, index) => NOW_US - newestAgoUs - index * gapUs);

describe('recentRange: where a page reads its totals', () => {
  test('a page of the last minute reads the range from its oldest root minus the margin', () => {
    const page = roots(50, 1_000_000, 1_000_000);
    expect(recentRange(at(0), page)).toEqual({
      fromUs: Math.min(...page) - RECENT_MARGIN_US,
      maxRows: RECENT_MAX_ROWS,
    });
  });

  test('traffic that would put more traces in the range than the limit reads by id', () => {
    // 50 roots in 50 ms: 1,000 traces a second, so the 5-minute margin alone holds 300,000.
    expect(recentRange(at(0), roots(50, 0, 1000))).toBeUndefined();
    const gapAtLimit = Math.ceil((RECENT_MARGIN_US + 49 * 10_000_000) / RECENT_MAX_TRACES) * 50;
    expect(recentRange(at(0), roots(50, 0, gapAtLimit))).toBeDefined();
  });

  test('a page far from now reads by id: the range would hold every newer trace', () => {
    expect(recentRange(at(0), roots(50, 3 * 3600_000_000, 1_000_000))).toBeUndefined();
  });

  test('beyond the table’s reach, before its rows are complete, or with under 2 roots: by id', () => {
    expect(recentRange(at(0), roots(50, RECENT_REACH_US, MINUTE_US))).toBeUndefined();
    expect(recentRange(at(NOW_US - MINUTE_US), roots(50, 0, 1_000_000))).toBeUndefined();
    expect(recentRange(at(Number.POSITIVE_INFINITY), roots(50, 0, 1_000_000))).toBeUndefined();
    expect(recentRange(at(0), roots(1, 0, 0))).toBeUndefined();
  });
});

/** The executor, recording the SQL of every query. */
function recording(executor: SqlExecutor, queries: string[]): SqlExecutor {
  return {
    kind: executor.kind,
    query: (sql, params, schema) => {
      queries.push(sql);
      return executor.query(sql, params, schema);
    },
    command: (sql, params) => executor.command(sql, params),
    insertJsonEachRow: (table, rows, columns) => executor.insertJsonEachRow(table, rows, columns),
    serverVersion: () => executor.serverVersion(),
    close: () => executor.close(),
  };
}

for (const variant of executorVariants()) {
  describe(`trace_index_recent on ${variant.name}`, () => {
    let storage: Storage;
    const projectId = uniqueProjectId('recent');
    const window = { projectId, from: new Date(Date.now() - 3600_000), to: new Date(Date.now() + 60_000) };

    beforeAll(async () => {
      storage = await openTestStorage(variant);
    });
    afterAll(async () => {
      await storage.close();
    });

    test('a new database reads the table from the start', async () => {
      expect((await readRecentTraceIndex(storage.executor, () => NOW_US)).sinceUs).toBe(0);
    });

    test('the page read from the range has the totals read by id, counting every insert of a trace', async () => {
      const traces = [30, 20, 10].map((minutes) => {
        const root = buildSpan({ projectId, startTimeUnixUs: microsAgo(minutes), name: `agent ${minutes}` });
        const child = (startUs: number, costUsd: number) =>
          buildLlmSpan({
            projectId,
            traceId: root.traceId,
            parentSpanId: root.spanId,
            startTimeUnixUs: startUs,
            costUsd,
          });
        return { root, before: child(root.startTimeUnixUs - MINUTE_US, 0.25), late: child(microsAgo(1), 0.5) };
      });
      // A child whose clock runs a minute behind arrives first, then the roots, then a late child.
      await storage.writer.writeSpans(traces.map((trace) => trace.before));
      await storage.writer.writeSpans(traces.map((trace) => trace.root));
      await storage.writer.writeSpans(traces.map((trace) => trace.late));

      const queries: string[] = [];
      const recent = await readRecentTraceIndex(storage.executor, () => Date.now() * 1000);
      const fromRange = await listTraces(recording(storage.executor, queries), window, recent);
      const byId = await listTraces(storage.executor, window);
      expect(queries.some((sql) => sql.includes('FROM trace_index_recent'))).toBe(true);
      expect(fromRange).toEqual(byId);
      expect(fromRange.traces.map((trace) => [trace.name, trace.spanCount, trace.costUsd])).toEqual([
        ['agent 10', 3, 0.75],
        ['agent 20', 3, 0.75],
        ['agent 30', 3, 0.75],
      ]);
    });

    test('a root stored with a span that started (and ended) long before it still counts, with that span', async () => {
      const root = buildSpan({ projectId, startTimeUnixUs: microsAgo(5), name: 'skewed' });
      const child = (startUs: number) =>
        buildLlmSpan({
          projectId,
          traceId: root.traceId,
          parentSpanId: root.spanId,
          startTimeUnixUs: startUs,
          costUsd: 0.25,
        });
      // One insert (group commit, or a gateway batching services): a child whose clock is 6 minutes behind.
      const early = {
        ...child(root.startTimeUnixUs - 6 * MINUTE_US),
        endTimeUnixUs: root.startTimeUnixUs - 5.5 * MINUTE_US,
      };
      await storage.writer.writeSpans([root, early, child(root.startTimeUnixUs + 1_000_000)]);
      const queries: string[] = [];
      const recent = await readRecentTraceIndex(storage.executor, () => Date.now() * 1000);
      const fromRange = await listTraces(recording(storage.executor, queries), window, recent);
      expect(queries.some((sql) => sql.includes('FROM trace_index_recent'))).toBe(true);
      expect(fromRange).toEqual(await listTraces(storage.executor, window));
      expect(fromRange.traces.find((trace) => trace.traceId === root.traceId)).toMatchObject({
        spanCount: 3,
        costUsd: 0.5,
      });
    });

    test('a range holding more rows than its limit is refused by the engine and read by id instead', async () => {
      const page = await listTraces(storage.executor, window);
      const ids = page.traces.map((trace) => trace.traceId);
      const queries: string[] = [];
      const limited = await readTraceIndex(recording(storage.executor, queries), projectId, ids, {
        fromUs: microsAgo(60),
        maxRows: 1,
      });
      expect(queries.map((sql) => (sql.includes('FROM trace_index_recent') ? 'range' : 'by id'))).toEqual([
        'range',
        'by id',
      ]);
      expect(limited).toEqual(await readTraceIndex(storage.executor, projectId, ids));
      expect(limited.size).toBe(ids.length);
    });

    test('a filtered page reads by id', async () => {
      const queries: string[] = [];
      const recent = await readRecentTraceIndex(storage.executor, () => Date.now() * 1000);
      const page = await listTraces(
        recording(storage.executor, queries),
        { ...window, filters: { service: 'checkout' } },
        recent,
      );
      expect(page.traces.length).toBeGreaterThan(0);
      expect(queries.some((sql) => sql.includes('FROM trace_index_recent'))).toBe(false);
    });

    test('migrated over stored traces, the table is read only for spans stored from a minute later', async () => {
      const statements = splitStatements(readFileSync(join(MIGRATIONS_DIR, '0003_trace_index_recent.sql'), 'utf8'));
      const since = statements.at(-1)!;
      expect(since).toContain('trace_index_recent_since');
      const before = Date.now() * 1000;
      await storage.executor.command(since);
      try {
        const recent = await readRecentTraceIndex(storage.executor, () => Date.now() * 1000);
        expect(recent.sinceUs).toBeGreaterThanOrEqual(before + MINUTE_US);
        expect(recent.sinceUs).toBeLessThan(Date.now() * 1000 + 2 * MINUTE_US);
        const queries: string[] = [];
        await listTraces(recording(storage.executor, queries), window, recent);
        expect(queries.some((sql) => sql.includes('FROM trace_index_recent'))).toBe(false);
      } finally {
        // The next suite shares this engine: back to reading the table from the start.
        await new Promise((resolve) => setTimeout(resolve, 5));
        await storage.executor.command(
          "INSERT INTO storage_settings (name, value) VALUES ('trace_index_recent_since', '0')",
        );
      }
    });
  });
}
