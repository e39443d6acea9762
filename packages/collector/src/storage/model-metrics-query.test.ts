import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Storage } from './span-store.ts';
import { executorVariants, openTestStorage, uniqueProjectId } from './test-support/executors.ts';
import { buildLlmSpan } from './test-support/span-builder.ts';

const HOUR_US = 3_600_000_000;
const MINUTE_US = 60_000_000;

/** The start of the hour `hoursAgo` hours before the current one, in µs. */
function hourStartUs(hoursAgo: number): number {
  const hourUs = Math.floor((Date.now() * 1000) / HOUR_US) * HOUR_US;
  return hourUs - hoursAgo * HOUR_US;
}

for (const variant of executorVariants()) {
  describe(`metricsByModel over whole and partial hours on ${variant.name}`, () => {
    let storage: Storage;
    const projectId = uniqueProjectId('hours');
    // Calls 5 h ago … now; the window below starts at minute 20 of the hour 4 h ago.
    const callStartsUs = [
      hourStartUs(5) + 10 * MINUTE_US, // before the window
      hourStartUs(4) + 19 * MINUTE_US + 59_000_000, // the minute before the window
      hourStartUs(4) + 20 * MINUTE_US + 30_000_000, // first (partial) minute of the window
      hourStartUs(4) + 50 * MINUTE_US, // partial first hour
      hourStartUs(3) + 5 * MINUTE_US, // whole hours
      hourStartUs(3) + 55 * MINUTE_US,
      hourStartUs(2) + 30 * MINUTE_US,
      hourStartUs(1) + 1 * MINUTE_US,
      hourStartUs(0) + 1_000_000, // partial last hour
    ];
    const windowFrom = new Date((hourStartUs(4) + 20 * MINUTE_US + 45_000_000) / 1000);
    const windowTo = new Date(Math.max(Date.now(), (hourStartUs(0) + 2_000_000) / 1000) + 1000);

    beforeAll(async () => {
      storage = await openTestStorage(variant);
      await storage.writer.writeSpans(
        callStartsUs.map((startUs, index) =>
          buildLlmSpan({
            projectId,
            startTimeUnixUs: startUs,
            endTimeUnixUs: startUs + 1_000_000 + index * 100_000,
            requestModel: index % 2 === 0 ? 'gpt-4o-mini' : 'claude-sonnet-4',
            responseModel: '',
            provider: index % 2 === 0 ? 'openai' : 'anthropic',
            costUsd: 0.1,
          }),
        ),
      );
    });
    afterAll(async () => {
      await storage.close();
    });

    test('counts every call whose minute is in the window, once, from hourly and minute rollups', async () => {
      const metrics = await storage.traces.metricsByModel({ projectId, from: windowFrom, to: windowTo });
      // Indexes 2..8: even ones are gpt-4o-mini (2, 4, 6, 8), odd ones claude (3, 5, 7).
      expect(metrics.map((row) => [row.model, row.calls, row.inputTokens])).toEqual([
        ['gpt-4o-mini', 4, 4 * 420],
        ['claude-sonnet-4', 3, 3 * 420],
      ]);
      expect(metrics[0]!.costUsd).toBeCloseTo(0.4, 12);
      expect(metrics[0]!.averageLatencyMs).toBeCloseTo((1200 + 1400 + 1600 + 1800) / 4, 6);
      expect(metrics[1]!.latencyMs.p50).toBeGreaterThanOrEqual(1300);
      expect(metrics[1]!.latencyMs.p50).toBeLessThanOrEqual(1700);
    });

    test('a window inside one hour reads minutes only', async () => {
      const from = new Date((hourStartUs(3) + 50 * MINUTE_US) / 1000);
      const to = new Date((hourStartUs(3) + 56 * MINUTE_US) / 1000);
      const metrics = await storage.traces.metricsByModel({ projectId, from, to });
      expect(metrics.map((row) => [row.model, row.calls])).toEqual([['claude-sonnet-4', 1]]);
    });

    test('filters by service apply to both rollups', async () => {
      const metrics = await storage.traces.metricsByModel({
        projectId,
        from: windowFrom,
        to: windowTo,
        service: 'elsewhere',
      });
      expect(metrics).toEqual([]);
    });
  });
}
