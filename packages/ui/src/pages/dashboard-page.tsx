import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useDashboard, useFacets, useUsers } from '../api/queries.ts';
import { BREAKDOWNS, type Breakdown, type DashboardResult, type Facets } from '../api/types.ts';
import { formatters, ratio } from '../charts/metric-format.ts';
import { TimeChart } from '../charts/time-chart.tsx';
import { BreakdownTable } from '../components/breakdown-table.tsx';
import { QueryState } from '../components/query-state.tsx';
import { RangePicker } from '../components/range-picker.tsx';
import { StatTile } from '../components/stat-tile.tsx';
import { UsageTable } from '../components/usage-table.tsx';
import { formatCost, formatCount, formatDuration, formatPercent } from '../format.ts';
import { rangeFromParams, writeRange } from '../state/time-range.ts';

const FILTERS = [
  ['environment', 'Environment', 'environments'],
  ['service', 'Service', 'services'],
  ['provider', 'Provider', 'providers'],
  ['model', 'Model', 'models'],
  ['promptName', 'Prompt', 'promptNames'],
  ['promptVersion', 'Prompt version', 'promptVersions'],
  ['feature', 'Feature', 'features'],
] as const satisfies readonly (readonly [string, string, keyof Facets])[];

const TOP_USERS = 20;

const BREAKDOWN_LABELS: Record<Breakdown, string> = {
  none: 'No breakdown',
  model: 'Model',
  provider: 'Provider',
  promptName: 'Prompt',
  promptVersion: 'Prompt version',
  feature: 'Feature',
  environment: 'Environment',
  service: 'Service',
};

export function DashboardPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const range = useMemo(() => rangeFromParams(searchParams), [searchParams]);
  const breakdownParam = searchParams.get('breakdown');
  const breakdown: Breakdown = (BREAKDOWNS as readonly string[]).includes(breakdownParam ?? '')
    ? (breakdownParam as Breakdown)
    : 'none';
  const filters = useMemo(
    () => Object.fromEntries(FILTERS.map(([key]) => [key, searchParams.get(key) || undefined])),
    [searchParams],
  );
  const dashboard = useDashboard(range, breakdown, filters);
  const facets = useFacets(range);
  // Its own request: the charts do not wait for the per-user totals.
  const topUsers = useUsers(range, TOP_USERS);
  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next);
  };

  return (
    <section aria-labelledby="dashboard-title">
      <div className="page-header">
        <h1 id="dashboard-title">Dashboards</h1>
        {dashboard.isFetching && <span className="muted small">updating…</span>}
      </div>
      <div className="filter-bar">
        <div className="filter-row">
          <RangePicker
            value={range}
            onChange={(next) => {
              const params = new URLSearchParams(searchParams);
              writeRange(params, next);
              setSearchParams(params);
            }}
          />
          <label className="field narrow">
            <span>Break down by</span>
            <select
              value={breakdown}
              onChange={(event) =>
                setParam('breakdown', event.target.value === 'none' ? undefined : event.target.value)
              }
            >
              {BREAKDOWNS.map((key) => (
                <option key={key} value={key}>
                  {BREAKDOWN_LABELS[key]}
                </option>
              ))}
            </select>
          </label>
          {FILTERS.map(([key, label, facet]) => (
            <label key={key} className="field narrow">
              <span>{label}</span>
              <select value={filters[key] ?? ''} onChange={(event) => setParam(key, event.target.value || undefined)}>
                <option value="">All</option>
                {(facets.data?.[facet] ?? []).map((value) => (
                  <option key={value} value={value}>
                    {value}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </div>
      <QueryState error={dashboard.error} loading={dashboard.isPending}>
        {dashboard.data && <DashboardBody data={dashboard.data} />}
      </QueryState>
      <h2 className="section-title">Cost per user</h2>
      <QueryState error={topUsers.error} loading={topUsers.isPending}>
        {topUsers.data && <UsageTable rows={topUsers.data.users} kind="users" caption="Top users by cost" />}
      </QueryState>
    </section>
  );
}

function DashboardBody({ data }: { data: DashboardResult }) {
  const { total, overall, buckets } = data;
  const charts = useMemo(() => {
    const cached = overall.cacheReadTokens;
    const groupSeries = (pick: (series: DashboardResult['overall']) => (number | null)[]) =>
      data.groupSeries.map((series) => ({ label: series.key || '(none)', values: pick(series) }));
    return {
      requests: [{ label: 'Requests', values: overall.calls }],
      errors: [{ label: 'Errors', values: overall.errors }],
      latency: [
        { label: 'p50', values: overall.latencyP50 },
        { label: 'p95', values: overall.latencyP95 },
        { label: 'p99', values: overall.latencyP99 },
      ],
      ttft: [
        { label: 'p50', values: overall.ttftP50 },
        { label: 'p95', values: overall.ttftP95 },
        { label: 'p99', values: overall.ttftP99 },
      ],
      tokens: [
        { label: 'Input', values: overall.inputTokens },
        { label: 'Output', values: overall.outputTokens },
        { label: 'Cached input', values: cached },
      ],
      cost: [{ label: 'Cost', values: overall.costUsd }],
      cacheHitRate: [{ label: 'Cache hit rate', values: ratio(cached, overall.inputTokens) }],
      costPerRequest: [{ label: 'Cost per request', values: ratio(overall.costUsd, overall.calls) }],
      scores: data.scores.map((score) => ({ label: score.name, values: score.mean })),
      groupRequests: groupSeries((series) => series.calls),
      groupCost: groupSeries((series) => series.costUsd),
      groupLatency: groupSeries((series) => series.latencyP95),
    };
  }, [data, overall]);
  const unpriced = total.calls - total.pricedCalls;

  return (
    <>
      <div className="tiles">
        <StatTile
          label="Requests"
          value={formatCount(total.calls)}
          detail={`${formatCount(total.errors)} errors (${formatPercent(total.calls ? total.errors / total.calls : 0)})`}
        />
        <StatTile
          label="Latency p50 / p95 / p99"
          value={
            total.latencyMs ? `${formatDuration(total.latencyMs.p50)} / ${formatDuration(total.latencyMs.p95)}` : 'n/a'
          }
          detail={total.latencyMs ? `p99 ${formatDuration(total.latencyMs.p99)}` : undefined}
        />
        <StatTile
          label="Time to first token p50 / p95"
          value={
            total.timeToFirstTokenMs
              ? `${formatDuration(total.timeToFirstTokenMs.p50)} / ${formatDuration(total.timeToFirstTokenMs.p95)}`
              : 'n/a'
          }
          detail={total.timeToFirstTokenMs ? undefined : 'no streaming calls reported it'}
        />
        <StatTile
          label="Tokens in / out"
          value={`${formatCount(total.inputTokens)} / ${formatCount(total.outputTokens)}`}
          detail={`${formatCount(total.cacheReadTokens)} cached input (${formatPercent(total.cacheHitRate)} hit rate)`}
        />
        <StatTile
          label="Cost"
          value={formatCost(total.costUsd)}
          detail={
            unpriced > 0
              ? `${formatCount(unpriced)} call(s) without a known price are not included`
              : 'all calls priced'
          }
        />
        <StatTile
          label="Cost per request"
          value={formatCost(total.costPerCallUsd)}
          detail="average over priced calls"
        />
      </div>
      <div className="chart-grid">
        <TimeChart
          title="Requests"
          buckets={buckets}
          bucketSeconds={data.bucketSeconds}
          series={charts.requests}
          format={formatters.count}
          kind="bars"
        />
        <TimeChart
          title="Errors"
          buckets={buckets}
          bucketSeconds={data.bucketSeconds}
          series={charts.errors}
          format={formatters.count}
          kind="bars"
        />
        <TimeChart
          title="Latency"
          buckets={buckets}
          bucketSeconds={data.bucketSeconds}
          series={charts.latency}
          format={formatters.duration}
        />
        <TimeChart
          title="Time to first token"
          buckets={buckets}
          bucketSeconds={data.bucketSeconds}
          series={charts.ttft}
          format={formatters.duration}
        />
        <TimeChart
          title="Tokens"
          buckets={buckets}
          bucketSeconds={data.bucketSeconds}
          series={charts.tokens}
          format={formatters.count}
        />
        <TimeChart
          title="Cost"
          buckets={buckets}
          bucketSeconds={data.bucketSeconds}
          series={charts.cost}
          format={formatters.cost}
          kind="bars"
        />
        <TimeChart
          title="Cache hit rate"
          buckets={buckets}
          bucketSeconds={data.bucketSeconds}
          series={charts.cacheHitRate}
          format={formatters.percent}
        />
        <TimeChart
          title="Cost per request"
          buckets={buckets}
          bucketSeconds={data.bucketSeconds}
          series={charts.costPerRequest}
          format={formatters.cost}
        />
        {charts.scores.length > 0 && (
          <TimeChart
            title="Evaluation scores (mean)"
            buckets={buckets}
            bucketSeconds={data.bucketSeconds}
            series={charts.scores}
            format={formatters.score}
          />
        )}
      </div>
      {data.breakdown !== 'none' && (
        <>
          <h2 className="section-title">By {BREAKDOWN_LABELS[data.breakdown].toLowerCase()}</h2>
          <div className="chart-grid">
            <TimeChart
              title="Requests"
              buckets={buckets}
              bucketSeconds={data.bucketSeconds}
              series={charts.groupRequests}
              format={formatters.count}
            />
            <TimeChart
              title="Cost"
              buckets={buckets}
              bucketSeconds={data.bucketSeconds}
              series={charts.groupCost}
              format={formatters.cost}
            />
            <TimeChart
              title="Latency p95"
              buckets={buckets}
              bucketSeconds={data.bucketSeconds}
              series={charts.groupLatency}
              format={formatters.duration}
            />
          </div>
          <BreakdownTable groups={data.groups} label={BREAKDOWN_LABELS[data.breakdown]} />
        </>
      )}
      <p className="muted small">Buckets of {formatDuration(data.bucketSeconds * 1000)}; served from the rollups.</p>
    </>
  );
}
