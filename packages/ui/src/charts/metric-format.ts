import { formatCost, formatCount, formatDuration, formatPercent } from '../format.ts';

// Stable function identities: charts rebuild when their formatter changes.
export const formatters = {
  count: (value: number) => formatCount(Math.round(value)),
  cost: (value: number) => formatCost(value),
  duration: (value: number) => formatDuration(value),
  percent: (value: number) => formatPercent(value),
  score: (value: number) => value.toFixed(2),
};

/** Element-wise ratio; null where the denominator is zero or either side is unknown. */
export function ratio(
  numerators: readonly (number | null)[],
  denominators: readonly (number | null)[],
): (number | null)[] {
  return numerators.map((value, index) => {
    const denominator = denominators[index];
    return value === null || denominator === null || denominator === undefined || denominator === 0
      ? null
      : value / denominator;
  });
}
