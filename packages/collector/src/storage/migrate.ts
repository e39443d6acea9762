import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { SqlExecutor } from './sql-executor.ts';

export const MIGRATIONS_DIR = join(import.meta.dirname, 'migrations');

/** Tables whose rows expire after the configured retention, with the column their TTL is based on. */
const RETENTION_TABLES: readonly { table: string; timeColumn: string }[] = [
  { table: 'spans', timeColumn: 'start_time' },
  { table: 'trace_index', timeColumn: 'start_time' },
  { table: 'trace_roots', timeColumn: 'start_time' },
  { table: 'span_log_events', timeColumn: 'time' },
  { table: 'view_usage', timeColumn: 'period' },
];

export interface MigrateOptions {
  /** Days spans, trace index rows and log events are kept. */
  retentionDays: number;
  /** Folder of `NNNN_name.sql` files. Default: this module's migrations/. */
  migrationsDir?: string;
}

export interface MigrationResult {
  /** Versions applied by this run, in order. */
  applied: number[];
  /** True when the retention TTL was (re)written by this run. */
  retentionChanged: boolean;
}

interface MigrationFile {
  version: number;
  name: string;
  sql: string;
}

const AppliedRow = z.object({ version: z.coerce.number() });
const SettingRow = z.object({ value: z.string() });

/**
 * Applies each migration file once, in version order, recording it in `schema_migrations`, then
 * sets the retention TTL when it differs from the one recorded. Statements use IF NOT EXISTS, so a
 * run interrupted half-way is safe to repeat. One migrator at a time per database.
 */
export async function migrate(executor: SqlExecutor, options: MigrateOptions): Promise<MigrationResult> {
  const retentionDays = validRetentionDays(options.retentionDays);
  await executor.command(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, checksum String,
      applied_at DateTime64(3) DEFAULT now64(3)) ENGINE = ReplacingMergeTree(applied_at) ORDER BY version`,
  );
  await executor.command(
    `CREATE TABLE IF NOT EXISTS storage_settings (name String, value String,
      updated_at DateTime64(3) DEFAULT now64(3)) ENGINE = ReplacingMergeTree(updated_at) ORDER BY name`,
  );
  const done = new Set(
    (await executor.query('SELECT DISTINCT version FROM schema_migrations', {}, AppliedRow)).map((row) => row.version),
  );
  const applied: number[] = [];
  for (const migration of await readMigrations(options.migrationsDir ?? MIGRATIONS_DIR)) {
    if (done.has(migration.version)) continue;
    for (const statement of splitStatements(migration.sql)) await executor.command(statement);
    await executor.command(
      'INSERT INTO schema_migrations (version, name, checksum) VALUES ({version:UInt32}, {name:String}, {checksum:String})',
      {
        version: migration.version,
        name: migration.name,
        checksum: createHash('sha256').update(migration.sql).digest('hex'),
      },
    );
    applied.push(migration.version);
  }
  // A migration may add a table whose TTL still holds its placeholder: rewrite every TTL then.
  const retentionChanged = await applyRetention(executor, retentionDays, applied.length > 0);
  return { applied, retentionChanged };
}

/** A value recorded in storage_settings (its latest), or undefined when none was. */
export async function readStorageSetting(executor: SqlExecutor, name: string): Promise<string | undefined> {
  const rows = await executor.query(
    `SELECT argMax(value, updated_at) AS value FROM storage_settings WHERE name = {name:String} GROUP BY name`,
    { name },
    SettingRow,
  );
  return rows[0]?.value;
}

async function applyRetention(executor: SqlExecutor, retentionDays: number, force: boolean): Promise<boolean> {
  if (!force && (await readStorageSetting(executor, 'retention_days')) === String(retentionDays)) return false;
  for (const { table, timeColumn } of RETENTION_TABLES) {
    // TTL clauses take no query parameters; the day count is a validated integer from config.
    await executor.command(
      `ALTER TABLE ${table} MODIFY TTL toDateTime(${timeColumn}) + toIntervalDay(${retentionDays})`,
    );
  }
  await executor.command(`INSERT INTO storage_settings (name, value) VALUES ('retention_days', {value:String})`, {
    value: String(retentionDays),
  });
  return true;
}

function validRetentionDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > 36_500) {
    throw new Error(`retention days must be a whole number from 1 to 36500, got ${days}`);
  }
  return days;
}

async function readMigrations(directory: string): Promise<MigrationFile[]> {
  const files = (await readdir(directory)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: MigrationFile[] = [];
  for (const file of files) {
    const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
    if (!match?.[1] || !match[2]) throw new Error(`migration file name must look like 0001_name.sql: ${file}`);
    const version = Number(match[1]);
    if (migrations.some((migration) => migration.version === version)) {
      throw new Error(`two migration files share version ${version}`);
    }
    migrations.push({ version, name: match[2], sql: await readFile(join(directory, file), 'utf8') });
  }
  return migrations;
}

/** Splits a migration on semicolons that end a line, dropping `--` comment lines. */
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;[ \t]*\r?\n|;[ \t]*$/)
    .map((statement) =>
      statement
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter((statement) => statement !== '');
}
