/** The queue is full: the caller should retry later (HTTP 503 with Retry-After). */
export class OverloadedError extends Error {
  override readonly name = 'OverloadedError';
  readonly retryAfterSeconds: number;

  constructor(queuedRows: number, retryAfterSeconds: number) {
    super(`storage is overloaded (${queuedRows} rows waiting to be written); retry in ${retryAfterSeconds} s`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class CommitterClosedError extends Error {
  override readonly name = 'CommitterClosedError';
}

export interface BatchReport {
  rows: number;
  bytes: number;
  /** How many add() calls this batch served. */
  callers: number;
  durationMs: number;
  /** Set when the batch failed; every caller of the batch got this error. */
  error?: unknown;
}

export interface GroupCommitStats {
  queuedRows: number;
  queuedBytes: number;
  queuedCallers: number;
  inFlightRows: number;
  batches: number;
  failedBatches: number;
  rowsStored: number;
  rejectedRows: number;
  lastBatchRows: number;
  largestBatchRows: number;
  insertMillisecondsTotal: number;
}

export interface GroupCommitOptions<Item> {
  /** Writes one batch. Resolving means the items are stored. */
  flush(items: Item[]): Promise<void>;
  /** Most rows in one batch while an insert is in flight. Default 20,000. */
  maxRows?: number;
  /** Most bytes in one batch. Default 32 MiB. */
  maxBytes?: number;
  /** add() rejects with OverloadedError when more rows than this would wait. Default 100,000. */
  maxQueuedRows?: number;
  /** Called after every batch (for latency histograms and batch-size metrics). */
  onBatch?(report: BatchReport): void;
}

interface Pending<Item> {
  items: readonly Item[];
  bytes: number;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Groups concurrent callers' rows into one insert. When idle, a batch starts at once (after the
 * current microtask, so same-tick callers share it); while an insert runs, new rows accumulate up
 * to maxRows/maxBytes for the next one. Batches run one at a time, which also lets the flush
 * function see every earlier batch as stored. Each add() settles when its own rows are stored or
 * their batch failed.
 */
export class GroupCommitter<Item> {
  readonly #flush: (items: Item[]) => Promise<void>;
  readonly #maxRows: number;
  readonly #maxBytes: number;
  readonly #maxQueuedRows: number;
  readonly #onBatch: ((report: BatchReport) => void) | undefined;
  #queue: Pending<Item>[] = [];
  #queuedRows = 0;
  #queuedBytes = 0;
  #inFlightRows = 0;
  #running = false;
  #scheduled = false;
  #closed = false;
  #idleWaiters: (() => void)[] = [];
  /** Smoothed rows per second of recent batches, for the Retry-After hint. */
  #rowsPerSecond = 0;
  readonly #stats = {
    batches: 0,
    failedBatches: 0,
    rowsStored: 0,
    rejectedRows: 0,
    lastBatchRows: 0,
    largestBatchRows: 0,
    insertMillisecondsTotal: 0,
  };

  constructor(options: GroupCommitOptions<Item>) {
    this.#flush = options.flush;
    this.#maxRows = options.maxRows ?? 20_000;
    this.#maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.#maxQueuedRows = options.maxQueuedRows ?? 100_000;
    this.#onBatch = options.onBatch;
  }

  /** Queues rows; resolves once they are stored, rejects with the insert's error or OverloadedError. */
  add(items: readonly Item[], bytes = 0): Promise<void> {
    if (this.#closed) return Promise.reject(new CommitterClosedError('storage is shutting down'));
    if (items.length === 0) return Promise.resolve();
    if (this.#queuedRows > 0 && this.#queuedRows + items.length > this.#maxQueuedRows) {
      this.#stats.rejectedRows += items.length;
      return Promise.reject(new OverloadedError(this.#queuedRows, this.#retryAfterSeconds()));
    }
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ items, bytes, resolve, reject });
      this.#queuedRows += items.length;
      this.#queuedBytes += bytes;
      this.#schedule();
    });
  }

  stats(): GroupCommitStats {
    return {
      queuedRows: this.#queuedRows,
      queuedBytes: this.#queuedBytes,
      queuedCallers: this.#queue.length,
      inFlightRows: this.#inFlightRows,
      ...this.#stats,
    };
  }

  /** Resolves when nothing is queued or in flight. */
  drain(): Promise<void> {
    if (!this.#running && !this.#scheduled && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Refuses new rows and waits for the queued ones. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.drain();
  }

  #schedule(): void {
    if (this.#running || this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      void this.#run();
    });
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    while (this.#queue.length > 0) await this.#flushOne(this.#takeBatch());
    this.#running = false;
    for (const resolve of this.#idleWaiters.splice(0)) resolve();
  }

  #takeBatch(): Pending<Item>[] {
    const batch: Pending<Item>[] = [];
    let rows = 0;
    let bytes = 0;
    while (this.#queue.length > 0) {
      const next = this.#queue[0]!;
      // A caller's rows are never split; the first caller always fits.
      if (batch.length > 0 && (rows + next.items.length > this.#maxRows || bytes + next.bytes > this.#maxBytes)) break;
      this.#queue.shift();
      batch.push(next);
      rows += next.items.length;
      bytes += next.bytes;
    }
    this.#queuedRows -= rows;
    this.#queuedBytes -= bytes;
    return batch;
  }

  async #flushOne(batch: Pending<Item>[]): Promise<void> {
    const items = batch.flatMap((pending) => pending.items);
    const bytes = batch.reduce((sum, pending) => sum + pending.bytes, 0);
    this.#inFlightRows = items.length;
    const started = performance.now();
    let failure: { error: unknown } | undefined;
    try {
      await this.#flush(items);
    } catch (error) {
      failure = { error };
    }
    const durationMs = performance.now() - started;
    this.#inFlightRows = 0;
    this.#record(items.length, durationMs, failure === undefined);
    for (const pending of batch) {
      if (failure === undefined) pending.resolve();
      else pending.reject(failure.error);
    }
    this.#onBatch?.({
      rows: items.length,
      bytes,
      callers: batch.length,
      durationMs,
      ...(failure === undefined ? {} : { error: failure.error }),
    });
  }

  #record(rows: number, durationMs: number, succeeded: boolean): void {
    const stats = this.#stats;
    stats.batches += 1;
    stats.lastBatchRows = rows;
    stats.largestBatchRows = Math.max(stats.largestBatchRows, rows);
    stats.insertMillisecondsTotal += durationMs;
    if (!succeeded) {
      stats.failedBatches += 1;
      return;
    }
    stats.rowsStored += rows;
    const rate = rows / Math.max(durationMs / 1000, 0.001);
    this.#rowsPerSecond = this.#rowsPerSecond === 0 ? rate : this.#rowsPerSecond * 0.8 + rate * 0.2;
  }

  #retryAfterSeconds(): number {
    if (this.#rowsPerSecond <= 0) return 1;
    return Math.min(60, Math.max(1, Math.ceil(this.#queuedRows / this.#rowsPerSecond)));
  }
}
