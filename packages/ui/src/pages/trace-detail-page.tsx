import { type ReactNode, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTraceOutline } from '../api/queries.ts';
import type { TraceOutline } from '../api/types.ts';
import { QueryState } from '../components/query-state.tsx';
import { formatCost, formatCount, formatDuration, formatTime } from '../format.ts';
import { FeedbackForm } from '../trace/feedback-form.tsx';
import { SpanPanel } from '../trace/span-panel.tsx';
import { buildSpanTree } from '../trace/span-tree.ts';
import { SpanWaterfall } from '../trace/span-waterfall.tsx';

export function TraceDetailPage() {
  const { traceId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const outline = useTraceOutline(traceId);
  const tree = useMemo(() => (outline.data ? buildSpanTree(outline.data.spans) : undefined), [outline.data]);
  const selected = searchParams.get('span') ?? undefined;
  const select = (spanId: string) => setSearchParams({ span: spanId }, { replace: true });

  return (
    <section aria-labelledby="trace-title" className="trace-page">
      <p className="breadcrumbs">
        <Link to="/traces">← Traces</Link>
      </p>
      <QueryState error={outline.error} loading={outline.isPending}>
        {outline.data && tree && (
          <>
            <TraceHeader outline={outline.data} />
            <div className="trace-layout">
              <SpanWaterfall tree={tree} selectedId={selected} onSelect={select} />
              <div className="trace-side">
                <SpanPanel traceId={traceId} spanId={selected} />
                <FeedbackForm traceId={traceId} spanId={selected} scores={outline.data.scores} />
              </div>
            </div>
          </>
        )}
      </QueryState>
    </section>
  );
}

function TraceHeader({ outline }: { outline: TraceOutline }) {
  const { trace } = outline;
  const unpriced = outline.unpricedCalls;
  return (
    <header className="trace-header">
      <h1 id="trace-title">{trace.name || '(unnamed trace)'}</h1>
      <div className="stat-row">
        <Stat label="Started">{formatTime(trace.startTime)}</Stat>
        <Stat label="Duration">{formatDuration(trace.durationMs)}</Stat>
        <Stat label="Spans">{formatCount(trace.spanCount)}</Stat>
        <Stat label="Model calls">{formatCount(outline.countedCalls)}</Stat>
        <Stat label="Tokens in / out">
          {formatCount(trace.inputTokens)} / {formatCount(trace.outputTokens)}
        </Stat>
        <Stat label="Cached input">{formatCount(trace.cacheReadTokens)}</Stat>
        <Stat label="Cost">{formatCost(trace.costUsd)}</Stat>
        <Stat label="Status">
          <span className={`badge ${trace.status}`}>
            {trace.status === 'error' ? `error (${trace.errorCount})` : 'ok'}
          </span>
        </Stat>
      </div>
      <p className="muted small">
        {trace.serviceName}
        {trace.environment ? ` · ${trace.environment}` : ''}
        {trace.userId && (
          <>
            {' · user '}
            <Link to={`/users/${encodeURIComponent(trace.userId)}`}>{trace.userId}</Link>
          </>
        )}
        {trace.sessionId && (
          <>
            {' · session '}
            <Link to={`/sessions/${encodeURIComponent(trace.sessionId)}`}>{trace.sessionId}</Link>
          </>
        )}
        {' · totals count each model call once'}
      </p>
      {unpriced > 0 && (
        <p className="notice warning small" role="note">
          {unpriced} of {outline.countedCalls} model call(s) have no known price
          {trace.costUsd === null ? ', so the cost is unknown' : ': the cost shown covers the priced calls only'}. Add
          the model to prices.yaml to price them.
        </p>
      )}
    </header>
  );
}

function Stat({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{children}</div>
    </div>
  );
}
