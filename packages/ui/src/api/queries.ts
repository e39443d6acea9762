import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { resolveRange, type TimeRange } from '../state/time-range.ts';
import { apiFetch, queryString } from './client.ts';
import { decodeOutline } from './outline-decode.ts';
import type {
  Breakdown,
  DashboardResult,
  Facets,
  OutlineWire,
  PromptComparison,
  PromptSummary,
  SessionView,
  TraceOutline,
  TraceSearchPage,
  TraceSpan,
  UsageRow,
  UserView,
} from './types.ts';

type QueryValues = Record<string, string | number | undefined>;

export function useTraceSearch(range: TimeRange, query: QueryValues, cursor: string | undefined, live: boolean) {
  return useQuery({
    queryKey: ['trace-search', range, query, cursor],
    queryFn: ({ signal }) =>
      apiFetch<TraceSearchPage>(`/api/trace-search${queryString({ ...resolveRange(range), ...query, cursor })}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
    refetchInterval: live ? 3_000 : false,
  });
}

export function useFacets(range: TimeRange) {
  return useQuery({
    queryKey: ['facets', range],
    queryFn: ({ signal }) => apiFetch<Facets>(`/api/facets${queryString(resolveRange(range))}`, { signal }),
    staleTime: 60_000,
  });
}

export function useTraceOutline(traceId: string) {
  return useQuery({
    queryKey: ['trace-outline', traceId],
    queryFn: async ({ signal }): Promise<TraceOutline> =>
      decodeOutline(await apiFetch<OutlineWire>(`/api/traces/${encodeURIComponent(traceId)}/outline`, { signal })),
    // A 10,000-span outline is replaced whole; comparing it deeply with the previous one only costs time.
    structuralSharing: false,
  });
}

export function useSpan(traceId: string, spanId: string | undefined) {
  return useQuery({
    queryKey: ['span', traceId, spanId],
    enabled: spanId !== undefined,
    queryFn: ({ signal }) =>
      apiFetch<TraceSpan>(`/api/traces/${encodeURIComponent(traceId)}/spans/${encodeURIComponent(spanId ?? '')}`, {
        signal,
      }),
    staleTime: 5 * 60_000,
  });
}

export function useDashboard(range: TimeRange, breakdown: Breakdown, filters: QueryValues) {
  return useQuery({
    queryKey: ['dashboard', range, breakdown, filters],
    queryFn: ({ signal }) =>
      apiFetch<DashboardResult>(`/api/dashboard${queryString({ ...resolveRange(range), breakdown, ...filters })}`, {
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useSessions(range: TimeRange) {
  return useQuery({
    queryKey: ['sessions', range],
    queryFn: ({ signal }) =>
      apiFetch<{ sessions: UsageRow[] }>(`/api/sessions${queryString({ ...resolveRange(range), limit: 200 })}`, {
        signal,
      }),
  });
}

export function useSession(sessionId: string, range: TimeRange) {
  return useQuery({
    queryKey: ['session', sessionId, range],
    queryFn: ({ signal }) =>
      apiFetch<SessionView>(`/api/sessions/${encodeURIComponent(sessionId)}${queryString(resolveRange(range))}`, {
        signal,
      }),
  });
}

/** Users by cost over the range (the users page lists 200; the dashboard's cost-per-user panel 20). */
export function useUsers(range: TimeRange, limit = 200) {
  return useQuery({
    queryKey: ['users', range, limit],
    queryFn: ({ signal }) =>
      apiFetch<{ users: UsageRow[] }>(`/api/users${queryString({ ...resolveRange(range), limit })}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(userId: string, range: TimeRange) {
  return useQuery({
    queryKey: ['user', userId, range],
    queryFn: ({ signal }) =>
      apiFetch<UserView>(`/api/users/${encodeURIComponent(userId)}${queryString(resolveRange(range))}`, { signal }),
  });
}

export function usePrompts(range: TimeRange) {
  return useQuery({
    queryKey: ['prompts', range],
    queryFn: ({ signal }) =>
      apiFetch<{ prompts: PromptSummary[] }>(`/api/prompts${queryString(resolveRange(range))}`, { signal }),
  });
}

export function usePromptVersions(promptName: string, range: TimeRange) {
  return useQuery({
    queryKey: ['prompt-versions', promptName, range],
    queryFn: ({ signal }) =>
      apiFetch<PromptComparison>(
        `/api/prompts/${encodeURIComponent(promptName)}/versions${queryString(resolveRange(range))}`,
        { signal },
      ),
  });
}

export interface ScoreDraft {
  id?: string;
  traceId: string;
  spanId?: string;
  name: string;
  value: number | boolean | string;
  comment?: string;
}

/** Human feedback: writes a score (source annotation) and refreshes the trace. */
export function useAddScore(traceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (score: ScoreDraft) =>
      apiFetch<{ id: string }>('/api/scores', {
        method: 'POST',
        body: JSON.stringify({ ...score, source: 'annotation' }),
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['trace-outline', traceId] }),
  });
}
