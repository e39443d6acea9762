// withFallback: tries candidates (models, providers) in order inside one `fallback` span. Each failure
// that hands over to the next candidate is a `sightline.fallback` event; the span says which candidate
// answered, and LLM spans made by a later candidate carry fallback_from in their metadata.
import { type Attributes, type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  ERROR_TYPE,
  SIGHTLINE_ERROR_MESSAGE,
  SIGHTLINE_FALLBACK_CANDIDATES,
  SIGHTLINE_FALLBACK_EVENT,
  SIGHTLINE_FALLBACK_FROM,
  SIGHTLINE_FALLBACK_INDEX,
  SIGHTLINE_FALLBACK_TO,
  SIGHTLINE_FALLBACK_USED,
} from '@sightline/core';
import { withContext } from '../context/sightline-context.ts';
import { safely } from '../diagnostics/safely.ts';
import { sightlineTracer } from '../runtime/tracer.ts';
import { errorMessage, errorType } from './error-facts.ts';

export interface FallbackCandidate<T> {
  /** What the UI shows, e.g. "openai/gpt-4o" or "anthropic/claude-haiku-4-5". */
  name: string;
  run: (span: Span) => Promise<T>;
}

export interface FallbackOptions {
  /** Names the span `fallback <name>`. */
  name?: string;
  /** Whether a failure hands over to the next candidate (default: every failure does). */
  fallbackOn?: (error: unknown, candidate: string) => boolean;
}

/** Returns the first candidate's result that succeeds; when all fail, throws the last error. */
export async function withFallback<T>(
  candidates: ReadonlyArray<FallbackCandidate<T>>,
  options: FallbackOptions = {},
): Promise<T> {
  if (candidates.length === 0) throw new TypeError('withFallback needs at least one candidate');
  const names = candidates.map((candidate) => candidate.name);
  const attributes: Attributes = { [SIGHTLINE_FALLBACK_CANDIDATES]: names };
  const spanName = options.name ? `fallback ${options.name}` : 'fallback';

  return sightlineTracer().startActiveSpan(spanName, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
    try {
      for (const [index, candidate] of candidates.entries()) {
        const metadata: Record<string, string> = { fallback_candidate: candidate.name };
        if (index > 0) metadata.fallback_from = names[0]!;
        try {
          const result = await withContext({ metadata }, () => candidate.run(span));
          safely('recording the fallback outcome', () => {
            span.setAttribute(SIGHTLINE_FALLBACK_USED, candidate.name);
            span.setAttribute(SIGHTLINE_FALLBACK_INDEX, index);
            if (index > 0) span.setAttribute(SIGHTLINE_FALLBACK_FROM, names[0]!);
          });
          return result;
        } catch (error) {
          const next = candidates[index + 1];
          const handOver = next !== undefined && (options.fallbackOn?.(error, candidate.name) ?? true);
          safely('recording a fallback event', () => {
            const event: Attributes = {
              [SIGHTLINE_FALLBACK_FROM]: candidate.name,
              [ERROR_TYPE]: errorType(error),
              [SIGHTLINE_ERROR_MESSAGE]: errorMessage(error),
            };
            if (handOver && next) event[SIGHTLINE_FALLBACK_TO] = next.name;
            span.addEvent(SIGHTLINE_FALLBACK_EVENT, event);
          });
          if (!handOver) {
            safely('recording a fallback failure', () => {
              span.setAttribute(ERROR_TYPE, errorType(error));
              span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
            });
            throw error;
          }
        }
      }
      throw new Error('unreachable: the last candidate either returns or throws');
    } finally {
      span.end();
    }
  });
}
