import type { TraceSpan } from './api-types.ts';
import type { LogEventStore } from './log-event-store.ts';
import type { SqlExecutor } from './sql-executor.ts';
import type { MessagesFromLogEvents } from './trace-detail-query.ts';
import { readDashboard } from './ui-dashboard-query.ts';
import { readFacets } from './ui-facets-query.ts';
import { comparePromptVersions, listPrompts } from './ui-prompt-query.ts';
import { readSession } from './ui-session-query.ts';
import { readSpan, readTraceOutline } from './ui-trace-outline-query.ts';
import { searchTraces } from './ui-trace-search-query.ts';
import { readUser, usageBy } from './ui-usage-query.ts';
import type {
  DashboardQuery,
  DashboardResult,
  Facets,
  PromptComparison,
  PromptSummary,
  SessionView,
  TimeRange,
  TraceOutline,
  TraceSearchPage,
  TraceSearchQuery,
  UsageRow,
  UserView,
} from './ui-view-types.ts';

/** The reads behind the web UI's views. Every query is parameterised and scoped to one project. */
export interface ViewQueries {
  /** Throws InvalidCursorError for a cursor this API did not return (or made for another sort). */
  searchTraces(query: TraceSearchQuery): Promise<TraceSearchPage>;
  traceOutline(projectId: string, traceId: string): Promise<TraceOutline | null>;
  span(projectId: string, traceId: string, spanId: string): Promise<TraceSpan | null>;
  dashboard(query: DashboardQuery): Promise<DashboardResult>;
  facets(range: TimeRange): Promise<Facets>;
  sessions(range: TimeRange, limit: number): Promise<UsageRow[]>;
  session(range: TimeRange, sessionId: string): Promise<SessionView>;
  users(range: TimeRange, limit: number): Promise<UsageRow[]>;
  user(range: TimeRange, userId: string): Promise<UserView>;
  prompts(range: TimeRange): Promise<PromptSummary[]>;
  promptVersions(range: TimeRange, promptName: string): Promise<PromptComparison>;
}

export function createViewQueries(
  executor: SqlExecutor,
  logEvents: LogEventStore,
  messagesFromLogEvents: MessagesFromLogEvents,
): ViewQueries {
  return {
    searchTraces: (query) => searchTraces(executor, query),
    traceOutline: (projectId, traceId) => readTraceOutline(executor, projectId, traceId),
    span: (projectId, traceId, spanId) =>
      readSpan(executor, logEvents, messagesFromLogEvents, projectId, traceId, spanId),
    dashboard: (query) => readDashboard(executor, query),
    facets: (range) => readFacets(executor, range),
    sessions: (range, limit) => usageBy(executor, range, 'sessions', limit),
    session: (range, sessionId) => readSession(executor, messagesFromLogEvents, range, sessionId),
    users: (range, limit) => usageBy(executor, range, 'users', limit),
    user: (range, userId) => readUser(executor, range, userId),
    prompts: (range) => listPrompts(executor, range),
    promptVersions: (range, promptName) => comparePromptVersions(executor, range, promptName),
  };
}
