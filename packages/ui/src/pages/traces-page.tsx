import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useFacets, useTraceSearch } from '../api/queries.ts';
import { QueryState } from '../components/query-state.tsx';
import { TraceFilterBar } from '../components/trace-filter-bar.tsx';
import { TracesTable } from '../components/traces-table.tsx';
import { useLiveArrivals } from '../hooks/use-live-arrivals.ts';
import { mergeArrivals } from '../state/live-traces.ts';
import {
  activeFilterCount,
  apiQueryOf,
  filtersFromParams,
  paramsFromFilters,
  type TraceFilterState,
} from '../state/trace-filters.ts';

const PAGE_SIZE = 50;

export function TracesPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const paramsKey = searchParams.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: paramsKey stands for searchParams
  const state = useMemo(() => filtersFromParams(searchParams), [paramsKey]);
  const query = useMemo(() => apiQueryOf(state), [state]);
  // Older pages: a stack of cursors, reset whenever the filters change.
  const [cursors, setCursors] = useState<string[]>([]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on any filter change
  useEffect(() => setCursors([]), [paramsKey]);
  const cursor = cursors.at(-1);
  const live = state.live && cursor === undefined;
  // Newest first, live mode only asks for what arrived since the newest trace seen; other orders
  // read the page again.
  const incremental = live && state.sort === 'startTime' && state.order === 'desc';
  const result = useTraceSearch(state.range, query, cursor, live && !incremental);
  const arrivals = useLiveArrivals(state.range, query, result.data, incremental);
  const traces = useMemo(
    () => (result.data === undefined ? [] : mergeArrivals(result.data.traces, arrivals.arrived)),
    [result.data, arrivals.arrived],
  );
  const facets = useFacets(state.range);
  const fresh = useFreshTraces(
    traces.map((trace) => trace.traceId),
    live,
  );

  const update = (next: TraceFilterState) => setSearchParams(paramsFromFilters(next));
  const onSort = (sort: TraceFilterState['sort']) =>
    update({ ...state, sort, order: state.sort === sort && state.order === 'desc' ? 'asc' : 'desc' });

  return (
    <section aria-labelledby="traces-title">
      <div className="page-header">
        <h1 id="traces-title">Traces</h1>
        <label className="live-toggle">
          <input
            type="checkbox"
            checked={state.live}
            onChange={(event) => update({ ...state, live: event.target.checked })}
          />
          Live
          {live && (
            <>
              <span className="live-dot" aria-hidden="true" />
              <span className="visually-hidden">updating every 3 seconds</span>
            </>
          )}
        </label>
      </div>
      <TraceFilterBar state={state} facets={facets.data} onChange={update} />
      {activeFilterCount(state) > 0 && (
        <p className="muted small">
          {activeFilterCount(state)} filter(s) active.{' '}
          <button type="button" className="link-button" onClick={() => update(withoutFilters(state))}>
            Clear filters
          </button>
        </p>
      )}
      <QueryState error={result.error} loading={result.isPending}>
        {result.data && (
          <>
            <TracesTable traces={traces} sort={state.sort} order={state.order} onSort={onSort} fresh={fresh} />
            <nav className="pager" aria-label="Pages">
              <button
                type="button"
                className="button subtle"
                disabled={cursors.length === 0}
                onClick={() => setCursors(cursors.slice(0, -1))}
              >
                ← Previous page
              </button>
              <span className="muted small">
                Page {cursors.length + 1} ·{' '}
                {arrivals.arrived.length > 0
                  ? `${traces.length} traces (${arrivals.arrived.length} new)`
                  : `${traces.length} of at most ${PAGE_SIZE} per page`}
                {result.isFetching ? ' · updating…' : ''}
                {arrivals.error === null ? '' : ` · live updates failed: ${arrivals.error}`}
              </span>
              <button
                type="button"
                className="button subtle"
                disabled={result.data.nextCursor === null}
                onClick={() => result.data.nextCursor && setCursors([...cursors, result.data.nextCursor])}
              >
                Next page →
              </button>
            </nav>
          </>
        )}
      </QueryState>
    </section>
  );
}

/** Ids that appeared after live mode's first page, so new traces stand out as they arrive. */
function useFreshTraces(ids: string[], live: boolean): Set<string> {
  const seen = useRef<Set<string> | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const key = ids.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for ids
  useEffect(() => {
    if (!live) {
      seen.current = null;
      setFresh(new Set());
      return;
    }
    if (seen.current === null) {
      seen.current = new Set(ids);
      return;
    }
    const arrived = ids.filter((id) => !seen.current!.has(id));
    for (const id of arrived) seen.current.add(id);
    if (arrived.length > 0) setFresh((previous) => new Set([...previous, ...arrived]));
  }, [key, live]);
  return fresh;
}

function withoutFilters(state: TraceFilterState): TraceFilterState {
  const { status: _status, ...rest } = state;
  return { ...rest, text: {}, numbers: {} };
}
