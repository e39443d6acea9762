import { z } from 'zod';
import type { QueryParamValue, SqlExecutor } from './sql-executor.ts';
import { rollupConditions } from './ui-rollup-sql.ts';
import type { Facets, TimeRange } from './ui-view-types.ts';

const MAX_VALUES = 500;
const Strings = z.array(z.string());
const FacetRow = z.object({
  services: Strings,
  environments: Strings,
  providers: Strings,
  models: Strings,
  prompt_names: Strings,
  prompt_versions: Strings,
  features: Strings,
});
const ScoreNamesRow = z.object({ names: Strings });

const distinct = (column: string) =>
  `arraySort(arrayFilter(value -> value != '', groupUniqArray(${MAX_VALUES})(toString(${column}))))`;

/** Values seen in the window for the filter pickers, from the rollups. */
export async function readFacets(executor: SqlExecutor, range: TimeRange): Promise<Facets> {
  const params: Record<string, QueryParamValue> = {};
  const where = rollupConditions(range.projectId, range.from, range.to, {}, params).join(' AND ');
  const [facets, scores] = await Promise.all([
    executor.query(
      `SELECT ${distinct('service_name')} AS services, ${distinct('environment')} AS environments,
              ${distinct('provider')} AS providers, ${distinct('model')} AS models,
              ${distinct('prompt_name')} AS prompt_names, ${distinct('prompt_version')} AS prompt_versions,
              ${distinct('feature')} AS features
       FROM llm_metrics_1m WHERE ${where}`,
      params,
      FacetRow,
    ),
    executor.query(`SELECT ${distinct('name')} AS names FROM score_metrics_1m WHERE ${where}`, params, ScoreNamesRow),
  ]);
  const row = facets[0];
  return {
    services: row?.services ?? [],
    environments: row?.environments ?? [],
    providers: row?.providers ?? [],
    models: row?.models ?? [],
    promptNames: row?.prompt_names ?? [],
    promptVersions: row?.prompt_versions ?? [],
    features: row?.features ?? [],
    scoreNames: scores[0]?.names ?? [],
  };
}
