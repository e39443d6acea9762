import type { Context } from '@opentelemetry/api';
import {
  BatchSpanProcessor,
  type ReadableSpan,
  SimpleSpanProcessor,
  type Span,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { GEN_AI_OPERATION_NAME, SIGHTLINE_SCOPE_PREFIX, VERCEL_AI_OPERATION_ID } from '@sightline/core';
import { contextValues } from '../context/sightline-context.ts';
import { logger } from '../diagnostics/safely.ts';
import { contextAttributes } from '../spans/context-attributes.ts';
import { endPendingSpans, spansWaitingToEnd } from '../spans/end-queue.ts';

export interface SightlineSpanProcessorOptions {
  exportImmediately: boolean;
  maxQueueSize: number;
}

function scopeName(span: Span): string {
  const scoped = span as unknown as {
    instrumentationScope?: { name?: string };
    instrumentationLibrary?: { name?: string };
  };
  return scoped.instrumentationScope?.name ?? scoped.instrumentationLibrary?.name ?? '';
}

/**
 * Sightline's processor: batches spans to the exporter with a bounded queue, and puts the app's
 * withContext() values on GenAI spans other libraries start (Vercel AI SDK, other GenAI
 * instrumentations), so user, session and feature reach those too.
 */
export class SightlineSpanProcessor implements SpanProcessor {
  readonly #inner: SpanProcessor;
  #endedSinceFlush = 0;

  constructor(exporter: SpanExporter, options: SightlineSpanProcessorOptions) {
    this.#inner = options.exportImmediately
      ? new SimpleSpanProcessor({ exporter })
      : new BatchSpanProcessor({
          exporter,
          maxQueueSize: options.maxQueueSize,
          maxExportBatchSize: Math.min(512, options.maxQueueSize),
          scheduledDelayMillis: 1000,
        });
  }

  /** Whether spans ended since the last flush, or wait to end (so an exit hook flushes only when needed). */
  get hasUnflushedSpans(): boolean {
    return this.#endedSinceFlush > 0 || spansWaitingToEnd();
  }

  onStart(span: Span, parentContext: Context): void {
    try {
      this.#addContext(span, parentContext);
    } catch (error) {
      logger.warn("adding Sightline context to a span failed; the app's call goes on unobserved", error);
    }
    this.#inner.onStart(span, parentContext);
  }

  #addContext(span: Span, parentContext: Context): void {
    // Sightline's own spans got the context when they started; outside withContext there is none.
    if (scopeName(span).startsWith(SIGHTLINE_SCOPE_PREFIX)) return;
    const context = contextValues(parentContext);
    if (!context) return;
    const attributes = span.attributes ?? {};
    if (attributes[GEN_AI_OPERATION_NAME] === undefined && attributes[VERCEL_AI_OPERATION_ID] === undefined) return;
    const values = contextAttributes(context, { includePrompt: true });
    for (const [key, value] of Object.entries(values)) {
      if (attributes[key] === undefined && value !== undefined) span.setAttribute(key, value);
    }
  }

  onEnd(span: ReadableSpan): void {
    this.#endedSinceFlush += 1;
    this.#inner.onEnd(span);
  }

  forceFlush(): Promise<void> {
    // LLM spans waiting to end (end-queue.ts) end first, so that the flush exports them.
    endPendingSpans();
    this.#endedSinceFlush = 0;
    return this.#inner.forceFlush();
  }

  shutdown(): Promise<void> {
    endPendingSpans();
    this.#endedSinceFlush = 0;
    return this.#inner.shutdown();
  }
}
