import { createExecutor, type StorageEngineConfig } from './create-executor.ts';
import type { GroupCommitter } from './group-commit.ts';
import { LogEventStore } from './log-event-store.ts';
import { type MigrationResult, migrate } from './migrate.ts';
import { readRecentTraceIndex } from './recent-trace-index.ts';
import { ScoreStore } from './score-store.ts';
import { type PendingSpan, readNewestSpanStartUs, SpanWriter, type SpanWriterOptions } from './span-writer.ts';
import type { SqlExecutor } from './sql-executor.ts';
import { type MessagesFromLogEvents, TraceQueries } from './trace-queries.ts';

export interface StorageConfig {
  engine: StorageEngineConfig;
  /** Days spans, trace index rows and log records are kept. Default 30. */
  retentionDays?: number;
  /** Turns GenAI log records into messages for spans without their own (normalise/log-events.ts). */
  messagesFromLogEvents: MessagesFromLogEvents;
  writer?: SpanWriterOptions;
  /** True when nothing else writes these tables (see SpanWriterOptions.soleWriterWatermarkUs). */
  soleWriter?: boolean;
  /** Microseconds since the epoch, now (the list page decides by it where to read totals). Default the system clock. */
  nowUs?: () => number;
}

export interface Storage {
  executor: SqlExecutor;
  writer: SpanWriter;
  committer: GroupCommitter<PendingSpan>;
  traces: TraceQueries;
  scores: ScoreStore;
  logEvents: LogEventStore;
  migration: MigrationResult;
  /** Waits for queued spans, then closes the engine. */
  close(): Promise<void>;
}

const systemNowUs = (): number => Date.now() * 1000;

/** Opens the engine, applies migrations and retention, and wires the stores. */
export async function createStorage(config: StorageConfig): Promise<Storage> {
  const executor = await createExecutor(config.engine);
  // A process owns its embedded data directory, so its writer is the only one; servers may have many.
  return createStorageOn(executor, { ...config, soleWriter: executor.kind === 'chdb' });
}

/** Like createStorage, on an executor the caller opened (tests share one chDB session per process). */
export async function createStorageOn(executor: SqlExecutor, config: Omit<StorageConfig, 'engine'>): Promise<Storage> {
  const migration = await migrate(executor, { retentionDays: config.retentionDays ?? 30 });
  const writer = new SpanWriter(
    executor,
    config.soleWriter === true
      ? { ...config.writer, soleWriterWatermarkUs: await readNewestSpanStartUs(executor) }
      : config.writer,
  );
  const logEvents = new LogEventStore(executor);
  return {
    executor,
    writer,
    committer: writer.committer,
    traces: new TraceQueries(
      executor,
      logEvents,
      config.messagesFromLogEvents,
      await readRecentTraceIndex(executor, config.nowUs ?? systemNowUs),
    ),
    scores: new ScoreStore(executor),
    logEvents,
    migration,
    async close() {
      await writer.committer.close();
      await executor.close();
    },
  };
}
