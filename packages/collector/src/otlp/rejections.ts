// Counts items refused for bad ids and keeps the first few reasons, so a 10,000-span batch of bad ids still
// yields a short partial_success error_message.
import type { Rejection } from './types.ts';

export const MAX_REJECTION_REASONS = 10;

export class RejectionCollector {
  count = 0;
  readonly reasons: string[] = [];

  add(reason: string): void {
    this.count++;
    if (this.reasons.length < MAX_REJECTION_REASONS) this.reasons.push(reason);
  }

  result(): Rejection {
    const hidden = this.count - this.reasons.length;
    return { count: this.count, reasons: hidden > 0 ? [...this.reasons, `and ${hidden} more`] : this.reasons };
  }
}
