const MINUTE_US = 60_000_000;

/**
 * Keys of spans this process stored recently, bounded, grouped by the minute the span started.
 * When full, the minute with the oldest spans is forgotten first, which keeps one fact true: every
 * span this process stored that started at or after `watermarkUs` is still in the set. A span that
 * is not in the set and started after the watermark was therefore never stored by this process,
 * and, for the only writer of its storage that took the watermark from the newest stored span at
 * start, never stored at all: its existence query can be skipped.
 */
export class StoredSpanKeys {
  readonly #keys = new Set<string>();
  readonly #byMinute = new Map<number, string[]>();
  readonly #capacity: number;
  #watermarkUs: number;

  /** `watermarkUs`: the newest start time already in storage when this process began writing; null when other writers may exist. */
  constructor(capacity: number, watermarkUs: number | null) {
    this.#capacity = Math.max(1, capacity);
    this.#watermarkUs = watermarkUs ?? Number.POSITIVE_INFINITY;
  }

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  /** True when the span cannot be stored already (see the class comment); false means "ask storage". */
  isCertainlyNew(key: string, startTimeUnixUs: number): boolean {
    return startTimeUnixUs > this.#watermarkUs && !this.#keys.has(key);
  }

  add(key: string, startTimeUnixUs: number): void {
    if (this.#keys.has(key)) return;
    this.#keys.add(key);
    const minute = Math.floor(startTimeUnixUs / MINUTE_US);
    const bucket = this.#byMinute.get(minute);
    if (bucket === undefined) this.#byMinute.set(minute, [key]);
    else bucket.push(key);
    while (this.#keys.size > this.#capacity) this.#forgetOldestMinute();
  }

  get size(): number {
    return this.#keys.size;
  }

  /** Newest start time below which a span absent from the set may still be stored. */
  get watermarkUs(): number {
    return this.#watermarkUs;
  }

  /** Spans starting at or before this may be stored without being remembered (e.g. after a failed insert). */
  raiseWatermark(startTimeUnixUs: number): void {
    this.#watermarkUs = Math.max(this.#watermarkUs, startTimeUnixUs);
  }

  #forgetOldestMinute(): void {
    let oldest = Number.POSITIVE_INFINITY;
    for (const minute of this.#byMinute.keys()) if (minute < oldest) oldest = minute;
    const bucket = this.#byMinute.get(oldest);
    if (bucket === undefined) return;
    this.#byMinute.delete(oldest);
    for (const key of bucket) this.#keys.delete(key);
    // Spans of that minute may now be stored without being remembered.
    this.raiseWatermark((oldest + 1) * MINUTE_US - 1);
  }
}
