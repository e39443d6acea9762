// An LLM span's end, moved off the app's call path: when the SDK's response is parsed the call's
// end time and result are settled at once, and the span is ended (its attributes deferred, the
// span handed to the batch processor, which now and then exports a whole batch right there) just
// after the app's code that awaited it has run. Only where Sightline's own batching processor is
// the one every span goes to: init() turns it on, and flushing ends what is waiting first.

import { logger } from '../diagnostics/safely.ts';

/** A span whose end was put off. */
export interface PendingEnd {
  endNow(): void;
}

let enabled = false;
let pending: PendingEnd[] = [];
let scheduled = false;

/** Whether LLM spans end after the app's await resumes (init(): own provider, batched export). */
export function endSpansAfterCalls(on: boolean): void {
  if (!on) endPendingSpans();
  enabled = on;
}

export function endingSpansAfterCalls(): boolean {
  return enabled;
}

/** Ends the span on the next turn of the event loop (or at the next flush, whichever is first). */
export function endAfterCall(end: PendingEnd): void {
  pending.push(end);
  if (scheduled) return;
  scheduled = true;
  setImmediate(endPendingSpans);
}

/** Ends every span waiting to end (before a flush or shutdown exports what has ended). */
export function endPendingSpans(): void {
  scheduled = false;
  if (pending.length === 0) return;
  const ending = pending;
  pending = [];
  for (let index = 0; index < ending.length; index += 1) {
    // Runs from setImmediate: an error here would reach no caller and could stop the app.
    try {
      ending[index]?.endNow();
    } catch (error) {
      logger.warn('ending an LLM span failed', error);
    }
  }
}
