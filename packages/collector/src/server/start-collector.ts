import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { createPricer, loadPriceOverrides, type PriceOverride } from '@sightline/core';
import { createApp } from '../app.ts';
import { ApiKeyAuthenticator, isLoopbackHost, parseApiKeys } from '../auth/api-keys.ts';
import type { StartOptions } from '../config/start-options.ts';
import { InflightLimiter } from '../ingest/inflight-limiter.ts';
import { SpanNormaliser } from '../ingest/span-ingestor.ts';
import { ADAPTERS } from '../normalise/adapters/index.ts';
import { messagesFromLogEvents } from '../normalise/log-events.ts';
import type { Logger } from '../observability/logger.ts';
import { CollectorMetrics } from '../observability/metrics.ts';
import { createStorage } from '../storage/span-store.ts';
import { storeFromStorage } from './storage-store.ts';

export class StartupError extends Error {
  override name = 'StartupError';
}

export interface RunningCollector {
  url: string;
  /** Stops accepting requests, waits for queued spans to be stored, closes storage. */
  close(): Promise<void>;
}

const MAX_CONCURRENT_INGESTS = 64;

/** Wires real dependencies (storage, pricer, auth, metrics) into the app and listens. */
export async function startCollector(options: StartOptions, logger: Logger): Promise<RunningCollector> {
  const keys = options.apiKeys ? parseApiKeys(options.apiKeys) : [];
  if (keys.length === 0 && !isLoopbackHost(options.host)) {
    throw new StartupError(
      `refusing to listen on ${options.host} without API keys: set --api-keys / SIGHTLINE_API_KEYS (project:key), or listen on 127.0.0.1`,
    );
  }
  if (keys.length === 0) {
    logger.warn(
      { host: options.host },
      'no API keys configured: auth is off and all data goes to project "default" (loopback only)',
    );
  }
  const pricesFile = options.pricesFile ?? (existsSync('prices.yaml') ? 'prices.yaml' : undefined);
  const overrides: PriceOverride[] = pricesFile ? await loadPriceOverrides(resolve(pricesFile)) : [];
  const pricer = createPricer({ overrides });

  let engine: Parameters<typeof createStorage>[0]['engine'];
  if (options.clickhouse) {
    engine = { kind: 'server', ...options.clickhouse };
  } else {
    const dataDir = resolve(options.dataDir, 'chdb');
    await mkdir(dataDir, { recursive: true });
    engine = { kind: 'chdb', dataDir };
  }
  const storage = await createStorage({ engine, retentionDays: options.retentionDays, messagesFromLogEvents });
  const store = storeFromStorage(storage);
  const metrics = new CollectorMetrics({ queuedRows: () => store.queuedRows() }, { processMetrics: true });
  let ready = true;
  const app = createApp({
    store,
    normaliser: new SpanNormaliser(ADAPTERS, pricer),
    authenticator: new ApiKeyAuthenticator(keys),
    metrics,
    logger,
    limiter: new InflightLimiter(MAX_CONCURRENT_INGESTS),
    clock: () => new Date(),
    limits: { maxBodyBytes: options.maxBodyBytes },
    isReady: () => ready,
  });

  const server = await new Promise<ServerType>((resolveListening, rejectListening) => {
    const listening = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, () =>
      resolveListening(listening),
    );
    listening.once('error', rejectListening);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  logger.info(
    {
      url,
      storage: options.clickhouse ? 'clickhouse-server' : 'chdb',
      dataDir: options.clickhouse ? undefined : resolve(options.dataDir),
      migrationsApplied: storage.migration,
      priceVersion: pricer.version,
      auth: keys.length > 0 ? `${keys.length} keys` : 'off',
    },
    'sightline collector listening',
  );
  return {
    url,
    async close() {
      ready = false;
      await new Promise<void>((resolveClosed) => server.close(() => resolveClosed()));
      await store.close();
    },
  };
}
