import { jsonEscapedSearchText } from './read-values.ts';
import type { QueryParamValue } from './sql-executor.ts';

/**
 * The trace-level text search: traces with a span whose input or output, or a GenAI log record
 * whose body, contains `search` (case-insensitive, in the stored JSON text), within `window(column)`
 * over spans' start_time and log records' time. Sets the {search:String} parameter.
 */
export function textSearchCondition(
  search: string,
  params: Record<string, QueryParamValue>,
  window: (column: string) => string,
): string {
  params.search = jsonEscapedSearchText(search);
  return `(trace_id IN (
        SELECT trace_id FROM spans
        WHERE project_id = {projectId:String} AND ${window('start_time')}
          AND (positionCaseInsensitiveUTF8(input, {search:String}) > 0 OR positionCaseInsensitiveUTF8(output, {search:String}) > 0))
      OR trace_id IN (
        SELECT trace_id FROM span_log_events
        WHERE project_id = {projectId:String} AND ${window('time')}
          AND positionCaseInsensitiveUTF8(body, {search:String}) > 0))`;
}
