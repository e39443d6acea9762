import { type FormEvent, useEffect, useId, useState } from 'react';
import type { Facets } from '../api/types.ts';
import {
  NUMBER_FILTERS,
  type NumberFilter,
  TEXT_FILTERS,
  type TextFilter,
  type TraceFilterState,
} from '../state/trace-filters.ts';
import { RangePicker } from './range-picker.tsx';

const TEXT_LABELS: Record<TextFilter, string> = {
  service: 'Service',
  environment: 'Environment',
  model: 'Model',
  provider: 'Provider',
  userId: 'User',
  sessionId: 'Session',
  promptName: 'Prompt',
  promptVersion: 'Prompt version',
  feature: 'Feature',
  scoreName: 'Score name',
  search: 'Search prompts and completions',
};
const NUMBER_LABELS: Record<NumberFilter, string> = {
  minCostUsd: 'Min cost ($)',
  maxCostUsd: 'Max cost ($)',
  minDurationMs: 'Min latency (ms)',
  maxDurationMs: 'Max latency (ms)',
  minScore: 'Min score',
  maxScore: 'Max score',
};
const SUGGESTIONS: Partial<Record<TextFilter, keyof Facets>> = {
  service: 'services',
  environment: 'environments',
  model: 'models',
  provider: 'providers',
  promptName: 'promptNames',
  promptVersion: 'promptVersions',
  feature: 'features',
  scoreName: 'scoreNames',
};

interface Draft {
  text: Partial<Record<TextFilter, string>>;
  numbers: Partial<Record<NumberFilter, string>>;
  status: string;
}

function draftOf(state: TraceFilterState): Draft {
  const numbers: Draft['numbers'] = {};
  for (const key of NUMBER_FILTERS) if (state.numbers[key] !== undefined) numbers[key] = String(state.numbers[key]);
  return { text: { ...state.text }, numbers, status: state.status ?? '' };
}

interface TraceFilterBarProps {
  state: TraceFilterState;
  facets: Facets | undefined;
  onChange: (state: TraceFilterState) => void;
}

/** Filters of the traces table; text and number fields apply on Enter or “Apply”, pickers at once. */
export function TraceFilterBar({ state, facets, onChange }: TraceFilterBarProps) {
  const [draft, setDraft] = useState(() => draftOf(state));
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const stateKey = JSON.stringify(state);
  // Reset the draft when the applied filters change (URL navigation), not on every render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: stateKey stands for state
  useEffect(() => setDraft(draftOf(state)), [stateKey]);

  const apply = (next: Draft) => {
    const text: TraceFilterState['text'] = {};
    for (const key of TEXT_FILTERS) {
      const value = next.text[key]?.trim();
      if (value) text[key] = value;
    }
    const numbers: TraceFilterState['numbers'] = {};
    for (const key of NUMBER_FILTERS) {
      const value = next.numbers[key];
      if (value === undefined || value.trim() === '') continue;
      const number = Number(value);
      if (Number.isFinite(number)) numbers[key] = number;
    }
    const { status: _previous, ...rest } = state;
    onChange({
      ...rest,
      text,
      numbers,
      ...(next.status === 'ok' || next.status === 'error' ? { status: next.status } : {}),
    });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const textField = (key: TextFilter) => {
    const suggestions = SUGGESTIONS[key];
    const values = suggestions && facets ? facets[suggestions] : [];
    return (
      <label key={key} className={key === 'search' ? 'field wide' : 'field'}>
        <span>{TEXT_LABELS[key]}</span>
        <input
          type={key === 'search' ? 'search' : 'text'}
          value={draft.text[key] ?? ''}
          list={values.length > 0 ? `${id}-${key}` : undefined}
          placeholder={key === 'search' ? 'Text in any prompt or completion' : 'Any'}
          onChange={(event) => setDraft({ ...draft, text: { ...draft.text, [key]: event.target.value } })}
        />
        {values.length > 0 && (
          <datalist id={`${id}-${key}`}>
            {values.map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        )}
      </label>
    );
  };
  const numberField = (key: NumberFilter) => (
    <label key={key} className="field narrow">
      <span>{NUMBER_LABELS[key]}</span>
      <input
        type="number"
        inputMode="decimal"
        step="any"
        value={draft.numbers[key] ?? ''}
        onChange={(event) => setDraft({ ...draft, numbers: { ...draft.numbers, [key]: event.target.value } })}
      />
    </label>
  );

  return (
    <form className="filter-bar" onSubmit={submit} aria-label="Trace filters">
      <div className="filter-row">
        <RangePicker value={state.range} onChange={(range) => onChange({ ...state, range })} />
        {textField('search')}
        <label className="field narrow">
          <span>Status</span>
          <select
            value={draft.status}
            onChange={(event) => {
              const next = { ...draft, status: event.target.value };
              setDraft(next);
              apply(next);
            }}
          >
            <option value="">Any</option>
            <option value="ok">OK</option>
            <option value="error">Error</option>
          </select>
        </label>
        <button type="button" className="button subtle" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Fewer filters' : 'More filters'}
        </button>
        <button type="submit" className="button primary">
          Apply
        </button>
      </div>
      {expanded && (
        <div className="filter-grid">
          {TEXT_FILTERS.filter((key) => key !== 'search').map(textField)}
          {NUMBER_FILTERS.map(numberField)}
        </div>
      )}
    </form>
  );
}
