// Where the reliability and output helpers record: the span the app passes, else the active span,
// else a short span of their own, so a fact recorded outside any trace is not lost.
import { type Attributes, type Span, SpanKind, trace } from '@opentelemetry/api';
import { GEN_AI_PROMPT_NAME, SIGHTLINE_PROMPT_VERSION, SIGHTLINE_SPAN_TYPE } from '@sightline/core';
import { currentContext } from '../context/sightline-context.ts';
import { sightlineTracer } from '../runtime/tracer.ts';

/** gen_ai.prompt.name / sightline.prompt.version of the prompt in context (set by RenderedPrompt.run). */
export function promptAttributes(): Attributes {
  const prompt = currentContext().prompt;
  return prompt ? { [GEN_AI_PROMPT_NAME]: prompt.name, [SIGHTLINE_PROMPT_VERSION]: prompt.version } : {};
}

export interface RecordTarget {
  /** Record on this span instead of the active one. */
  span?: Span | undefined;
}

/**
 * Calls `record` with the span to record on. Without a recording span in reach it starts one named
 * `fallbackName` (typed `spanType` when given), records, and ends it.
 */
export function recordOnSpan(
  target: RecordTarget,
  fallbackName: string,
  record: (span: Span) => void,
  spanType?: string,
): void {
  const span = target.span ?? trace.getActiveSpan();
  if (span?.isRecording()) {
    record(span);
    return;
  }
  const attributes: Attributes = { ...promptAttributes() };
  if (spanType) attributes[SIGHTLINE_SPAN_TYPE] = spanType;
  const own = sightlineTracer().startSpan(fallbackName, { kind: SpanKind.INTERNAL, attributes });
  try {
    record(own);
  } finally {
    own.end();
  }
}
