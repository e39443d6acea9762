import { type ReactNode, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { usePromptVersions } from '../api/queries.ts';
import type { PromptVersionStats } from '../api/types.ts';
import { formatters } from '../charts/metric-format.ts';
import { TimeChart } from '../charts/time-chart.tsx';
import { QueryState } from '../components/query-state.tsx';
import { RangePicker } from '../components/range-picker.tsx';
import { formatCost, formatCount, formatDuration, formatPercent, formatScore, formatTime } from '../format.ts';
import { usePageRange } from './use-page-range.ts';

type RowSpec = { label: string; value: (version: PromptVersionStats) => ReactNode };

const ROWS: RowSpec[] = [
  { label: 'First seen', value: (version) => formatTime(version.firstSeen) },
  { label: 'Calls', value: (version) => formatCount(version.calls) },
  { label: 'Error rate', value: (version) => formatPercent(version.errorRate) },
  { label: 'Latency p50', value: (version) => formatDuration(version.latencyMs?.p50) },
  { label: 'Latency p95', value: (version) => formatDuration(version.latencyMs?.p95) },
  { label: 'Time to first token p50', value: (version) => formatDuration(version.timeToFirstTokenMs?.p50) },
  {
    label: 'Input tokens per call',
    value: (version) => formatCount(Math.round(version.inputTokens / Math.max(version.calls, 1))),
  },
  {
    label: 'Output tokens per call',
    value: (version) => formatCount(Math.round(version.outputTokens / Math.max(version.calls, 1))),
  },
  { label: 'Cache hit rate', value: (version) => formatPercent(version.cacheHitRate) },
  { label: 'Cost', value: (version) => formatCost(version.costUsd) },
  { label: 'Cost per call', value: (version) => formatCost(version.costPerCallUsd) },
];

/** A prompt's versions side by side: one column per version. */
export function PromptVersionsPage() {
  const { promptName = '' } = useParams();
  const [range, setRange] = usePageRange({ preset: '7d' });
  const comparison = usePromptVersions(promptName, range);
  const scoreNames = useMemo(
    () =>
      [
        ...new Set(comparison.data?.versions.flatMap((version) => version.scores.map((score) => score.name)) ?? []),
      ].sort(),
    [comparison.data],
  );
  const traffic = useMemo(
    () =>
      comparison.data?.versions.map((version, index) => ({
        label: version.version || '(no version)',
        values: comparison.data.traffic[index] ?? [],
      })) ?? [],
    [comparison.data],
  );
  return (
    <section aria-labelledby="prompt-title">
      <p className="breadcrumbs">
        <Link to="/prompts">← Prompts</Link>
      </p>
      <div className="page-header">
        <h1 id="prompt-title">
          Prompt <span className="mono">{promptName}</span>
        </h1>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <QueryState error={comparison.error} loading={comparison.isPending}>
        {comparison.data && (
          <>
            <div className="table-scroll">
              <table className="data-table compare-table">
                <caption>Versions side by side</caption>
                <thead>
                  <tr>
                    <th scope="col">Metric</th>
                    {comparison.data.versions.map((version) => (
                      <th key={version.version} scope="col" className="numeric">
                        <Link
                          to={`/traces?promptName=${encodeURIComponent(promptName)}&promptVersion=${encodeURIComponent(version.version)}&range=7d`}
                        >
                          {version.version || '(no version)'}
                        </Link>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {ROWS.map((row) => (
                    <tr key={row.label}>
                      <th scope="row">{row.label}</th>
                      {comparison.data.versions.map((version) => (
                        <td key={version.version} className="numeric">
                          {row.value(version)}
                        </td>
                      ))}
                    </tr>
                  ))}
                  {scoreNames.map((name) => (
                    <tr key={`score-${name}`}>
                      <th scope="row">Score: {name} (mean)</th>
                      {comparison.data.versions.map((version) => {
                        const score = version.scores.find((candidate) => candidate.name === name);
                        return (
                          <td key={version.version} className="numeric">
                            {score ? `${formatScore(score.mean)} (n=${score.count})` : 'n/a'}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="chart-grid">
              <TimeChart
                title="Traffic by version"
                buckets={comparison.data.buckets}
                bucketSeconds={comparison.data.bucketSeconds}
                series={traffic}
                format={formatters.count}
              />
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}
