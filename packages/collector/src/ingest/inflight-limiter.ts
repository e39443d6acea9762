/** Caps concurrent ingest requests so decode/normalise work cannot pile up without bound (beyond → 429). */
export class InflightLimiter {
  #active = 0;
  readonly #limit: number;

  constructor(limit: number) {
    this.#limit = limit;
  }

  get active(): number {
    return this.#active;
  }

  tryAcquire(): (() => void) | undefined {
    if (this.#active >= this.#limit) return undefined;
    this.#active += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active -= 1;
    };
  }
}
