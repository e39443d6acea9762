import { DEFAULT_RANGE, rangeFromParams, type TimeRange, writeRange } from './time-range.ts';

export const TEXT_FILTERS = [
  'service',
  'environment',
  'model',
  'provider',
  'userId',
  'sessionId',
  'promptName',
  'promptVersion',
  'feature',
  'scoreName',
  'search',
] as const;
export const NUMBER_FILTERS = [
  'minCostUsd',
  'maxCostUsd',
  'minDurationMs',
  'maxDurationMs',
  'minScore',
  'maxScore',
] as const;
export const SORT_KEYS = ['startTime', 'durationMs', 'costUsd', 'totalTokens'] as const;

export type TextFilter = (typeof TEXT_FILTERS)[number];
export type NumberFilter = (typeof NUMBER_FILTERS)[number];
export type SortKey = (typeof SORT_KEYS)[number];

/** Everything that selects the traces table, as kept in the URL so a view can be shared. */
export interface TraceFilterState {
  range: TimeRange;
  text: Partial<Record<TextFilter, string>>;
  numbers: Partial<Record<NumberFilter, number>>;
  status?: 'ok' | 'error';
  sort: SortKey;
  order: 'asc' | 'desc';
  live: boolean;
}

export const EMPTY_FILTERS: TraceFilterState = {
  range: DEFAULT_RANGE,
  text: {},
  numbers: {},
  sort: 'startTime',
  order: 'desc',
  live: false,
};

export function filtersFromParams(params: URLSearchParams): TraceFilterState {
  const state: TraceFilterState = { ...EMPTY_FILTERS, range: rangeFromParams(params), text: {}, numbers: {} };
  for (const key of TEXT_FILTERS) {
    const value = params.get(key);
    if (value !== null && value.trim() !== '') state.text[key] = value;
  }
  for (const key of NUMBER_FILTERS) {
    const value = params.get(key);
    if (value === null || value.trim() === '') continue;
    const number = Number(value);
    if (Number.isFinite(number)) state.numbers[key] = number;
  }
  const status = params.get('status');
  if (status === 'ok' || status === 'error') state.status = status;
  const sort = params.get('sort');
  if ((SORT_KEYS as readonly string[]).includes(sort ?? '')) state.sort = sort as SortKey;
  if (params.get('order') === 'asc') state.order = 'asc';
  state.live = params.get('live') === '1';
  return state;
}

export function paramsFromFilters(state: TraceFilterState): URLSearchParams {
  const params = new URLSearchParams();
  writeRange(params, state.range);
  for (const key of TEXT_FILTERS) {
    const value = state.text[key];
    if (value !== undefined && value !== '') params.set(key, value);
  }
  for (const key of NUMBER_FILTERS) {
    const value = state.numbers[key];
    if (value !== undefined) params.set(key, String(value));
  }
  if (state.status) params.set('status', state.status);
  if (state.sort !== 'startTime') params.set('sort', state.sort);
  if (state.order !== 'desc') params.set('order', state.order);
  if (state.live) params.set('live', '1');
  return params;
}

/** The API query for a filter state (the window resolved by the caller). */
export function apiQueryOf(state: TraceFilterState): Record<string, string | number | undefined> {
  const query: Record<string, string | number | undefined> = {
    sort: state.sort,
    order: state.order,
    status: state.status,
  };
  for (const key of TEXT_FILTERS) query[key] = state.text[key];
  for (const key of NUMBER_FILTERS) query[key] = state.numbers[key];
  // Score bounds need a score name; without one they would be refused.
  if (query.scoreName === undefined) {
    query.minScore = undefined;
    query.maxScore = undefined;
  }
  return query;
}

export function activeFilterCount(state: TraceFilterState): number {
  return Object.keys(state.text).length + Object.keys(state.numbers).length + (state.status ? 1 : 0);
}
