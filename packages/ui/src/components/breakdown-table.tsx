import type { MetricTotals } from '../api/types.ts';
import { formatCost, formatCount, formatDuration, formatPercent } from '../format.ts';

export function BreakdownTable({ groups, label }: { groups: MetricTotals[]; label: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>Totals by {label.toLowerCase()}</caption>
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col" className="numeric">
              Requests
            </th>
            <th scope="col" className="numeric">
              Errors
            </th>
            <th scope="col" className="numeric">
              Latency p50 / p95
            </th>
            <th scope="col" className="numeric">
              Tokens in / out
            </th>
            <th scope="col" className="numeric">
              Cache hit
            </th>
            <th scope="col" className="numeric">
              Cost
            </th>
            <th scope="col" className="numeric">
              Cost / request
            </th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.key}>
              <td className="truncate">{group.key || '(none)'}</td>
              <td className="numeric">{formatCount(group.calls)}</td>
              <td className="numeric">{formatCount(group.errors)}</td>
              <td className="numeric">
                {group.latencyMs
                  ? `${formatDuration(group.latencyMs.p50)} / ${formatDuration(group.latencyMs.p95)}`
                  : 'n/a'}
              </td>
              <td className="numeric">
                {formatCount(group.inputTokens)} / {formatCount(group.outputTokens)}
              </td>
              <td className="numeric">{formatPercent(group.cacheHitRate)}</td>
              <td className="numeric" title={group.costUsd === null ? 'No price known for these calls' : undefined}>
                {formatCost(group.costUsd)}
              </td>
              <td className="numeric">{formatCost(group.costPerCallUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
