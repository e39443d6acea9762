import type { TraceSpan } from '../api/types.ts';
import { formatDuration } from '../format.ts';

/** What kind of reliability event an event name stands for. */
export function eventCategory(name: string): string {
  if (name.includes('retry')) return 'retry';
  if (name.includes('fallback')) return 'fallback';
  if (name.includes('cache')) return 'cache';
  if (name.includes('guardrail')) return 'guardrail';
  if (name === 'exception' || name.includes('error')) return 'error';
  if (name.startsWith('gen_ai.')) return 'genai';
  return 'event';
}

export function SpanEvents({ span }: { span: TraceSpan }) {
  if (span.events.length === 0) return <p className="muted">No events on this span.</p>;
  return (
    <ol className="event-list">
      {span.events.map((event, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: events have no id and never reorder
        <li key={index} className="event">
          <div>
            <span className={`chip category-${eventCategory(event.name)}`}>{eventCategory(event.name)}</span>{' '}
            <strong>{event.name}</strong>{' '}
            <span className="muted small">+{formatDuration((event.timeUnixUs - span.startTimeUnixUs) / 1000)}</span>
          </div>
          {Object.keys(event.attributes).length > 0 && (
            <dl className="key-values small">
              {Object.entries(event.attributes).map(([key, value]) => (
                <div key={key} className="kv-pair">
                  <dt>{key}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          )}
        </li>
      ))}
    </ol>
  );
}
