import type { Browser } from 'playwright-core';

export interface TraceDetailTiming {
  /** Milliseconds from navigation until the tree answers a key press, one per run. */
  times: number[];
  /** Where the last run spent its time (ms since navigation start). */
  lastPhases: Record<string, number>;
}

/**
 * Opens a trace's detail view `runs` times, each in a fresh browser context (no warm HTTP cache),
 * and times it until the span tree is drawn and a key press selects a row. Throws when the tree
 * renders more rows than fit on screen (virtualisation broken).
 */
export async function timeTraceDetail(
  browser: Browser,
  url: string,
  traceId: string,
  runs: number,
): Promise<TraceDetailTiming> {
  const times: number[] = [];
  let lastPhases: Record<string, number> = {};
  for (let run = 0; run < runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const started = performance.now();
    await page.goto(`${url}/traces/${traceId}`);
    const tree = page.getByRole('tree', { name: 'Span tree and timeline' });
    await tree.waitFor();
    await tree.focus();
    await page.keyboard.press('Home');
    await page.locator('[role="treeitem"][aria-selected="true"]').waitFor();
    times.push(performance.now() - started);
    lastPhases = await page.evaluate(() => {
      const outline = performance.getEntriesByType('resource').find((entry) => entry.name.includes('/outline')) as
        | PerformanceResourceTiming
        | undefined;
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return {
        domContentLoaded: Math.round(navigation?.domContentLoadedEventEnd ?? 0),
        outlineRequested: Math.round(outline?.startTime ?? 0),
        outlineReceived: Math.round(outline?.responseEnd ?? 0),
        interactive: Math.round(performance.now()),
      };
    });
    const rendered = await page.getByRole('treeitem').count();
    if (rendered > 200) throw new Error(`the tree rendered ${rendered} rows: virtualisation is not working`);
    await context.close();
  }
  return { times, lastPhases };
}
