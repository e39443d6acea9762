import { useState } from 'react';
import { useSpan } from '../api/queries.ts';
import type { TraceSpan } from '../api/types.ts';
import { QueryState } from '../components/query-state.tsx';
import { Tabs } from '../components/tabs.tsx';
import { formatDuration } from '../format.ts';
import { ChatView } from './chat-view.tsx';
import { SpanAttributes, SpanMapping } from './span-attributes.tsx';
import { SpanDetails } from './span-details.tsx';
import { SpanEvents } from './span-events.tsx';

const TABS = ['Messages', 'Details', 'Events', 'Attributes', 'Mapping'] as const;
type Tab = (typeof TABS)[number];

/** The selected span, read on demand: its messages as a chat, details, events, raw attributes and mapping. */
export function SpanPanel({ traceId, spanId }: { traceId: string; spanId: string | undefined }) {
  const span = useSpan(traceId, spanId);
  const [tab, setTab] = useState<Tab>('Messages');
  if (spanId === undefined)
    return <div className="panel muted">Select a span to see its messages, cost and attributes.</div>;
  return (
    <div className="panel span-panel" aria-live="polite">
      <QueryState error={span.error} loading={span.isPending}>
        {span.data && (
          <>
            <SpanHeading span={span.data} />
            <Tabs tabs={TABS} selected={tab} onSelect={setTab} label="Span sections" idPrefix="span-tab">
              {tab === 'Messages' && <SpanMessages span={span.data} />}
              {tab === 'Details' && <SpanDetails span={span.data} />}
              {tab === 'Events' && <SpanEvents span={span.data} />}
              {tab === 'Attributes' && <SpanAttributes span={span.data} />}
              {tab === 'Mapping' && <SpanMapping span={span.data} />}
            </Tabs>
          </>
        )}
      </QueryState>
    </div>
  );
}

function SpanHeading({ span }: { span: TraceSpan }) {
  const model = span.responseModel || span.requestModel;
  return (
    <div className="span-heading">
      <h2 className="span-title">{span.name || '(unnamed span)'}</h2>
      <div className="muted small">
        <span className={`type-badge type-${span.spanType}`}>{span.spanType}</span> {span.operation}
        {model ? ` · ${model}` : ''}
        {span.provider ? ` · ${span.provider}` : ''} · {formatDuration(span.durationMs)}
        {span.status === 'ERROR' ? <span className="badge error"> error</span> : null}
      </div>
    </div>
  );
}

function SpanMessages({ span }: { span: TraceSpan }) {
  if (span.input.length === 0 && span.output.length === 0) {
    return (
      <p className="muted">
        No messages were captured for this span. Content capture may be off in the instrumentation, or this span is not
        a model call.
      </p>
    );
  }
  return (
    <div>
      {span.messagesSource === 'log_events' && (
        <p className="muted small">Messages were taken from the span's GenAI log records.</p>
      )}
      <h3 className="section-title">Input</h3>
      {span.input.length > 0 ? (
        <ChatView messages={span.input} label="Input messages" />
      ) : (
        <p className="muted">None</p>
      )}
      <h3 className="section-title">Output</h3>
      {span.output.length > 0 ? (
        <ChatView messages={span.output} label="Output messages" />
      ) : (
        <p className="muted">None</p>
      )}
    </div>
  );
}
