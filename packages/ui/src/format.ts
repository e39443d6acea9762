import type { CostSource } from './api/types.ts';

const integer = new Intl.NumberFormat('en-US');
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

export function formatCount(value: number): string {
  return Math.abs(value) >= 100_000 ? compact.format(value) : integer.format(value);
}

/** Dollars with enough digits for cheap calls ($0.000123); null is "no price", never "$0". */
export function formatCost(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  if (value === 0) return '$0.00';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return `$${value.toFixed(0)}`;
  if (magnitude >= 1) return `$${value.toFixed(2)}`;
  if (magnitude >= 0.01) return `$${value.toFixed(4)}`;
  return `$${value.toPrecision(3)}`;
}

/** Why a cost is what it is, for a tooltip or a caption. */
export function costExplanation(costSource: CostSource, priceVersion?: string, model?: string): string {
  if (costSource === 'provided') return 'Cost reported by the instrumentation on the span.';
  if (costSource === 'calculated') {
    return `Calculated by Sightline from token counts${priceVersion ? ` with price table ${priceVersion}` : ''}.`;
  }
  return `No price known${model ? ` for model "${model}"` : ''}: add it to prices.yaml to price these calls. Tokens are still counted.`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 'n/a';
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatPercent(value: number): string {
  return `${(value * 100).toFixed(value < 0.1 ? 1 : 0)}%`;
}

export function formatScore(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2).replace(/\.?0+$/, '') || '0';
}

/** Local date and time, to the second. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', {
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

export function formatRelative(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (!Number.isFinite(seconds)) return iso;
  if (seconds < 60) return `${Math.max(seconds, 0)} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

/** Any value as display text (JSON for structures); the UI renders it as text, never as HTML. */
export function displayValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
