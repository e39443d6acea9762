// An LLM span's end, moved off the app's call path: when the SDK's response is parsed the call's
// end time and result are settled at once, and the span is ended (created, when it was started
// late, its attributes deferred, the span handed to the batch processor) within 200 ms, in a batch
// with the other calls' spans. Work done right after each call would land on the app's next request
// (the HTTP client sends it over several event-loop turns); in a batch it costs one turn now and
// then. Only where Sightline's own batching processor takes every span, which exports them on its
// own schedule anyway: init() turns it on, and flushing ends what is waiting first.

import { logger } from '../diagnostics/safely.ts';

/** A span whose end was put off. */
export interface PendingEnd {
  endNow(): void;
}

let enabled = false;
let pending: PendingEnd[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;

/** Whether LLM spans end after the app's await resumes (init(): own provider, batched export). */
export function endSpansAfterCalls(on: boolean): void {
  if (!on) endPendingSpans();
  enabled = on;
}

export function endingSpansAfterCalls(): boolean {
  return enabled;
}

/** Spans waiting to end at most this long; the batch processor exports them on its next tick after. */
const END_DELAY_MS = 200;
/** And at most this many: a burst of calls ends its spans at once. */
const MAX_PENDING = 256;

/** Ends the span soon, in a batch with the others (or at the next flush, whichever is first). */
export function endAfterCall(end: PendingEnd): void {
  pending.push(end);
  if (pending.length >= MAX_PENDING) {
    endPendingSpans();
    return;
  }
  // Unref'd: a pending end never keeps the process alive (exit hooks flush, which ends it first).
  timer ??= setTimeout(endPendingSpans, END_DELAY_MS).unref();
}

/** Whether spans wait to end (an exit hook flushes, which ends them, only when something is unexported). */
export function spansWaitingToEnd(): boolean {
  return pending.length > 0;
}

/** Ends every span waiting to end (before a flush or shutdown exports what has ended). */
export function endPendingSpans(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  if (pending.length === 0) return;
  const ending = pending;
  pending = [];
  for (let index = 0; index < ending.length; index += 1) {
    // Runs from a timer: an error here would reach no caller and could stop the app.
    try {
      ending[index]?.endNow();
    } catch (error) {
      logger.warn('ending an LLM span failed', error);
    }
  }
}
