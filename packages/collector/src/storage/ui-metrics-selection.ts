import type { QueryParamValue } from './sql-executor.ts';
import { BUCKET_EXPRESSION, DIMENSION_COLUMNS } from './ui-rollup-sql.ts';
import { DIMENSION_METRICS_ROLLUP, METRICS_ROLLUP, tieredWindowCondition } from './ui-rollup-tiers.ts';
import type { BreakdownDimension, RollupFilters } from './ui-view-types.ts';

/** view_metrics column of each filter (code-defined, never user text). */
const FILTER_COLUMNS: Record<keyof RollupFilters, string> = {
  environment: 'environment',
  service: 'service_name',
  provider: 'provider',
  model: 'model',
  promptName: 'prompt_name',
  promptVersion: 'prompt_version',
  feature: 'feature',
};

/** view_dimension_metrics' dimension of each filter or breakdown that has its own rows. */
const SINGLE_DIMENSIONS: Partial<Record<keyof RollupFilters, string>> = {
  environment: 'environment',
  service: 'service',
  provider: 'provider',
  model: 'model',
  feature: 'feature',
};

/** Where a metrics query reads: a table, its WHERE clause and the SQL of the breakdown key. */
export interface MetricsSelection {
  table: string;
  where: string;
  /** The breakdown's key over `table` (a String), when there is a breakdown. */
  key: string | undefined;
}

/**
 * Metrics of a breakdown's keys, per key and per (chart bucket, key), in one read: each group's
 * rollup rows are merged once (inner GROUP BY), then grouped again by grouping sets; `per_bucket`
 * is 0 on a key's whole-window row. `stateColumns` and `metricColumns` are a matching pair from
 * ui-rollup-sql.ts. Needs `{bucketSeconds:UInt32}` in the params.
 */
export function keyedMetricsSql(
  selection: MetricsSelection,
  keyAs: string,
  stateColumns: string,
  metricColumns: string,
): string {
  if (selection.key === undefined) throw new Error('a keyed metrics read needs a breakdown');
  return `SELECT bucket, key AS ${keyAs}, 1 - grouping(bucket) AS per_bucket, ${metricColumns}
     FROM (
       SELECT ${BUCKET_EXPRESSION} AS bucket, ${selection.key} AS key, ${stateColumns}
       FROM ${selection.table} WHERE ${selection.where}
       GROUP BY bucket, key)
     GROUP BY GROUPING SETS ((key), (bucket, key))`;
}

/**
 * Chooses the rows a metrics query reads for a window, filters and breakdown. Without filters, or
 * with one filter or breakdown (or a prompt name with its versions), view_dimension_metrics holds
 * the answer in a handful of rows per period; other combinations read view_metrics, where every
 * combination of dimensions is a row. Either way whole hours are read at resolution 3600 and the
 * edges finer (only resolutions dividing `alignTo`, a chart bucket width, when given). Fills `params`.
 */
export function selectMetrics(
  projectId: string,
  from: Date,
  to: Date,
  filters: RollupFilters,
  breakdown: BreakdownDimension,
  params: Record<string, QueryParamValue>,
  alignTo?: number,
): MetricsSelection {
  params.projectId = projectId;
  const fromSeconds = Math.floor(from.getTime() / 1000);
  const toSeconds = Math.ceil(to.getTime() / 1000);
  const used = (Object.keys(FILTER_COLUMNS) as (keyof RollupFilters)[]).filter((key) => filters[key] !== undefined);
  const sliced = dimensionSlice(filters, used, breakdown);
  if (sliced !== undefined) {
    const conditions = [
      'project_id = {projectId:String}',
      // The dimension is a code-defined name, never user text.
      `dimension = '${sliced.dimension}'`,
      tieredWindowCondition(DIMENSION_METRICS_ROLLUP, fromSeconds, toSeconds, params, alignTo),
    ];
    if (sliced.value !== undefined) {
      params.sliceValue = sliced.value;
      conditions.push('value = {sliceValue:String}');
    }
    if (sliced.version !== undefined) {
      params.sliceVersion = sliced.version;
      conditions.push('version = {sliceVersion:String}');
    }
    return { table: DIMENSION_METRICS_ROLLUP.table, where: conditions.join(' AND '), key: sliced.key };
  }
  const conditions = [
    'project_id = {projectId:String}',
    tieredWindowCondition(METRICS_ROLLUP, fromSeconds, toSeconds, params, alignTo),
  ];
  for (const key of used) {
    params[`filter_${key}`] = filters[key]!;
    conditions.push(`${FILTER_COLUMNS[key]} = {filter_${key}:String}`);
  }
  return {
    table: METRICS_ROLLUP.table,
    where: conditions.join(' AND '),
    key: breakdown === 'none' ? undefined : `toString(${DIMENSION_COLUMNS[breakdown]})`,
  };
}

interface Slice {
  dimension: string;
  value?: string;
  version?: string;
  key: string | undefined;
}

/** The view_dimension_metrics rows that answer these filters and breakdown, if any do. */
function dimensionSlice(
  filters: RollupFilters,
  used: readonly (keyof RollupFilters)[],
  breakdown: BreakdownDimension,
): Slice | undefined {
  const breakdownKey = (dimension: BreakdownDimension) => (dimension === 'none' ? undefined : 'value');
  if (used.length === 0) {
    if (breakdown === 'none') return { dimension: 'all', key: undefined };
    if (breakdown === 'promptName') return { dimension: 'prompt', key: 'value' };
    if (breakdown === 'promptVersion') return { dimension: 'prompt', key: 'version' };
    return { dimension: SINGLE_DIMENSIONS[breakdown]!, key: 'value' };
  }
  const [only] = used;
  const single = only === undefined ? undefined : SINGLE_DIMENSIONS[only];
  if (used.length === 1 && single !== undefined && (breakdown === 'none' || breakdown === only)) {
    return { dimension: single, value: filters[only!]!, key: breakdownKey(breakdown) };
  }
  const promptOnly = used.every((key) => key === 'promptName' || key === 'promptVersion');
  const promptBreakdown = breakdown === 'none' || breakdown === 'promptName' || breakdown === 'promptVersion';
  if (promptOnly && filters.promptName !== undefined && promptBreakdown) {
    return {
      dimension: 'prompt',
      value: filters.promptName,
      ...(filters.promptVersion === undefined ? {} : { version: filters.promptVersion }),
      key: breakdown === 'none' ? undefined : breakdown === 'promptName' ? 'value' : 'version',
    };
  }
  return undefined;
}
