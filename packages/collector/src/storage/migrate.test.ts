import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { MIGRATIONS_DIR, migrate, splitStatements } from './migrate.ts';
import type { SqlExecutor } from './sql-executor.ts';
import { executorVariants } from './test-support/executors.ts';

const VersionRow = z.object({ version: z.coerce.number(), name: z.string() });
const TtlRow = z.object({ create_table_query: z.string() });

for (const [variantIndex, variant] of executorVariants().entries()) {
  describe(`migrations on ${variant.name}`, () => {
    let executor: SqlExecutor;

    beforeAll(async () => {
      executor = await variant.executor();
    });

    test('apply each file once, in order, and are idempotent', async () => {
      const first = await migrate(executor, { retentionDays: 30 });
      const second = await migrate(executor, { retentionDays: 30 });
      expect(second).toEqual({ applied: [], retentionChanged: false });
      expect(first.applied.length === 0 || first.applied[0] === 1).toBe(true);
      const rows = await executor.query(
        'SELECT version, name FROM schema_migrations FINAL WHERE version < 9000 ORDER BY version',
        {},
        VersionRow,
      );
      const files = readdirSync(MIGRATIONS_DIR)
        .filter((file) => file.endsWith('.sql'))
        .sort()
        .map((file) => ({ version: Number(file.slice(0, 4)), name: file.slice(5, -4) }));
      expect(files[0]).toEqual({ version: 1, name: 'initial' });
      expect(rows).toEqual(files);
    });

    test('apply a folder of migrations in version order, each once', async () => {
      const directory = mkdtempSync(join(tmpdir(), 'sightline-migrations-'));
      const table = `ordering_${Math.random().toString(36).slice(2, 8)}`;
      // Written newest first: the second needs the first's table, so only version order works.
      // Variants share one engine (and schema_migrations): each uses its own versions.
      const base = 9000 + variantIndex * 10;
      writeFileSync(
        join(directory, `${base + 2}_add_column.sql`),
        `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS b String;\n`,
      );
      writeFileSync(
        join(directory, `${base + 1}_create.sql`),
        `-- a comment line\nCREATE TABLE IF NOT EXISTS ${table} (a UInt8) ENGINE = MergeTree ORDER BY a;\n`,
      );
      const first = await migrate(executor, { retentionDays: 30, migrationsDir: directory });
      expect(first.applied).toEqual([base + 1, base + 2]);
      const again = await migrate(executor, { retentionDays: 30, migrationsDir: directory });
      expect(again.applied).toEqual([]);
      const columns = await executor.query(
        'SELECT name FROM system.columns WHERE database = currentDatabase() AND table = {table:String} ORDER BY position',
        { table },
        z.object({ name: z.string() }),
      );
      expect(columns.map((column) => column.name)).toEqual(['a', 'b']);
    });

    test('a changed retention rewrites the TTLs once', async () => {
      await migrate(executor, { retentionDays: 30 });
      const changed = await migrate(executor, { retentionDays: 7 });
      expect(changed.retentionChanged).toBe(true);
      const [spans] = await executor.query(
        "SELECT create_table_query FROM system.tables WHERE database = currentDatabase() AND name = 'spans'",
        {},
        TtlRow,
      );
      expect(spans?.create_table_query).toMatch(/TTL toDateTime\(start_time\) \+ toIntervalDay\(7\)/);
      expect((await migrate(executor, { retentionDays: 7 })).retentionChanged).toBe(false);
      await migrate(executor, { retentionDays: 30 });
    });

    test('a migration applied after the retention was set gets that retention, not its placeholder', async () => {
      await migrate(executor, { retentionDays: 7 });
      const directory = mkdtempSync(join(tmpdir(), 'sightline-migrations-'));
      // Like a new table's migration: its TTL is the 30-day placeholder.
      writeFileSync(
        join(directory, `${9005 + variantIndex * 10}_placeholder_ttl.sql`),
        'ALTER TABLE view_usage MODIFY TTL period + INTERVAL 30 DAY;\n',
      );
      const result = await migrate(executor, { retentionDays: 7, migrationsDir: directory });
      expect(result.retentionChanged).toBe(true);
      const [usage] = await executor.query(
        "SELECT create_table_query FROM system.tables WHERE database = currentDatabase() AND name = 'view_usage'",
        {},
        TtlRow,
      );
      expect(usage?.create_table_query).toMatch(/TTL toDateTime\(period\) \+ toIntervalDay\(7\)/);
      await migrate(executor, { retentionDays: 30 });
    });

    test('refuses a retention that is not a whole number of days', async () => {
      await expect(migrate(executor, { retentionDays: 0 })).rejects.toThrow('retention days');
      await expect(migrate(executor, { retentionDays: 1.5 })).rejects.toThrow('retention days');
    });
  });
}

describe('splitStatements', () => {
  test('splits on line-ending semicolons and drops comment lines', () => {
    expect(splitStatements("-- c\nCREATE TABLE a (x String DEFAULT 'a;b');\n\nSELECT 1;")).toEqual([
      "CREATE TABLE a (x String DEFAULT 'a;b')",
      'SELECT 1',
    ]);
  });
});
