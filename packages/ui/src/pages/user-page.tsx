import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { useUser } from '../api/queries.ts';
import { formatters } from '../charts/metric-format.ts';
import { TimeChart } from '../charts/time-chart.tsx';
import { QueryState } from '../components/query-state.tsx';
import { RangePicker } from '../components/range-picker.tsx';
import { StatTile } from '../components/stat-tile.tsx';
import { UsageTable } from '../components/usage-table.tsx';
import { formatCost, formatCount } from '../format.ts';
import { usePageRange } from './use-page-range.ts';

/** One user's usage and cost over time. */
export function UserPage() {
  const { userId = '' } = useParams();
  const [range, setRange] = usePageRange({ preset: '7d' });
  const user = useUser(userId, range);
  const series = useMemo(
    () =>
      user.data && {
        traces: [{ label: 'Traces', values: user.data.traces }],
        cost: [{ label: 'Cost', values: user.data.costUsd }],
        tokens: [{ label: 'Tokens', values: user.data.tokens }],
      },
    [user.data],
  );
  return (
    <section aria-labelledby="user-title">
      <p className="breadcrumbs">
        <Link to="/users">← Users</Link>
      </p>
      <div className="page-header">
        <h1 id="user-title">
          User <span className="mono">{userId}</span>
        </h1>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <p>
        <Link to={`/traces?userId=${encodeURIComponent(userId)}&range=7d`}>See this user's traces →</Link>
      </p>
      <QueryState error={user.error} loading={user.isPending}>
        {user.data && series && (
          <>
            <div className="tiles">
              <StatTile label="Traces" value={formatCount(user.data.totals.traces)} />
              <StatTile label="Cost" value={formatCost(user.data.totals.costUsd)} />
              <StatTile label="Cost per trace" value={formatCost(user.data.totals.costPerTraceUsd)} />
              <StatTile
                label="Tokens in / out"
                value={`${formatCount(user.data.totals.inputTokens)} / ${formatCount(user.data.totals.outputTokens)}`}
              />
            </div>
            <div className="chart-grid">
              <TimeChart
                title="Traces"
                buckets={user.data.buckets}
                bucketSeconds={user.data.bucketSeconds}
                series={series.traces}
                format={formatters.count}
                kind="bars"
              />
              <TimeChart
                title="Cost"
                buckets={user.data.buckets}
                bucketSeconds={user.data.bucketSeconds}
                series={series.cost}
                format={formatters.cost}
                kind="bars"
              />
              <TimeChart
                title="Tokens"
                buckets={user.data.buckets}
                bucketSeconds={user.data.bucketSeconds}
                series={series.tokens}
                format={formatters.count}
              />
            </div>
            <UsageTable rows={user.data.sessions} kind="sessions" caption="Sessions of this user" />
          </>
        )}
      </QueryState>
    </section>
  );
}
