import { describe, expect, it } from 'vitest';
import { resolveRange } from './time-range.ts';
import { apiQueryOf, filtersFromParams, paramsFromFilters } from './trace-filters.ts';

describe('trace filters in the URL', () => {
  it('round-trips every kind of filter through the query string', () => {
    const params = new URLSearchParams(
      'range=7d&model=gpt-4o&userId=u%201&minCostUsd=0.01&maxDurationMs=2000&status=error&sort=costUsd&order=asc&live=1&search=%3Cscript%3E',
    );
    const state = filtersFromParams(params);
    expect(state).toMatchObject({
      range: { preset: '7d' },
      text: { model: 'gpt-4o', userId: 'u 1', search: '<script>' },
      numbers: { minCostUsd: 0.01, maxDurationMs: 2000 },
      status: 'error',
      sort: 'costUsd',
      order: 'asc',
      live: true,
    });
    expect(filtersFromParams(paramsFromFilters(state))).toEqual(state);
  });

  it('ignores unknown values and keeps a custom window', () => {
    const state = filtersFromParams(
      new URLSearchParams(
        'from=2026-01-01T00:00:00.000Z&to=2026-01-02T00:00:00.000Z&sort=colour&minCostUsd=abc&status=maybe',
      ),
    );
    expect(state.range).toEqual({ from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z' });
    expect(state.sort).toBe('startTime');
    expect(state.numbers).toEqual({});
    expect(state.status).toBeUndefined();
  });

  it('drops score bounds without a score name from the API query', () => {
    const query = apiQueryOf(filtersFromParams(new URLSearchParams('minScore=0.5')));
    expect(query.minScore).toBeUndefined();
  });

  it('resolves presets relative to now', () => {
    const now = Date.parse('2026-05-01T12:00:00Z');
    expect(resolveRange({ preset: '1h' }, now)).toEqual({
      from: '2026-05-01T11:00:00.000Z',
      to: '2026-05-01T12:00:00.000Z',
    });
  });
});
