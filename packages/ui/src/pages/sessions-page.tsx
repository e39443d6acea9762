import { useSessions } from '../api/queries.ts';
import { QueryState } from '../components/query-state.tsx';
import { RangePicker } from '../components/range-picker.tsx';
import { UsageTable } from '../components/usage-table.tsx';
import { usePageRange } from './use-page-range.ts';

export function SessionsPage() {
  const [range, setRange] = usePageRange({ preset: '7d' });
  const sessions = useSessions(range);
  return (
    <section aria-labelledby="sessions-title">
      <div className="page-header">
        <h1 id="sessions-title">Sessions</h1>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <QueryState error={sessions.error} loading={sessions.isPending}>
        {sessions.data && (
          <UsageTable rows={sessions.data.sessions} kind="sessions" caption="Sessions, most recent first" />
        )}
      </QueryState>
    </section>
  );
}
