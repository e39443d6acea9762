import { useState } from 'react';
import type { TraceSpan } from '../api/types.ts';

function AttributeTable({
  caption,
  values,
  filter,
}: {
  caption: string;
  values: Record<string, string>;
  filter: string;
}) {
  const rows = Object.entries(values)
    .filter(
      ([key, value]) => filter === '' || key.toLowerCase().includes(filter) || value.toLowerCase().includes(filter),
    )
    .sort(([a], [b]) => a.localeCompare(b));
  return (
    <table className="data-table compact attribute-table">
      <caption>
        {caption} ({rows.length})
      </caption>
      <tbody>
        {rows.map(([key, value]) => (
          <tr key={key}>
            <th scope="row">
              <code>{key}</code>
            </th>
            <td>
              <span className="attribute-value">{value}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The span's raw attributes and resource attributes, as stored. */
export function SpanAttributes({ span }: { span: TraceSpan }) {
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  return (
    <div>
      <label className="field">
        <span>Filter attributes</span>
        <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
      </label>
      <AttributeTable caption="Span attributes" values={span.attributes} filter={needle} />
      <AttributeTable caption="Resource attributes" values={span.resourceAttributes} filter={needle} />
      {Object.keys(span.metadata).length > 0 && (
        <AttributeTable caption="Metadata" values={span.metadata} filter={needle} />
      )}
    </div>
  );
}

/** Which attributes the convention adapters recognised, and which were kept raw only. */
export function SpanMapping({ span }: { span: TraceSpan }) {
  const { mapping } = span;
  return (
    <div>
      <p>
        Conventions detected: <strong>{mapping.conventions.join(', ') || 'none'}</strong>
      </p>
      {mapping.errors.length > 0 && (
        <div className="notice error" role="note">
          {mapping.errors.map((error) => (
            <div key={error}>{error}</div>
          ))}
        </div>
      )}
      <table className="data-table compact">
        <caption>Recognised ({mapping.mapped.length})</caption>
        <thead>
          <tr>
            <th scope="col">Attribute</th>
            <th scope="col">Field</th>
            <th scope="col">Adapter</th>
          </tr>
        </thead>
        <tbody>
          {mapping.mapped.map((entry) => (
            <tr key={`${entry.attribute}-${entry.field}-${entry.adapter}`}>
              <td>
                <code>{entry.attribute}</code>
              </td>
              <td>{entry.field}</td>
              <td>{entry.adapter}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="section-title">Kept raw ({mapping.raw.length})</h3>
      {mapping.raw.length === 0 ? (
        <p className="muted">Every attribute was recognised.</p>
      ) : (
        <ul className="raw-list">
          {mapping.raw.map((attribute) => (
            <li key={attribute}>
              <code>{attribute}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
