/**
 * Bucket widths the views use, in seconds. From 10 minutes up each is a multiple of 10 minutes and
 * from an hour up a multiple of an hour, so a chart reads the coarsest rollup that fits its buckets.
 */
const BUCKET_SECONDS = [60, 300, 600, 1200, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 604_800] as const;
/** Charts stay legible and cheap to draw up to about this many points per series. */
const MAX_BUCKETS = 240;

export interface Bucketing {
  bucketSeconds: number;
  /** Bucket starts in Unix seconds, covering [from, to). */
  buckets: number[];
}

/**
 * The narrowest bucket (at least `minimumSeconds` wide) that keeps the range within MAX_BUCKETS
 * points, and every bucket start in the range.
 */
export function bucketsFor(from: Date, to: Date, minimumSeconds = 60): Bucketing {
  const fromSeconds = Math.floor(from.getTime() / 1000);
  const toSeconds = Math.ceil(to.getTime() / 1000);
  const span = Math.max(toSeconds - fromSeconds, 60);
  const bucketSeconds =
    BUCKET_SECONDS.find((width) => width >= minimumSeconds && span / width <= MAX_BUCKETS) ?? 604_800;
  const first = Math.floor(fromSeconds / bucketSeconds) * bucketSeconds;
  const buckets: number[] = [];
  for (let start = first; start < toSeconds; start += bucketSeconds) buckets.push(start);
  if (buckets.length === 0) buckets.push(first);
  return { bucketSeconds, buckets };
}

/** Places per-bucket values into a dense array aligned with `buckets` (missing buckets get `empty`). */
export function densify<T>(
  buckets: readonly number[],
  rows: readonly { bucket: number }[],
  value: (index: number) => T,
  empty: T,
): T[] {
  const position = new Map(buckets.map((bucket, index) => [bucket, index]));
  const result = buckets.map(() => empty);
  rows.forEach((row, index) => {
    const at = position.get(row.bucket);
    if (at !== undefined) result[at] = value(index);
  });
  return result;
}
