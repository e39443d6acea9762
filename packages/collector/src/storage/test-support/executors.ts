import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { messagesFromLogEvents } from '../../normalise/log-events.ts';
import { ChdbExecutor } from '../chdb-executor.ts';
import { CLICKHOUSE_SETTINGS, ClickHouseServerExecutor } from '../clickhouse-server-executor.ts';
import { createExecutor } from '../create-executor.ts';
import { createStorageOn, type Storage } from '../span-store.ts';
import type { SpanWriterOptions } from '../span-writer.ts';
import type { SqlExecutor } from '../sql-executor.ts';

export interface ExecutorVariant {
  name: string;
  /** The variant's executor for this test file (opened once, shared by the file's tests). */
  executor(): Promise<SqlExecutor>;
}

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

let dataDir: string | undefined;
let chdb: ChdbExecutor | undefined;
let clientOverChdb: ClickHouseServerExecutor | undefined;

/** One chDB data directory per test file (vitest runs files in separate processes; chDB allows one each). */
function sharedDataDir(): string {
  if (dataDir === undefined) {
    const directory = mkdtempSync(join(tmpdir(), 'sightline-chdb-test-'));
    process.on('exit', () => rmSync(directory, { recursive: true, force: true }));
    dataDir = directory;
  }
  return dataDir;
}

function sharedChdbExecutor(): ChdbExecutor {
  chdb ??= new ChdbExecutor({ dataDir: sharedDataDir() });
  return chdb;
}

/**
 * The server executor's code (query_params binding, JSONEachRow reads, exec inserts) on
 * @clickhouse/client, with chDB's Connection in place of HTTP: the same engine and data directory.
 */
function sharedClientOverChdb(): ClickHouseServerExecutor {
  clientOverChdb ??= new ClickHouseServerExecutor(
    { url: 'http://chdb.invalid' },
    createClient({
      // chdb types its Connection against @clickhouse/client-common's declarations, which differ from
      // the client's own only under exactOptionalPropertyTypes; the runtime interface is the same.
      connection: createChdbConnection({ path: sharedDataDir() }) as unknown as ClientConnection,
      clickhouse_settings: CLICKHOUSE_SETTINGS,
    }),
  );
  return clientOverChdb;
}

let server: Promise<SqlExecutor> | undefined;

/**
 * The executors every storage suite runs on: chDB and the server executor over chDB always, a real
 * ClickHouse server when CLICKHOUSE_URL is set.
 */
export function executorVariants(): ExecutorVariant[] {
  const variants: ExecutorVariant[] = [
    { name: 'chdb', executor: async () => sharedChdbExecutor() },
    { name: 'clickhouse-client over chdb', executor: async () => sharedClientOverChdb() },
  ];
  const url = process.env.CLICKHOUSE_URL;
  if (url !== undefined && url !== '') {
    variants.push({
      name: 'clickhouse-server',
      executor: () => {
        server ??= createExecutor({
          kind: 'server',
          url,
          database: `sightline_test_${process.pid}_${Date.now()}`,
          ...(process.env.CLICKHOUSE_USER === undefined ? {} : { username: process.env.CLICKHOUSE_USER }),
          ...(process.env.CLICKHOUSE_PASSWORD === undefined ? {} : { password: process.env.CLICKHOUSE_PASSWORD }),
        });
        return server;
      },
    });
  }
  return variants;
}

/** Migrated storage on a variant's shared executor; close() leaves the shared executor open. */
export async function openTestStorage(
  variant: ExecutorVariant,
  options: { retentionDays?: number; writer?: SpanWriterOptions; soleWriter?: boolean } = {},
): Promise<Storage> {
  const executor = await variant.executor();
  const storage = await createStorageOn(executor, {
    messagesFromLogEvents,
    ...(options.retentionDays === undefined ? {} : { retentionDays: options.retentionDays }),
    ...(options.writer === undefined ? {} : { writer: options.writer }),
    ...(options.soleWriter === undefined ? {} : { soleWriter: options.soleWriter }),
  });
  return {
    ...storage,
    close: async () => {
      await storage.committer.close();
    },
  };
}

/** A project id no other test uses, so tests sharing one engine never see each other's rows. */
export function uniqueProjectId(label = 'project'): string {
  return `${label}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}
