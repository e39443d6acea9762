import { Link } from 'react-router';
import type { UsageRow } from '../api/types.ts';
import { formatCost, formatCount, formatRelative } from '../format.ts';

/** Users or sessions with their traces, tokens and cost. */
export function UsageTable({ rows, kind, caption }: { rows: UsageRow[]; kind: 'users' | 'sessions'; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{kind === 'users' ? 'User' : 'Session'}</th>
            <th scope="col" className="numeric">
              Traces
            </th>
            <th scope="col" className="numeric">
              Errors
            </th>
            <th scope="col" className="numeric">
              Tokens in / out
            </th>
            <th scope="col" className="numeric">
              Cost
            </th>
            <th scope="col" className="numeric">
              Cost per trace
            </th>
            <th scope="col">Last seen</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={7} className="empty">
                Nothing in this time range.
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.key}>
              <td className="truncate">
                <Link to={`/${kind}/${encodeURIComponent(row.key)}`}>{row.key}</Link>
              </td>
              <td className="numeric">{formatCount(row.traces)}</td>
              <td className="numeric">{formatCount(row.errors)}</td>
              <td className="numeric">
                {formatCount(row.inputTokens)} / {formatCount(row.outputTokens)}
              </td>
              <td className="numeric">{formatCost(row.costUsd)}</td>
              <td className="numeric">{formatCost(row.costPerTraceUsd)}</td>
              <td>{row.lastSeen ? formatRelative(row.lastSeen) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
