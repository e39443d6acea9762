import type { ZodType } from 'zod';

/** A query parameter value, bound server-side to a `{name:Type}` placeholder. Never interpolated into SQL. */
export type QueryParamValue = string | number | boolean | null | readonly QueryParamValue[];
export type QueryParams = Readonly<Record<string, QueryParamValue>>;

/** Runs Sightline's one SQL dialect on an engine: embedded chDB or a ClickHouse server. */
export interface SqlExecutor {
  /** Which engine runs the SQL (for logs and metrics). */
  readonly kind: 'chdb' | 'server';
  /** Runs a SELECT in JSONEachRow and validates every row with `schema`. */
  query<T>(sql: string, params: QueryParams, schema: ZodType<T>): Promise<T[]>;
  /** Runs a statement that returns no rows (DDL, ALTER, INSERT ... SELECT). */
  command(sql: string, params?: QueryParams): Promise<void>;
  /** Inserts JSONEachRow lines as they are (the engine parses them; no row objects are built in JS). */
  insertJsonEachRow(table: string, rows: Buffer, columns?: readonly string[]): Promise<void>;
  /** The engine's `version()`, e.g. "26.7.2.1". */
  serverVersion(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Settings of every insert: the materialized views (trace_index, trace_roots, rollups, UI views)
 * run side by side instead of one after another, which uses the second core (6,400-row inserts of
 * LLM spans: median 6.8 → 7.6 k rows/s, slowest 3.9 → 6.4 k, load 2–3).
 */
export const INSERT_SETTINGS = { parallel_view_processing: 1 } as const;

/** A query's rows did not match the expected shape: a schema/code mismatch, not bad user input. */
export class RowValidationError extends Error {
  override readonly name = 'RowValidationError';
}

/** Parses JSONEachRow text and validates each row. */
export function parseJsonEachRow<T>(text: string, schema: ZodType<T>, sql: string): T[] {
  const rows: T[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end > start) {
      const parsed = schema.safeParse(JSON.parse(text.slice(start, end)));
      if (!parsed.success) {
        throw new RowValidationError(
          `row ${rows.length} of query did not match its schema: ${parsed.error.message}\nquery: ${sql.slice(0, 200)}`,
        );
      }
      rows.push(parsed.data);
    }
    start = end + 1;
  }
  return rows;
}

/** Table and column names come from code, never from users; this guards against a slip anyway. */
export function assertIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(name)) {
    throw new Error(`not a plain SQL identifier: ${JSON.stringify(name)}`);
  }
  return name;
}
