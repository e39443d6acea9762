import type { KeyboardEvent } from 'react';
import { Link } from 'react-router';
import type { TraceRow } from '../api/types.ts';
import { formatCost, formatCount, formatDuration, formatScore, formatTime } from '../format.ts';
import type { SortKey } from '../state/trace-filters.ts';

interface TracesTableProps {
  traces: TraceRow[];
  sort: SortKey;
  order: 'asc' | 'desc';
  onSort: (sort: SortKey) => void;
  /** Trace ids that arrived since live mode started, highlighted. */
  fresh: ReadonlySet<string>;
}

const SORTABLE: { key: SortKey; label: string }[] = [
  { key: 'startTime', label: 'Time' },
  { key: 'totalTokens', label: 'Tokens' },
  { key: 'costUsd', label: 'Cost' },
  { key: 'durationMs', label: 'Latency' },
];

/** Arrow keys move between rows' links, so the table is usable without a mouse. */
function moveFocus(event: KeyboardEvent<HTMLTableSectionElement>) {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-row-link]')];
  const current = links.indexOf(document.activeElement as HTMLAnchorElement);
  const next = links[event.key === 'ArrowDown' ? Math.min(current + 1, links.length - 1) : Math.max(current - 1, 0)];
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function TracesTable({ traces, sort, order, onSort, fresh }: TracesTableProps) {
  const header = (key: SortKey | undefined, label: string, numeric = false) => {
    if (key === undefined)
      return (
        <th scope="col" className={numeric ? 'numeric' : undefined}>
          {label}
        </th>
      );
    const active = sort === key;
    return (
      <th
        scope="col"
        className={numeric ? 'numeric' : undefined}
        aria-sort={active ? (order === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button type="button" className="sort-button" onClick={() => onSort(key)}>
          {label}
          <span aria-hidden="true">{active ? (order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };
  const sortable = (key: SortKey) => SORTABLE.find((column) => column.key === key)!;
  return (
    <div className="table-scroll">
      <table className="data-table traces-table">
        <caption className="visually-hidden">Traces, {traces.length} shown</caption>
        <thead>
          <tr>
            {header('startTime', sortable('startTime').label)}
            {header(undefined, 'Name')}
            {header(undefined, 'User')}
            {header(undefined, 'Session')}
            {header(undefined, 'Model(s)')}
            {header('totalTokens', 'Tokens', true)}
            {header('costUsd', 'Cost', true)}
            {header('durationMs', 'Latency', true)}
            {header(undefined, 'Status')}
            {header(undefined, 'Scores')}
          </tr>
        </thead>
        <tbody onKeyDown={moveFocus}>
          {traces.length === 0 && (
            <tr>
              <td colSpan={10} className="empty">
                No traces match these filters in this time range.
              </td>
            </tr>
          )}
          {traces.map((trace) => (
            <tr key={trace.traceId} className={fresh.has(trace.traceId) ? 'fresh' : undefined}>
              <td className="nowrap">
                <time dateTime={trace.startTime}>{formatTime(trace.startTime)}</time>
              </td>
              <td className="name-cell">
                <Link data-row-link to={`/traces/${trace.traceId}`} title={trace.name}>
                  {trace.name || '(unnamed trace)'}
                </Link>
                <span className="muted small"> {trace.serviceName}</span>
              </td>
              <td className="truncate">
                {trace.userId ? <Link to={`/users/${encodeURIComponent(trace.userId)}`}>{trace.userId}</Link> : '—'}
              </td>
              <td className="truncate">
                {trace.sessionId ? (
                  <Link to={`/sessions/${encodeURIComponent(trace.sessionId)}`}>{trace.sessionId}</Link>
                ) : (
                  '—'
                )}
              </td>
              <td className="truncate" title={trace.models.join(', ')}>
                {trace.models.join(', ') || '—'}
              </td>
              <td className="numeric" title={`${trace.inputTokens} in / ${trace.outputTokens} out`}>
                {formatCount(trace.inputTokens + trace.outputTokens)}
              </td>
              <td className="numeric" title={trace.costUsd === null ? 'No price known for these calls' : undefined}>
                {formatCost(trace.costUsd)}
              </td>
              <td className="numeric">{formatDuration(trace.durationMs)}</td>
              <td>
                <span className={`badge ${trace.status}`}>
                  {trace.status === 'error' ? `error (${trace.errorCount})` : 'ok'}
                </span>
              </td>
              <td>
                {trace.scores.map((score) => (
                  <span key={score.name} className="chip" title={`${score.count} score(s)`}>
                    {score.name}: {formatScore(score.mean)}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
