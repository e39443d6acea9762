import type { Pricer } from '@sightline/core';
import { InferenceParentIndex } from '../normalise/double-counting.ts';
import { normaliseSpan } from '../normalise/normalise-span.ts';
import type { ConventionAdapter, NormalisedSpan } from '../normalise/types.ts';
import type { OtlpSpan } from '../otlp/types.ts';

/** Turns decoded OTLP spans of one project into canonical spans, resolving double counting across the batch. */
export class SpanNormaliser {
  readonly #adapters: readonly ConventionAdapter[];
  readonly #pricer: Pricer;
  readonly #parents = new InferenceParentIndex();

  constructor(adapters: readonly ConventionAdapter[], pricer: Pricer) {
    this.#adapters = adapters;
    this.#pricer = pricer;
  }

  normalise(projectId: string, spans: readonly OtlpSpan[]): NormalisedSpan[] {
    const options = { projectId, adapters: this.#adapters, pricer: this.#pricer };
    const normalised = spans.map((span) => normaliseSpan(span, options));
    this.#parents.apply(normalised);
    return normalised;
  }
}
