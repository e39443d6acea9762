import { z } from 'zod';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';
import { minuteWindowConditions } from './ui-rollup-sql.ts';
import { DIMENSION_METRICS_ROLLUP, tieredWindowCondition } from './ui-rollup-tiers.ts';
import type { Facets, TimeRange } from './ui-view-types.ts';

const MAX_VALUES = 500;
const Strings = z.array(z.string());
const FacetRow = z.object({ dimension: z.string(), values: Strings, versions: Strings });
const ScoreNamesRow = z.object({ names: Strings });

const distinct = (column: string) =>
  `arraySort(arrayFilter(item -> item != '', groupUniqArray(${MAX_VALUES})(toString(${column}))))`;

/** Values seen in the window for the filter pickers: view_dimension_metrics' values per dimension, score names. */
export async function readFacets(executor: SqlExecutor, range: TimeRange): Promise<Facets> {
  const params: Record<string, QueryParamValue> = { projectId: range.projectId };
  const window = tieredWindowCondition(
    DIMENSION_METRICS_ROLLUP,
    Math.floor(range.from.getTime() / 1000),
    Math.ceil(range.to.getTime() / 1000),
    params,
  );
  const scoreParams: Record<string, QueryParamValue> = {};
  const scoreWhere = minuteWindowConditions(range.projectId, range.from, range.to, scoreParams).join(' AND ');
  const [rows, scores] = await Promise.all([
    executor.query(
      `SELECT toString(dimension) AS dimension, ${distinct('value')} AS values, ${distinct('version')} AS versions
       FROM ${DIMENSION_METRICS_ROLLUP.table}
       WHERE project_id = {projectId:String}
         AND dimension IN ('environment', 'service', 'provider', 'model', 'feature', 'prompt') AND ${window}
       GROUP BY dimension`,
      params,
      FacetRow,
    ),
    executor.query(
      `SELECT ${distinct('name')} AS names FROM score_metrics_1m WHERE ${scoreWhere}`,
      scoreParams,
      ScoreNamesRow,
    ),
  ]);
  const of = (dimension: string) => rows.find((row) => row.dimension === dimension);
  return {
    services: of('service')?.values ?? [],
    environments: of('environment')?.values ?? [],
    providers: of('provider')?.values ?? [],
    models: of('model')?.values ?? [],
    promptNames: of('prompt')?.values ?? [],
    promptVersions: of('prompt')?.versions ?? [],
    features: of('feature')?.values ?? [],
    scoreNames: scores[0]?.names ?? [],
  };
}
