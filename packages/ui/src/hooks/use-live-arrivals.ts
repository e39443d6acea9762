import { useEffect, useState } from 'react';
import { apiFetch, queryString } from '../api/client.ts';
import type { TraceRow, TraceSearchPage } from '../api/types.ts';
import { arrivedAfterOf, laterArrival, MAX_LIVE_ROWS, mergeArrivals } from '../state/live-traces.ts';
import { resolveRange, type TimeRange } from '../state/time-range.ts';

const POLL_MS = 3_000;

/**
 * Live mode on the newest-first traces page: every 3 s asks only for the traces whose root was
 * stored since the newest one seen (`arrivedAfter`), instead of reading the whole page again, and
 * returns them, newest first. Starts over whenever the page it extends (`base`) changes.
 */
export function useLiveArrivals(
  range: TimeRange,
  query: Record<string, string | number | undefined>,
  base: TraceSearchPage | undefined,
  enabled: boolean,
): { arrived: TraceRow[]; error: string | null } {
  const [arrived, setArrived] = useState<TraceRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const queryKey = JSON.stringify(query);
  // biome-ignore lint/correctness/useExhaustiveDependencies: queryKey stands for query; range is part of base's identity
  useEffect(() => {
    setArrived([]);
    setError(null);
    if (!enabled || base === undefined) return;
    let newestArrival = base.newestArrival;
    let stopped = false;
    let polling = false;
    const poll = async () => {
      if (polling) return;
      polling = true;
      try {
        const page = await apiFetch<TraceSearchPage>(
          `/api/trace-search${queryString({
            ...resolveRange(range),
            ...query,
            limit: 200,
            arrivedAfter: arrivedAfterOf(newestArrival),
          })}`,
        );
        if (stopped) return;
        newestArrival = laterArrival(newestArrival, page.newestArrival);
        if (page.traces.length > 0) setArrived((previous) => mergeArrivals(previous, page.traces, MAX_LIVE_ROWS));
        setError(null);
      } catch (caught) {
        if (!stopped) setError(caught instanceof Error ? caught.message : String(caught));
      } finally {
        polling = false;
      }
    };
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [enabled, base, queryKey]);
  return { arrived, error };
}
