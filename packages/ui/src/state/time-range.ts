export const RANGE_PRESETS = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 60 * 60_000 },
  { id: '6h', label: 'Last 6 hours', ms: 6 * 60 * 60_000 },
  { id: '24h', label: 'Last 24 hours', ms: 24 * 60 * 60_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 24 * 60 * 60_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 24 * 60 * 60_000 },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];

/** A preset relative to now, or a fixed custom window. */
export type TimeRange = { preset: RangePreset } | { from: string; to: string };

export const DEFAULT_RANGE: TimeRange = { preset: '24h' };

export function isPreset(value: string | null): value is RangePreset {
  return RANGE_PRESETS.some((preset) => preset.id === value);
}

/** Reads `range` (a preset) or `from`+`to` (ISO) from URL parameters. */
export function rangeFromParams(params: URLSearchParams, fallback: TimeRange = DEFAULT_RANGE): TimeRange {
  const from = params.get('from');
  const to = params.get('to');
  if (from && to && !Number.isNaN(Date.parse(from)) && !Number.isNaN(Date.parse(to))) return { from, to };
  const preset = params.get('range');
  return isPreset(preset) ? { preset } : fallback;
}

export function writeRange(params: URLSearchParams, range: TimeRange): void {
  params.delete('range');
  params.delete('from');
  params.delete('to');
  if ('preset' in range) params.set('range', range.preset);
  else {
    params.set('from', range.from);
    params.set('to', range.to);
  }
}

/** The concrete window of a range at `now`. */
export function resolveRange(range: TimeRange, now: number = Date.now()): { from: string; to: string } {
  if ('from' in range) return { from: new Date(range.from).toISOString(), to: new Date(range.to).toISOString() };
  const preset = RANGE_PRESETS.find((candidate) => candidate.id === range.preset) ?? RANGE_PRESETS[3];
  return { from: new Date(now - preset.ms).toISOString(), to: new Date(now).toISOString() };
}

export function describeRange(range: TimeRange): string {
  if ('preset' in range) return RANGE_PRESETS.find((preset) => preset.id === range.preset)?.label ?? range.preset;
  return `${range.from} – ${range.to}`;
}
