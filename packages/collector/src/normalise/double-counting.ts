import type { NormalisedSpan } from './types.ts';

/**
 * Remembers recent inference spans' parents so that a wrapper span (an instrumentation span around an
 * SDK-native span, an agent root repeating its steps' usage) is excluded from totals even when its
 * child arrived in an earlier request. When the wrapper came first (a child that ended after its
 * parent) and was counted, the child is left out instead: totals are final once stored, so the
 * first of the two to arrive counts. Bounded: oldest entries are evicted first.
 */
export class InferenceParentIndex {
  readonly #parents = new Set<string>();
  /** Inference spans with usage that were counted in totals. */
  readonly #counted = new Set<string>();
  readonly #capacity: number;

  constructor(capacity = 200_000) {
    this.#capacity = capacity;
  }

  #key(span: { projectId: string; traceId: string }, spanId: string): string {
    return `${span.projectId}/${span.traceId}/${spanId}`;
  }

  /**
   * Marks inference spans with an inference descendant as not counting towards totals (their usage
   * repeats the descendant's). Looks at ancestors within the batch and at parents remembered from earlier batches.
   */
  apply(spans: NormalisedSpan[]): void {
    const keys = spans.map((span) => this.#key(span, span.spanId));
    const byId = new Map<string, NormalisedSpan>();
    for (let index = 0; index < spans.length; index++) byId.set(keys[index] as string, spans[index] as NormalisedSpan);
    for (const span of spans) {
      // A child without usage of its own does not take over its parent's.
      if (!hasUsage(span)) continue;
      // Root spans (most LLM calls) have nothing to walk or remember.
      if (!span.parentSpanId) continue;
      // Walk up: every inference ancestor in this batch repeats this span's usage.
      const firstParentKey = this.#key(span, span.parentSpanId);
      let parentKey = firstParentKey;
      const seen = new Set<string>();
      while (parentKey && !seen.has(parentKey)) {
        seen.add(parentKey);
        const parent = byId.get(parentKey);
        if (!parent) break;
        if (isInference(parent)) parent.countsInTotals = false;
        parentKey = parent.parentSpanId ? this.#key(parent, parent.parentSpanId) : '';
      }
      this.#remember(firstParentKey);
    }
    for (let index = 0; index < spans.length; index++) {
      const span = spans[index] as NormalisedSpan;
      if (span.countsInTotals && this.#parents.has(keys[index] as string)) span.countsInTotals = false;
      if (!span.countsInTotals || !hasUsage(span)) continue;
      // Its inference parent, stored and counted in an earlier batch, already holds this usage.
      const parentKey = span.parentSpanId ? this.#key(span, span.parentSpanId) : '';
      if (parentKey && !byId.has(parentKey) && this.#counted.has(parentKey)) {
        span.countsInTotals = false;
        continue;
      }
      remember(this.#counted, keys[index] as string, this.#capacity);
    }
  }

  #remember(key: string): void {
    remember(this.#parents, key, this.#capacity);
  }
}

function isInference(span: NormalisedSpan): boolean {
  return span.spanType === 'llm' || span.spanType === 'embedding';
}

/** An inference span that reported token usage of its own. */
function hasUsage(span: NormalisedSpan): boolean {
  return isInference(span) && span.usage.inputTokens + span.usage.outputTokens > 0;
}

function remember(set: Set<string>, key: string, capacity: number): void {
  if (set.has(key)) return;
  set.add(key);
  if (set.size > capacity) {
    const oldest = set.values().next().value;
    if (oldest !== undefined) set.delete(oldest);
  }
}
