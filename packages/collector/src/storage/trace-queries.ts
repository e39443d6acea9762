import type { ListTracesOptions, ListTracesResult, ModelMetrics, TraceDetail } from './api-types.ts';
import type { LogEventStore } from './log-event-store.ts';
import { type ModelMetricsOptions, metricsByModel } from './model-metrics-query.ts';
import type { RecentTraceIndex } from './recent-trace-index.ts';
import type { SqlExecutor } from './sql-executor.ts';
import { getTrace, type MessagesFromLogEvents } from './trace-detail-query.ts';
import { listTraces } from './trace-list-query.ts';

export type { ModelMetricsOptions } from './model-metrics-query.ts';
export type { MessagesFromLogEvents } from './trace-detail-query.ts';

/** The trace read API. Every query is parameterised and filtered by project. */
export class TraceQueries {
  readonly #executor: SqlExecutor;
  readonly #logEvents: LogEventStore;
  readonly #messagesFromLogEvents: MessagesFromLogEvents;
  readonly #recent: RecentTraceIndex | undefined;

  constructor(
    executor: SqlExecutor,
    logEvents: LogEventStore,
    messagesFromLogEvents: MessagesFromLogEvents,
    recent?: RecentTraceIndex,
  ) {
    this.#executor = executor;
    this.#logEvents = logEvents;
    this.#messagesFromLogEvents = messagesFromLogEvents;
    this.#recent = recent;
  }

  /** Throws InvalidCursorError for a cursor this API did not return. */
  listTraces(options: ListTracesOptions): Promise<ListTracesResult> {
    return listTraces(this.#executor, options, this.#recent);
  }

  getTrace(projectId: string, traceId: string): Promise<TraceDetail | null> {
    return getTrace(this.#executor, this.#logEvents, this.#messagesFromLogEvents, projectId, traceId);
  }

  metricsByModel(options: ModelMetricsOptions): Promise<ModelMetrics[]> {
    return metricsByModel(this.#executor, options);
  }
}
