import { Session } from 'chdb';
import type { ZodType } from 'zod';
import {
  assertIdentifier,
  INSERT_SETTINGS,
  parseJsonEachRow,
  type QueryParams,
  type SqlExecutor,
} from './sql-executor.ts';

export interface ChdbExecutorOptions {
  /** The engine's data directory. chDB allows one per process: every storage in a process must share it. */
  dataDir: string;
}

/** Runs SQL on embedded chDB through its async (libuv thread pool) APIs only: the event loop never waits on the engine. */
export class ChdbExecutor implements SqlExecutor {
  readonly kind = 'chdb' as const;
  readonly #session: Session;

  constructor(options: ChdbExecutorOptions) {
    try {
      this.#session = new Session(options.dataDir);
    } catch (error) {
      throw new Error(
        `cannot open the embedded ClickHouse (chDB) data directory ${options.dataDir}: ${errorMessage(error)}. ` +
          'chDB allows one data directory per process; use the same directory everywhere in this process or a ClickHouse server.',
        { cause: error },
      );
    }
  }

  async query<T>(sql: string, params: QueryParams, schema: ZodType<T>): Promise<T[]> {
    const result = await this.#session.queryBindAsync(sql, params, { format: 'JSONEachRow' });
    return parseJsonEachRow(result.text(), schema, sql);
  }

  async command(sql: string, params: QueryParams = {}): Promise<void> {
    await this.#session.queryBindAsync(sql, params);
  }

  async insertJsonEachRow(table: string, rows: Buffer, columns?: readonly string[]): Promise<void> {
    if (rows.length === 0) return;
    await this.#session.insert({
      table: assertIdentifier(table),
      values: rows,
      format: 'JSONEachRow',
      settings: INSERT_SETTINGS,
      ...(columns === undefined ? {} : { columns: columns.map(assertIdentifier) }),
    });
  }

  async serverVersion(): Promise<string> {
    const result = await this.#session.queryAsync('SELECT version()', { format: 'TSVRaw' });
    return result.text().trim();
  }

  async close(): Promise<void> {
    this.#session.close();
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
