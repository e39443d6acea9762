import type { QueryParamValue } from './sql-executor.ts';

/** A rollup table holding several resolutions (seconds, coarsest first) in its `resolution` column. */
export interface TieredRollup {
  table: string;
  resolutions: readonly number[];
}

/** LLM call metrics with every dimension of llm_metrics_1m, in combination (migration 0002). */
export const METRICS_ROLLUP: TieredRollup = { table: 'view_metrics', resolutions: [3600, 600, 60] };

/** LLM call metrics in total and per value of one dimension at a time (migration 0002). */
export const DIMENSION_METRICS_ROLLUP: TieredRollup = {
  table: 'view_dimension_metrics',
  resolutions: [3600, 600, 60],
};

/** Per-user and per-session usage (migration 0002). */
export const USAGE_ROLLUP: TieredRollup = { table: 'view_usage', resolutions: [3600, 60] };

export interface TierSegment {
  resolution: number;
  /** Unix seconds, inclusive. */
  from: number;
  /** Unix seconds, exclusive. */
  to: number;
}

/**
 * Splits [fromSeconds, toSeconds) into ranges each read at the coarsest resolution whose whole
 * periods fit: whole hours at 3600, the partial edges at finer resolutions. The window is first
 * widened to whole periods of the finest resolution (whole minutes). `alignTo` keeps only
 * resolutions that divide it, so every row falls in one chart bucket of that width.
 */
export function tierSegments(
  fromSeconds: number,
  toSeconds: number,
  resolutions: readonly number[],
  alignTo?: number,
): TierSegment[] {
  const usable = resolutions.filter((resolution) => alignTo === undefined || alignTo % resolution === 0);
  const finest = usable.at(-1);
  if (finest === undefined) throw new Error(`no rollup resolution divides ${alignTo} seconds`);
  const from = Math.floor(fromSeconds / finest) * finest;
  const to = Math.ceil(toSeconds / finest) * finest;
  return cover(from, to, usable);
}

function cover(from: number, to: number, resolutions: readonly number[]): TierSegment[] {
  const [resolution, ...finer] = resolutions;
  if (resolution === undefined || from >= to) return [];
  if (finer.length === 0) return [{ resolution, from, to }];
  const start = Math.ceil(from / resolution) * resolution;
  const end = Math.floor(to / resolution) * resolution;
  if (start >= end) return cover(from, to, finer);
  return [...cover(from, start, finer), { resolution, from: start, to: end }, ...cover(end, to, finer)];
}

/**
 * The WHERE condition selecting a window's rows of a tiered rollup (see tierSegments), as one
 * disjunction of key ranges: the engine reads them in one pass. Fills `params` with the bounds.
 */
export function tieredWindowCondition(
  rollup: TieredRollup,
  fromSeconds: number,
  toSeconds: number,
  params: Record<string, QueryParamValue>,
  alignTo?: number,
): string {
  const segments = tierSegments(fromSeconds, toSeconds, rollup.resolutions, alignTo);
  if (segments.length === 0) return '0';
  // Numbered after any segments already in `params`: one query may select several windows.
  let first = 0;
  while (params[`segmentFrom${first}`] !== undefined) first += 1;
  const ranges = segments.map((segment, offset) => {
    const index = first + offset;
    params[`segmentFrom${index}`] = segment.from;
    params[`segmentTo${index}`] = segment.to;
    return `(resolution = ${segment.resolution} AND period >= toDateTime({segmentFrom${index}:UInt32}) AND period < toDateTime({segmentTo${index}:UInt32}))`;
  });
  return `(${ranges.join(' OR ')})`;
}
