import { ChdbExecutor } from './chdb-executor.ts';
import { checkServerVersion } from './check-server-version.ts';
import { ClickHouseServerExecutor, ensureServerDatabase } from './clickhouse-server-executor.ts';
import type { SqlExecutor } from './sql-executor.ts';

export type StorageEngineConfig =
  | { kind: 'chdb'; dataDir: string }
  | { kind: 'server'; url: string; username?: string; password?: string; database?: string };

/**
 * Opens the configured engine. Server mode first refuses a ClickHouse older than the minimum
 * (a clean error naming both versions), then creates the database when it is missing.
 */
export async function createExecutor(config: StorageEngineConfig): Promise<SqlExecutor> {
  if (config.kind === 'chdb') return new ChdbExecutor({ dataDir: config.dataDir });
  const credentials = {
    ...(config.username === undefined ? {} : { username: config.username }),
    ...(config.password === undefined ? {} : { password: config.password }),
  };
  await checkServerVersion({ url: config.url, ...credentials });
  const options = {
    url: config.url,
    ...credentials,
    ...(config.database === undefined ? {} : { database: config.database }),
  };
  await ensureServerDatabase(options);
  return new ClickHouseServerExecutor(options);
}
