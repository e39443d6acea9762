export * from './api-types.ts';
export { MINIMUM_SERVER_VERSION, ServerVersionError } from './check-server-version.ts';
export type { StorageEngineConfig } from './create-executor.ts';
export { CommitterClosedError, type GroupCommitStats, OverloadedError } from './group-commit.ts';
export { createStorage, type Storage, type StorageConfig } from './span-store.ts';
export type { SpanWriterStats, WriteResult } from './span-writer.ts';
export type { SqlExecutor } from './sql-executor.ts';
export { InvalidCursorError } from './trace-cursor.ts';
export type { MessagesFromLogEvents } from './trace-queries.ts';
