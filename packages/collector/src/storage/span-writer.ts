import { z } from 'zod';
import type { NormalisedSpan } from '../normalise/types.ts';
import { type GroupCommitOptions, GroupCommitter } from './group-commit.ts';
import { DEFAULT_MAX_MESSAGES_CHARS, spanToJsonLine } from './span-rows.ts';
import type { SqlExecutor } from './sql-executor.ts';
import { StoredSpanKeys } from './stored-span-keys.ts';

/** A serialised span waiting in the group committer. */
export interface PendingSpan {
  key: string;
  projectId: string;
  traceId: string;
  spanId: string;
  startTimeUnixUs: number;
  line: string;
  /** Set by the batch insert when the span turned out to be stored already. */
  duplicate: boolean;
}

export interface WriteResult {
  /** Spans written by this call. */
  stored: number;
  /** Spans dropped because they were stored before or repeated in the call. */
  duplicates: number;
}

export interface SpanWriterStats {
  spansStored: number;
  duplicatesDropped: number;
  existenceQueries: number;
  /** Spans whose existence query was skipped because they were certainly new. */
  existenceChecksSkipped: number;
  recentKeys: number;
}

export interface SpanWriterOptions extends Omit<GroupCommitOptions<PendingSpan>, 'flush'> {
  /** How many stored span keys are remembered to skip the existence query. Default 200,000. */
  recentKeyCapacity?: number;
  maxMessagesChars?: number;
  /**
   * Only for the sole writer of its storage (embedded chDB: one process owns the data directory):
   * the newest span start time stored before this writer began (readNewestSpanStartUs). Spans that
   * start later and are not among its recent keys were never stored, so they skip the existence
   * query. Leave unset when other collectors may write the same tables.
   */
  soleWriterWatermarkUs?: number;
}

const ExistingRow = z.object({ trace_id: z.string(), span_id: z.string() });
const NewestRow = z.object({ newest_us: z.coerce.number() });

/** The newest start time among stored spans (0 when none), for SpanWriterOptions.soleWriterWatermarkUs. */
export async function readNewestSpanStartUs(executor: SqlExecutor): Promise<number> {
  const [row] = await executor.query(
    'SELECT toUnixTimestamp64Micro(max(start_time)) AS newest_us FROM spans',
    {},
    NewestRow,
  );
  return row?.newest_us ?? 0;
}

/**
 * Writes spans idempotently: a retried batch (or a span repeated in one) is stored once, so
 * trace_index sums and rollups, which materialized views fill at insert, never double. A span is
 * dropped when its key is in a bounded recent-key set or, failing that, when one existence query
 * per insert (per project, pruned by the primary key prefix) finds it; a sole writer skips that
 * query for spans it can prove new (StoredSpanKeys). Batches run one at a time, so a retry racing
 * its original is seen as stored. ReplacingMergeTree is the last safety net.
 */
export class SpanWriter {
  readonly committer: GroupCommitter<PendingSpan>;
  readonly #executor: SqlExecutor;
  readonly #recent: StoredSpanKeys;
  readonly #maxMessagesChars: number;
  readonly #stats = { spansStored: 0, duplicatesDropped: 0, existenceQueries: 0, existenceChecksSkipped: 0 };

  constructor(executor: SqlExecutor, options: SpanWriterOptions = {}) {
    const { recentKeyCapacity, maxMessagesChars, soleWriterWatermarkUs, ...committerOptions } = options;
    this.#executor = executor;
    this.#recent = new StoredSpanKeys(recentKeyCapacity ?? 200_000, soleWriterWatermarkUs ?? null);
    this.#maxMessagesChars = maxMessagesChars ?? DEFAULT_MAX_MESSAGES_CHARS;
    this.committer = new GroupCommitter({ ...committerOptions, flush: (items) => this.#insertBatch(items) });
  }

  /** Resolves once this call's spans are stored (or were already); rejects with the insert error or OverloadedError. */
  async writeSpans(spans: readonly NormalisedSpan[]): Promise<WriteResult> {
    const pending: PendingSpan[] = [];
    const seen = new Set<string>();
    let bytes = 0;
    for (const span of spans) {
      const key = spanKey(span.projectId, span.traceId, span.spanId);
      if (seen.has(key) || this.#recent.has(key)) continue;
      seen.add(key);
      const line = spanToJsonLine(span, this.#maxMessagesChars);
      bytes += line.length;
      pending.push({
        key,
        projectId: span.projectId,
        traceId: span.traceId,
        spanId: span.spanId,
        startTimeUnixUs: span.startTimeUnixUs,
        line,
        duplicate: false,
      });
    }
    this.#stats.duplicatesDropped += spans.length - pending.length;
    await this.committer.add(pending, bytes);
    const stored = pending.filter((item) => !item.duplicate).length;
    return { stored, duplicates: spans.length - stored };
  }

  stats(): SpanWriterStats {
    return { ...this.#stats, recentKeys: this.#recent.size };
  }

  async #insertBatch(items: PendingSpan[]): Promise<void> {
    const fresh = await this.#dropStored(items);
    if (fresh.length === 0) return;
    try {
      await this.#executor.insertJsonEachRow('spans', Buffer.from(fresh.map((item) => item.line).join('')));
    } catch (error) {
      // An insert spanning partitions can fail after storing some of them: retries must be checked.
      for (const item of fresh) this.#recent.raiseWatermark(item.startTimeUnixUs);
      throw error;
    }
    for (const item of fresh) this.#recent.add(item.key, item.startTimeUnixUs);
    this.#stats.spansStored += fresh.length;
  }

  /** Marks and removes items stored before (recent keys, the table) or repeated within the batch. */
  async #dropStored(items: PendingSpan[]): Promise<PendingSpan[]> {
    const unique = new Map<string, PendingSpan>();
    for (const item of items) {
      if (unique.has(item.key) || this.#recent.has(item.key)) item.duplicate = true;
      else unique.set(item.key, item);
    }
    const byProject = new Map<string, PendingSpan[]>();
    for (const item of unique.values()) {
      if (this.#recent.isCertainlyNew(item.key, item.startTimeUnixUs)) {
        this.#stats.existenceChecksSkipped += 1;
        continue;
      }
      const list = byProject.get(item.projectId);
      if (list === undefined) byProject.set(item.projectId, [item]);
      else list.push(item);
    }
    for (const [projectId, candidates] of byProject) {
      for (const key of await this.#storedKeys(projectId, candidates)) {
        const item = unique.get(key);
        if (item === undefined) continue;
        item.duplicate = true;
        unique.delete(key);
        this.#recent.add(key, item.startTimeUnixUs);
      }
    }
    this.#stats.duplicatesDropped += items.length - unique.size;
    return [...unique.values()];
  }

  async #storedKeys(projectId: string, candidates: PendingSpan[]): Promise<string[]> {
    const minutes = new Set<number>();
    let earliest = Number.POSITIVE_INFINITY;
    let latest = 0;
    for (const item of candidates) {
      const second = Math.floor(item.startTimeUnixUs / 1_000_000);
      minutes.add(second - (second % 60));
      earliest = Math.min(earliest, second);
      latest = Math.max(latest, second);
    }
    this.#stats.existenceQueries += 1;
    // Prunes by partition, then by (project_id, minute, xxHash32(trace_id)): the key prefix.
    const rows = await this.#executor.query(
      `SELECT DISTINCT trace_id, span_id FROM spans
       WHERE project_id = {projectId:String}
         AND start_time >= toDateTime64({earliest:UInt32}, 6) AND start_time < toDateTime64({latest:UInt32} + 1, 6)
         AND toStartOfMinute(start_time) IN {minutes:Array(DateTime)}
         AND trace_id IN {traceIds:Array(String)}
         AND span_id IN {spanIds:Array(String)}`,
      {
        projectId,
        earliest: Math.max(earliest, 0),
        latest: Math.max(latest, 0),
        minutes: [...minutes],
        traceIds: [...new Set(candidates.map((item) => item.traceId))],
        spanIds: candidates.map((item) => item.spanId),
      },
      ExistingRow,
    );
    return rows.map((row) => spanKey(projectId, row.trace_id, row.span_id));
  }
}

function spanKey(projectId: string, traceId: string, spanId: string): string {
  return `${projectId}\u0000${traceId}\u0000${spanId}`;
}
