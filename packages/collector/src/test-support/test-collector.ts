import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPricer } from '@sightline/core';
import { type AppDeps, createApp } from '../app.ts';
import { ApiKeyAuthenticator, parseApiKeys } from '../auth/api-keys.ts';
import { InflightLimiter } from '../ingest/inflight-limiter.ts';
import { SpanNormaliser } from '../ingest/span-ingestor.ts';
import { ADAPTERS } from '../normalise/adapters/index.ts';
import { messagesFromLogEvents } from '../normalise/log-events.ts';
import { silentLogger } from '../observability/logger.ts';
import { CollectorMetrics } from '../observability/metrics.ts';
import { storeFromStorage } from '../server/storage-store.ts';
import { createStorage, type Storage } from '../storage/span-store.ts';
import { SpanWriter, type SpanWriterOptions } from '../storage/span-writer.ts';

let storage: Promise<Storage> | undefined;

/**
 * Real storage for a test file: embedded chDB in a temporary directory (one per process, as chDB
 * allows), or the ClickHouse server named by CLICKHOUSE_URL.
 */
export function sharedTestStorage(): Promise<Storage> {
  if (!storage) {
    const url = process.env.CLICKHOUSE_URL;
    const directory = mkdtempSync(join(tmpdir(), 'sightline-app-test-'));
    process.on('exit', () => rmSync(directory, { recursive: true, force: true }));
    storage = createStorage({
      engine: url
        ? { kind: 'server', url, database: `sightline_test_${process.pid}` }
        : { kind: 'chdb', dataDir: directory },
      messagesFromLogEvents,
    });
  }
  return storage;
}

export interface TestAppOptions {
  apiKeys?: string;
  maxBodyBytes?: number;
  maxConcurrentIngests?: number;
  writer?: SpanWriterOptions;
}

/** The real app on real storage, for `app.request()` tests. */
export async function createTestApp(options: TestAppOptions = {}) {
  const storage = await sharedTestStorage();
  // Writer options (queue limits) get their own writer on the shared engine.
  const writer = options.writer ? new SpanWriter(storage.executor, options.writer) : storage.writer;
  const store = storeFromStorage({ ...storage, writer, committer: writer.committer });
  const metrics = new CollectorMetrics({ queuedRows: () => store.queuedRows() });
  const deps: AppDeps = {
    store,
    normaliser: new SpanNormaliser(ADAPTERS, createPricer()),
    authenticator: new ApiKeyAuthenticator(options.apiKeys ? parseApiKeys(options.apiKeys) : []),
    metrics,
    logger: silentLogger(),
    limiter: new InflightLimiter(options.maxConcurrentIngests ?? 64),
    clock: () => new Date(),
    limits: { maxBodyBytes: options.maxBodyBytes ?? 64 * 1024 * 1024 },
    isReady: () => true,
  };
  return { app: createApp(deps), deps, store, metrics };
}
