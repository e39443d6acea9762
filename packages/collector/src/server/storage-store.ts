import { messagesFromLogEvents } from '../normalise/log-events.ts';
import type { NormalisedSpan } from '../normalise/types.ts';
import type { OtlpLogRecord } from '../otlp/types.ts';
import type { ScoreInput } from '../storage/api-types.ts';
import type { Storage } from '../storage/span-store.ts';
import { createViewQueries } from '../storage/ui-view-queries.ts';
import type { SightlineStore } from '../store-port.ts';

/** The app's store port on top of ClickHouse storage (chDB or server). */
export function storeFromStorage(storage: Storage): SightlineStore {
  return {
    async writeSpans(_projectId: string, spans: NormalisedSpan[]) {
      await storage.writer.writeSpans(spans);
    },
    writeLogRecords: (projectId: string, records: OtlpLogRecord[]) => storage.logEvents.insert(projectId, records),
    async writeScores(scores: ScoreInput[]) {
      await storage.scores.insert(scores);
    },
    listTraces: (query) => storage.traces.listTraces(query),
    getTrace: (projectId, traceId) => storage.traces.getTrace(projectId, traceId),
    listScores: (projectId, traceId) => storage.scores.listForTrace(projectId, traceId),
    views: createViewQueries(storage.executor, storage.logEvents, messagesFromLogEvents),
    queuedRows: () => storage.committer.stats().queuedRows,
    close: () => storage.close(),
  };
}
