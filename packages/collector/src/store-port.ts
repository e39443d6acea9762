import type { NormalisedSpan } from './normalise/types.ts';
import type { OtlpLogRecord } from './otlp/types.ts';
import type { ScoreInput, StoredScore, TraceDetail, TraceListPage, TraceListQuery } from './storage/api-types.ts';
import type { ViewQueries } from './storage/ui-view-queries.ts';

/** What the HTTP app needs from storage. Writes resolve only once the data is durably stored. */
export interface SightlineStore {
  writeSpans(projectId: string, spans: NormalisedSpan[]): Promise<void>;
  writeLogRecords(projectId: string, records: OtlpLogRecord[]): Promise<void>;
  writeScores(scores: ScoreInput[]): Promise<void>;
  listTraces(query: TraceListQuery): Promise<TraceListPage>;
  getTrace(projectId: string, traceId: string): Promise<TraceDetail | null>;
  listScores(projectId: string, traceId: string): Promise<StoredScore[]>;
  /** Reads behind the web UI's views (traces table, trace outline, dashboards, sessions, users, prompts). */
  readonly views: ViewQueries;
  /** Rows waiting for storage, for the queue-depth metric and readiness. */
  queuedRows(): number;
  close(): Promise<void>;
}
