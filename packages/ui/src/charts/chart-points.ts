/**
 * Indices of values with no value on either side: a line cannot be drawn through them, so they are
 * drawn as points (a series with one value in the window would otherwise show nothing).
 */
export function isolatedPoints(values: readonly (number | null | undefined)[]): number[] {
  const present = (index: number) => values[index] !== null && values[index] !== undefined;
  const isolated: number[] = [];
  for (let index = 0; index < values.length; index += 1) {
    if (present(index) && !present(index - 1) && !present(index + 1)) isolated.push(index);
  }
  return isolated;
}

/** The x range of a chart: one bucket alone gets its own width around it instead of a zero-width scale. */
export function timeRange(min: number, max: number, bucketSeconds: number): [number, number] {
  return min === max ? [min - bucketSeconds / 2, max + bucketSeconds / 2] : [min, max];
}
