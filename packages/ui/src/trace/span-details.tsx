import type { ReactNode } from 'react';
import type { TraceSpan } from '../api/types.ts';
import { costExplanation, displayValue, formatCost, formatCount, formatDuration } from '../format.ts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Model, parameters, token breakdown, cost with its source and price version, TTFT and errors. */
export function SpanDetails({ span }: { span: TraceSpan }) {
  const model = span.responseModel || span.requestModel;
  const parameters = Object.entries(span.requestParameters);
  const costDetails = Object.entries(span.costDetails);
  const usageDetails = Object.entries(span.usageDetails);
  return (
    <div className="details">
      {(span.status === 'ERROR' || span.errorType) && (
        <div className="notice error" role="note">
          <strong>Error{span.errorType ? ` (${span.errorType})` : ''}:</strong>{' '}
          {span.statusMessage || 'no message recorded'}
        </div>
      )}
      <h3 className="section-title">Model</h3>
      <dl className="key-values">
        <Row label="Provider">{span.provider || '—'}</Row>
        <Row label="Requested model">{span.requestModel || '—'}</Row>
        <Row label="Response model">{span.responseModel || '—'}</Row>
        <Row label="Operation">{span.operation || '—'}</Row>
        <Row label="Finish reasons">{span.finishReasons.join(', ') || '—'}</Row>
        <Row label="Time to first token">{formatDuration(span.timeToFirstTokenMs)}</Row>
        <Row label="Duration">{formatDuration(span.durationMs)}</Row>
      </dl>
      {parameters.length > 0 && (
        <>
          <h3 className="section-title">Parameters</h3>
          <dl className="key-values">
            {parameters.map(([key, value]) => (
              <Row key={key} label={key}>
                <code>{displayValue(value)}</code>
              </Row>
            ))}
          </dl>
        </>
      )}
      <h3 className="section-title">Tokens</h3>
      <table className="data-table compact token-table">
        <caption className="visually-hidden">Token breakdown</caption>
        <tbody>
          <tr>
            <th scope="row">Input (all)</th>
            <td className="numeric">{formatCount(span.inputTokens)}</td>
          </tr>
          <tr>
            <th scope="row">↳ cached (cache read)</th>
            <td className="numeric">{formatCount(span.cacheReadTokens)}</td>
          </tr>
          <tr>
            <th scope="row">↳ cache write</th>
            <td className="numeric">{formatCount(span.cacheWriteTokens)}</td>
          </tr>
          <tr>
            <th scope="row">Output (all)</th>
            <td className="numeric">{formatCount(span.outputTokens)}</td>
          </tr>
          <tr>
            <th scope="row">↳ reasoning</th>
            <td className="numeric">{formatCount(span.reasoningTokens)}</td>
          </tr>
        </tbody>
      </table>
      {usageDetails.length > 0 && (
        <p className="muted small">
          Reported usage: {usageDetails.map(([key, value]) => `${key} ${formatCount(value)}`).join(' · ')}
        </p>
      )}
      {!span.countsInTotals && (span.inputTokens > 0 || span.outputTokens > 0) && (
        <p className="notice info small">
          Not counted in trace totals: this span repeats the usage of the model calls below it, which are counted once.
        </p>
      )}
      <h3 className="section-title">Cost</h3>
      <dl className="key-values">
        <Row label="Cost">
          <strong>{formatCost(span.costUsd)}</strong>
        </Row>
        <Row label="Source">{span.costSource}</Row>
        <Row label="Price version">{span.priceVersion || '—'}</Row>
      </dl>
      <p className="muted small">{costExplanation(span.costSource, span.priceVersion, model)}</p>
      {costDetails.length > 0 && (
        <table className="data-table compact">
          <caption className="visually-hidden">Cost by token kind</caption>
          <tbody>
            {costDetails.map(([key, value]) => (
              <tr key={key}>
                <th scope="row">{key}</th>
                <td className="numeric">{formatCost(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="section-title">Context</h3>
      <dl className="key-values">
        <Row label="Service">{span.serviceName || '—'}</Row>
        <Row label="Environment">{span.environment || '—'}</Row>
        <Row label="Prompt">{span.promptName ? `${span.promptName} ${span.promptVersion}` : '—'}</Row>
        <Row label="Feature">{span.feature || '—'}</Row>
        <Row label="User">{span.userId || '—'}</Row>
        <Row label="Session">{span.sessionId || '—'}</Row>
        <Row label="Agent / tool">{[span.agentName, span.toolName].filter(Boolean).join(' / ') || '—'}</Row>
        <Row label="Tags">{span.tags.join(', ') || '—'}</Row>
        <Row label="Convention">{`${span.sourceConvention} (${span.scopeName} ${span.scopeVersion})`}</Row>
        <Row label="Span id">
          <code>{span.spanId}</code>
        </Row>
      </dl>
    </div>
  );
}
