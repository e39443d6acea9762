import { describe, expect, test } from 'vitest';
import { type BatchReport, CommitterClosedError, GroupCommitter, OverloadedError } from './group-commit.ts';

/** A flush whose batches finish when the test says so. */
function controlledFlush() {
  const batches: number[][] = [];
  const waiting: { resolve(): void; reject(error: unknown): void }[] = [];
  return {
    batches,
    flush: (items: number[]) =>
      new Promise<void>((resolve, reject) => {
        batches.push(items);
        waiting.push({ resolve, reject });
      }),
    finish(index: number) {
      waiting[index]!.resolve();
    },
    fail(index: number, error: Error) {
      waiting[index]!.reject(error);
    },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group committer', () => {
  test('same-tick callers share one batch; callers arriving during an insert share the next', async () => {
    const control = controlledFlush();
    const reports: BatchReport[] = [];
    const committer = new GroupCommitter<number>({ flush: control.flush, onBatch: (report) => reports.push(report) });
    const settled: string[] = [];
    const first = committer.add([1, 2], 20).then(() => settled.push('first'));
    const second = committer.add([3], 10).then(() => settled.push('second'));
    await tick();
    expect(control.batches).toEqual([[1, 2, 3]]);
    const third = committer.add([4], 10).then(() => settled.push('third'));
    const fourth = committer.add([5, 6], 20).then(() => settled.push('fourth'));
    await tick();
    expect(committer.stats()).toMatchObject({ queuedRows: 3, queuedCallers: 2, inFlightRows: 3 });
    expect(settled).toEqual([]);
    control.finish(0);
    await Promise.all([first, second]);
    await tick();
    expect(settled).toEqual(['first', 'second']);
    expect(control.batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    control.finish(1);
    await Promise.all([third, fourth]);
    expect(reports.map((report) => [report.rows, report.bytes, report.callers])).toEqual([
      [3, 30, 2],
      [3, 30, 2],
    ]);
    expect(committer.stats()).toMatchObject({ batches: 2, rowsStored: 6, queuedRows: 0, largestBatchRows: 3 });
  });

  test('an insert error rejects every caller of that batch and only them', async () => {
    const control = controlledFlush();
    const committer = new GroupCommitter<number>({ flush: control.flush });
    const a = committer.add([1]);
    const b = committer.add([2]);
    await tick();
    const c = committer.add([3]);
    control.fail(0, new Error('disk full'));
    await expect(a).rejects.toThrow('disk full');
    await expect(b).rejects.toThrow('disk full');
    await tick();
    control.finish(1);
    await expect(c).resolves.toBeUndefined();
    expect(committer.stats()).toMatchObject({ batches: 2, failedBatches: 1, rowsStored: 1 });
  });

  test('batches are capped by rows and bytes without splitting a caller', async () => {
    const control = controlledFlush();
    const committer = new GroupCommitter<number>({ flush: control.flush, maxRows: 4, maxBytes: 1000 });
    const blocker = committer.add([0]);
    await tick();
    const waiting = [committer.add([1, 2, 3]), committer.add([4, 5]), committer.add([6], 2000), committer.add([7])];
    control.finish(0);
    await blocker;
    for (let index = 1; index <= 4; index++) {
      await tick();
      control.finish(index);
    }
    await Promise.all(waiting);
    expect(control.batches).toEqual([[0], [1, 2, 3], [4, 5], [6], [7]]);
  });

  test('rejects fast with a Retry-After hint when too many rows wait', async () => {
    const control = controlledFlush();
    const committer = new GroupCommitter<number>({ flush: control.flush, maxQueuedRows: 5 });
    const inFlight = committer.add([1]);
    await tick();
    const queued = committer.add([2, 3, 4, 5]);
    const refused = committer.add([6, 7]);
    await expect(refused).rejects.toBeInstanceOf(OverloadedError);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: expect.any(Number) });
    expect(committer.stats().rejectedRows).toBe(2);
    control.finish(0);
    await inFlight;
    await tick();
    control.finish(1);
    await queued;
    const accepted = committer.add([8]);
    await tick();
    control.finish(2);
    await expect(accepted).resolves.toBeUndefined();
  });

  test('close waits for queued rows and refuses new ones', async () => {
    const control = controlledFlush();
    const committer = new GroupCommitter<number>({ flush: control.flush });
    const pending = committer.add([1]);
    await tick();
    const closed = committer.close();
    await expect(committer.add([2])).rejects.toBeInstanceOf(CommitterClosedError);
    control.finish(0);
    await pending;
    await closed;
    expect(committer.stats().rowsStored).toBe(1);
  });
});
