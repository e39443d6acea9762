import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type ClickHouseClient, createClient } from '@clickhouse/client';
import type { ZodType } from 'zod';
import {
  assertIdentifier,
  INSERT_SETTINGS,
  parseJsonEachRow,
  type QueryParams,
  type SqlExecutor,
} from './sql-executor.ts';

export interface ClickHouseServerOptions {
  url: string;
  username?: string;
  password?: string;
  /** Database holding Sightline's tables; created when missing. Default `default`. */
  database?: string;
  /** Per-request timeout. Default 60 s (migrations on a big table can take a while). */
  requestTimeoutMs?: number;
}

// Every request: wait for the whole INSERT (materialized views included) before answering, so
// "resolved" means stored; no client-side async-insert buffer (we group-commit ourselves).
export const CLICKHOUSE_SETTINGS = {
  async_insert: 0,
  wait_end_of_query: 1,
  date_time_input_format: 'basic',
  output_format_json_quote_64bit_integers: 0,
  output_format_json_quote_decimals: 0,
  input_format_skip_unknown_fields: 0,
} as const;

/** Runs SQL on a ClickHouse server over HTTP with server-side query parameter binding. */
export class ClickHouseServerExecutor implements SqlExecutor {
  readonly kind = 'server' as const;
  readonly #client: ClickHouseClient;

  /** `client` replaces the HTTP client built from `options` (tests run this executor over chdb/connection). */
  constructor(options: ClickHouseServerOptions, client?: ClickHouseClient) {
    this.#client = client ?? createServerClient(options, options.database ?? 'default');
  }

  async query<T>(sql: string, params: QueryParams, schema: ZodType<T>): Promise<T[]> {
    const result = await this.#client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return parseJsonEachRow(await result.text(), schema, sql);
  }

  async command(sql: string, params: QueryParams = {}): Promise<void> {
    await this.#client.command({ query: sql, query_params: params });
  }

  async insertJsonEachRow(table: string, rows: Buffer, columns?: readonly string[]): Promise<void> {
    if (rows.length === 0) return;
    const columnList = columns === undefined ? '' : ` (${columns.map(assertIdentifier).join(', ')})`;
    // exec sends the bytes as they are; client.insert() would want row objects for JSON formats.
    const result = await this.#client.exec({
      query: `INSERT INTO ${assertIdentifier(table)}${columnList} FORMAT JSONEachRow`,
      values: Readable.from([rows]),
      clickhouse_settings: INSERT_SETTINGS,
    });
    result.stream.resume();
    await finished(result.stream);
  }

  async serverVersion(): Promise<string> {
    const result = await this.#client.query({ query: 'SELECT version() AS version', format: 'JSONEachRow' });
    const rows = await result.json<{ version: string }>();
    return rows[0]?.version ?? '';
  }

  async close(): Promise<void> {
    await this.#client.close();
  }
}

function createServerClient(options: ClickHouseServerOptions, database: string): ClickHouseClient {
  return createClient({
    url: options.url,
    username: options.username ?? 'default',
    password: options.password ?? '',
    database,
    application: 'sightline-collector',
    request_timeout: options.requestTimeoutMs ?? 60_000,
    max_open_connections: 10,
    // Large IN-lists (the span writer's existence check) go in a multipart body, not the URL.
    use_multipart_params_auto: true,
    clickhouse_settings: CLICKHOUSE_SETTINGS,
  });
}

/** Creates the configured database when it does not exist (through a client bound to `default`). */
export async function ensureServerDatabase(options: ClickHouseServerOptions): Promise<void> {
  const database = options.database ?? 'default';
  if (database === 'default') return;
  const client = createServerClient(options, 'default');
  try {
    // A database name is configuration, not a value: it is checked to be a plain identifier.
    await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${assertIdentifier(database)}` });
  } finally {
    await client.close();
  }
}
