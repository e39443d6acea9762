import { type FormEvent, useId, useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useAddScore } from '../api/queries.ts';
import type { Score } from '../api/types.ts';
import { formatScore } from '../format.ts';

const THUMBS_NAME = 'user_feedback';

interface FeedbackFormProps {
  traceId: string;
  spanId: string | undefined;
  scores: Score[];
}

/** Human feedback on a trace (or the selected span): thumbs up/down or a named numeric score, with a comment. */
export function FeedbackForm({ traceId, spanId, scores }: FeedbackFormProps) {
  const addScore = useAddScore(traceId);
  const [comment, setComment] = useState('');
  const [name, setName] = useState('quality');
  const [value, setValue] = useState('');
  const [onSpan, setOnSpan] = useState(false);
  const id = useId();
  const target = onSpan && spanId ? { spanId } : {};

  const send = (scoreName: string, scoreValue: number | boolean) => {
    addScore.mutate(
      {
        traceId,
        ...target,
        name: scoreName,
        value: scoreValue,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      },
      { onSuccess: () => setComment('') },
    );
  };
  const submitNumeric = (event: FormEvent) => {
    event.preventDefault();
    const number = Number(value);
    if (name.trim() === '' || value.trim() === '' || !Number.isFinite(number)) return;
    send(name.trim(), number);
    setValue('');
  };

  return (
    <section className="panel feedback" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Scores and feedback
      </h2>
      {scores.length === 0 ? (
        <p className="muted small">No scores yet.</p>
      ) : (
        <ul className="score-list">
          {scores.map((score) => (
            <li key={score.id}>
              <span className="chip">
                {score.name}: {score.stringValue ?? formatScore(score.value)}
              </span>{' '}
              <span className="muted small">
                {score.source}
                {score.spanId ? ` · span ${score.spanId.slice(0, 8)}` : ''}
              </span>
              {score.comment && <div className="score-comment">{score.comment}</div>}
            </li>
          ))}
        </ul>
      )}
      <label className="field">
        <span>Comment (optional)</span>
        <textarea rows={2} value={comment} onChange={(event) => setComment(event.target.value)} maxLength={10_000} />
      </label>
      {spanId && (
        <label className="checkbox">
          <input type="checkbox" checked={onSpan} onChange={(event) => setOnSpan(event.target.checked)} /> Score the
          selected span only
        </label>
      )}
      <div className="feedback-actions">
        <button
          type="button"
          className="button"
          aria-label="Thumbs up"
          onClick={() => send(THUMBS_NAME, true)}
          disabled={addScore.isPending}
        >
          + Good
        </button>
        <button
          type="button"
          className="button"
          aria-label="Thumbs down"
          onClick={() => send(THUMBS_NAME, false)}
          disabled={addScore.isPending}
        >
          − Bad
        </button>
      </div>
      <form className="inline-form" onSubmit={submitNumeric} aria-label="Add a numeric score">
        <label className="field narrow">
          <span>Score name</span>
          <input value={name} onChange={(event) => setName(event.target.value)} maxLength={200} />
        </label>
        <label className="field narrow">
          <span>Value</span>
          <input type="number" step="any" value={value} onChange={(event) => setValue(event.target.value)} />
        </label>
        <button type="submit" className="button" disabled={addScore.isPending}>
          Add score
        </button>
      </form>
      {addScore.isSuccess && (
        <p className="muted small" role="status">
          Saved.
        </p>
      )}
      {addScore.error && (
        <p className="notice error small" role="alert">
          {addScore.error instanceof ApiError && addScore.error.status === 403
            ? 'This API key may not write scores: use a key with "all" scope.'
            : addScore.error.message}
        </p>
      )}
    </section>
  );
}
