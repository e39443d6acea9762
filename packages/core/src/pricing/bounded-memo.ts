/**
 * A memo table with a size cap: model names come from user data, so their number is unbounded.
 * When full, the oldest entry is dropped (insertion order), which keeps hot keys in practice.
 */
export class BoundedMemo<Value> {
  readonly #entries = new Map<string, Value>();
  readonly #capacity: number;

  constructor(capacity = 10_000) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The memoised value for `key`, computing and storing it on first use. */
  get(key: string, compute: () => Value): Value {
    if (this.#entries.has(key)) return this.#entries.get(key) as Value;
    const value = compute();
    if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    this.#entries.set(key, value);
    return value;
  }
}
