import { Link, useParams } from 'react-router';
import { useSession } from '../api/queries.ts';
import { QueryState } from '../components/query-state.tsx';
import { RangePicker } from '../components/range-picker.tsx';
import { StatTile } from '../components/stat-tile.tsx';
import { formatCost, formatCount, formatDuration, formatTime } from '../format.ts';
import { ChatView } from '../trace/chat-view.tsx';
import { usePageRange } from './use-page-range.ts';

/** A session's traces as one conversation, oldest first. */
export function SessionPage() {
  const { sessionId = '' } = useParams();
  const [range, setRange] = usePageRange({ preset: '7d' });
  const session = useSession(sessionId, range);
  return (
    <section aria-labelledby="session-title">
      <p className="breadcrumbs">
        <Link to="/sessions">← Sessions</Link>
      </p>
      <div className="page-header">
        <h1 id="session-title">
          Session <span className="mono">{sessionId}</span>
        </h1>
        <RangePicker value={range} onChange={setRange} />
      </div>
      <QueryState error={session.error} loading={session.isPending}>
        {session.data && (
          <>
            <div className="tiles">
              <StatTile label="Turns (traces)" value={formatCount(session.data.totals.traces)} />
              <StatTile label="Errors" value={formatCount(session.data.totals.errors)} />
              <StatTile
                label="Tokens in / out"
                value={`${formatCount(session.data.totals.inputTokens)} / ${formatCount(session.data.totals.outputTokens)}`}
              />
              <StatTile label="Cost" value={formatCost(session.data.totals.costUsd)} />
            </div>
            {session.data.turns.length === 0 && <p className="muted">No traces of this session in the time range.</p>}
            <ol className="conversation">
              {session.data.turns.map((turn) => (
                <li key={turn.trace.traceId} className="turn">
                  <div className="turn-meta muted small">
                    <Link to={`/traces/${turn.trace.traceId}`}>{turn.trace.name || 'trace'}</Link> ·{' '}
                    {formatTime(turn.trace.startTime)} · {formatDuration(turn.trace.durationMs)} ·{' '}
                    {formatCost(turn.trace.costUsd)}
                    {turn.trace.status === 'error' && <span className="badge error"> error</span>}
                  </div>
                  {turn.input.length === 0 && turn.output.length === 0 ? (
                    <p className="muted small">No messages were captured for this turn.</p>
                  ) : (
                    <>
                      <ChatView messages={turn.input} label="User messages" />
                      <ChatView messages={turn.output} label="Assistant reply" />
                    </>
                  )}
                </li>
              ))}
            </ol>
          </>
        )}
      </QueryState>
    </section>
  );
}
