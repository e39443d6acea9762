import { useState } from 'react';
import { RANGE_PRESETS, type TimeRange } from '../state/time-range.ts';

function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

/** Time range presets, or a custom from/to window. */
export function RangePicker({ value, onChange }: { value: TimeRange; onChange: (range: TimeRange) => void }) {
  const [custom, setCustom] = useState(() =>
    'from' in value ? value : { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() },
  );
  const selected = 'preset' in value ? value.preset : 'custom';
  return (
    <div className="range-picker">
      <label>
        <span>Time range</span>
        <select
          value={selected}
          onChange={(event) => {
            const next = event.target.value;
            if (next === 'custom') onChange(custom);
            else onChange({ preset: next as (typeof RANGE_PRESETS)[number]['id'] });
          }}
        >
          {RANGE_PRESETS.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
      </label>
      {selected === 'custom' && (
        <>
          <label>
            <span>From</span>
            <input
              type="datetime-local"
              value={toLocalInput(custom.from)}
              onChange={(event) => {
                const from = new Date(event.target.value);
                if (Number.isNaN(from.getTime())) return;
                const next = { ...custom, from: from.toISOString() };
                setCustom(next);
                onChange(next);
              }}
            />
          </label>
          <label>
            <span>To</span>
            <input
              type="datetime-local"
              value={toLocalInput(custom.to)}
              onChange={(event) => {
                const to = new Date(event.target.value);
                if (Number.isNaN(to.getTime())) return;
                const next = { ...custom, to: to.toISOString() };
                setCustom(next);
                onChange(next);
              }}
            />
          </label>
        </>
      )}
    </div>
  );
}
