import {
  type Attributes,
  type Context,
  context,
  type Span,
  SpanKind,
  type SpanOptions,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { isTracingSuppressed } from '@opentelemetry/core';
import {
  ERROR_TYPE,
  GEN_AI_OPERATION_NAME,
  GEN_AI_OUTPUT_MESSAGES,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_FINISH_REASONS,
  GEN_AI_RESPONSE_ID,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
  SIGHTLINE_CONTENT_TRUNCATED,
  SIGHTLINE_SPAN_TYPE,
  SIGHTLINE_USAGE_ESTIMATED,
} from '@sightline/core';
import { contextValues, type SightlineContext } from '../context/sightline-context.ts';
import { logger } from '../diagnostics/safely.ts';
import { type ContentPolicy, contentAttribute, omittedMessagesMarker } from '../privacy/content-policy.ts';
import { llmSpanActivationWanted } from '../runtime/active-llm-span.ts';
import { runtimeSettings } from '../runtime/settings.ts';
import { activatesLlmSpans, sightlineTracer } from '../runtime/tracer.ts';
import { costAttributes } from '../usage/cost.ts';
import { type ReportedUsage, usageAttributes } from '../usage/reported-usage.ts';
import { addContextAttributes, contextAttributeCount } from './context-attributes.ts';
import { assignStartAttributes, deferAttributes, deferringAttributes } from './deferred-attributes.ts';
import { endAfterCall, endingSpansAfterCalls } from './end-queue.ts';
import {
  type LateSpanIdentity,
  lateSamplingMayDrop,
  lateSpanIdentity,
  startingSpansLate,
  startLateSpan,
} from './late-span-start.ts';
import { type CapturedContent, inputContentAttributes } from './request-attributes.ts';

export interface LlmCallStart {
  /** gen_ai.operation.name: chat, embeddings, ... */
  operation: string;
  /** gen_ai.provider.name: openai, anthropic, ... */
  provider: string;
  requestModel: string;
  spanType: 'llm' | 'embedding';
  /** server.address / server.port: set with the call's identity when the span starts (samplers are not given them). */
  server: Attributes;
  /**
   * Request parameters: from the request as it was when the call started (read then, or from a copy
   * taken then; read off the call path, when the span is created or completed).
   */
  attributes: Attributes;
  /** The request's messages, instructions and tools in the parts shape, when content is captured (the same). */
  content?: CapturedContent | undefined;
}

export interface LlmCallResult {
  responseId?: string | undefined;
  responseModel?: string | undefined;
  finishReasons?: string[] | undefined;
  /** What the provider reported; when missing, `estimateUsage` counts it. */
  usage?: ReportedUsage | undefined;
  estimateUsage?: (() => ReportedUsage) | undefined;
  /** Part of `usage` was counted with the tokenizer (a stream abandoned before its final usage). */
  usageEstimated?: boolean | undefined;
  /** Output messages in the OTel parts shape (captured only when content capture is on). */
  outputMessages?: unknown[] | undefined;
}

/** Why an error failed the call: the HTTP status for API errors, else the error's class name. */
export function errorType(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number') return String(status);
    const name = (error as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === 'string' && name !== '' && name !== 'Object') return name;
  }
  return '_OTHER';
}

/** At most this many attributes come from a call's result (response, usage, cost, output). */
const MAX_RESULT_ATTRIBUTES = 16;
/** And at most this many from its captured request content (three attributes and the truncation flag). */
const MAX_CONTENT_ATTRIBUTES = 4;

/** The options of an LLM span started without attributes (read, never changed, by startSpan). */
const CLIENT_SPAN: SpanOptions = Object.freeze({ kind: SpanKind.CLIENT });

/** What a span started late (late-span-start.ts) is created from when its call ends. */
interface LateStart {
  /** Settled at the start when the span was active during the call; else by the tracer at the end. */
  identity: LateSpanIdentity | undefined;
  parent: Context;
}

/** `chat gpt-4o`, or the operation alone when the request names no model. */
function spanName(start: LlmCallStart): string {
  return start.requestModel ? `${start.operation} ${start.requestModel}` : start.operation;
}

/** What the call's result adds, settled when it ended (the rest is derived from it later). */
interface Outcome {
  result: LlmCallResult;
  usage: ReportedUsage | undefined;
  usageEstimated: boolean;
  firstChunkSeconds: number | undefined;
}

/**
 * One LLM call's span, from request to response (or to the end of its stream). The span starts
 * with the call's identity; what the request and response add (parameters, content, context,
 * usage, cost) is copied from them when the call starts and ends, and turned into attributes when
 * Sightline exports the span (deferred-attributes.ts), off the app's call path.
 */
export class LlmCall {
  #span: Span | undefined;
  #late: LateStart | undefined;
  /**
   * The context to run the SDK call in, so that HTTP spans nest under this one; undefined when
   * nothing reads it (runtime/active-llm-span.ts) or the span must not be active (a private
   * provider, runtime/tracer.ts): the call then runs in the app's context.
   */
  readonly context: Context | undefined;
  readonly #start: LlmCallStart;
  readonly #policy: ContentPolicy;
  readonly #values: SightlineContext | undefined;
  /** performance.now() at the start (prices are looked up as of then). */
  readonly #startedMs = performance.now();
  #firstChunkMs: number | undefined;
  #ended = false;
  /** When the call ended, and what it settled, while its span waits to end (end-queue.ts). */
  #endedMs: number | undefined;
  #pendingOutcome: Outcome | undefined;

  constructor(start: LlmCallStart) {
    this.#start = start;
    this.#policy = runtimeSettings().content;
    const parent = context.active();
    this.#values = contextValues(parent);
    if (startingSpansLate() && !isTracingSuppressed(parent)) {
      if (!llmSpanActivationWanted()) {
        // Nothing in the process reads the active span during the call: identity and span at its end.
        this.#late = { identity: undefined, parent };
        this.context = undefined;
        return;
      }
      // Only the span's identity now, active during the call; the span itself when the call ends.
      const identity = lateSpanIdentity(parent, spanName(start));
      this.#late = { identity, parent };
      this.context = trace.setSpan(parent, trace.wrapSpanContext(identity.spanContext));
      return;
    }
    this.#span = this.#startSpan(parent, undefined);
    this.context = activatesLlmSpans() ? trace.setSpan(parent, this.#span) : undefined;
  }

  /** The call's span, created now if it was started late. */
  get span(): Span {
    if (this.#span !== undefined) return this.#span;
    const late = this.#late!;
    this.#late = undefined;
    this.#span = this.#startSpan(late.parent, late);
    return this.#span;
  }

  /** Starts the SDK span with the call's identity attributes: now, or late with the call's start time. */
  #startSpan(parent: Context, late: LateStart | undefined): Span {
    const start = this.#start;
    const name = spanName(start);
    const attributes: Attributes = {};
    attributes[GEN_AI_OPERATION_NAME] = start.operation;
    attributes[GEN_AI_PROVIDER_NAME] = start.provider;
    let count = 3;
    if (start.requestModel) {
      attributes[GEN_AI_REQUEST_MODEL] = start.requestModel;
      count += 1;
    }
    attributes[SIGHTLINE_SPAN_TYPE] = start.spanType;
    for (const key in start.server) {
      const value = start.server[key];
      if (value === undefined) continue;
      attributes[key] = value;
      count += 1;
    }
    let span: Span;
    if (late !== undefined) {
      span = startLateSpan(sightlineTracer(), name, parent, late.identity, this.#startedMs);
    } else if (deferringAttributes()) {
      // No sampler or other processor reads them: skip the SDK's validation and copies of each.
      span = sightlineTracer().startSpan(name, CLIENT_SPAN, parent);
    } else {
      return sightlineTracer().startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
    }
    if (!assignStartAttributes(span, attributes, count, this.#maxAddedAttributes())) span.setAttributes(attributes);
    return span;
  }

  /** Whether the span records (known before a late span exists). */
  #recording(): boolean {
    const late = this.#late;
    if (late === undefined) return this.span.isRecording();
    // Not settled at the start: settled now where the sampler may drop the span (so that a dropped
    // call does no end-of-call work), else left to the tracer when the span is created.
    if (late.identity === undefined && lateSamplingMayDrop(late.parent)) {
      late.identity = lateSpanIdentity(late.parent, spanName(this.#start));
    }
    return late.identity?.recording ?? true;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Called for the first streamed chunk: gen_ai.response.time_to_first_chunk. */
  markFirstChunk(): void {
    this.#firstChunkMs ??= performance.now();
  }

  finish(result: LlmCallResult): void {
    if (this.#ended) return;
    this.#ended = true;
    let outcome: Outcome | undefined;
    try {
      // Settled now, before the app can change the response: usage counted if none was reported.
      if (this.#recording()) outcome = this.#outcome(result);
    } catch (error) {
      logger.warn('recording an LLM response failed', error);
    }
    if (outcome !== undefined && endingSpansAfterCalls()) {
      // The span ends with this time, once the app's code after its await has run.
      this.#endedMs = performance.now();
      this.#pendingOutcome = outcome;
      endAfterCall(this);
      return;
    }
    this.#end(outcome, undefined);
  }

  /** Ends a span whose end was put off (end-queue.ts). */
  endNow(): void {
    const outcome = this.#pendingOutcome;
    this.#pendingOutcome = undefined;
    this.#end(outcome, this.#endedMs);
  }

  #end(outcome: Outcome | undefined, endTime: number | undefined): void {
    if (this.#late?.identity?.recording === false) {
      // Sampled out: the tracer would only make a non-recording span to end at once.
      this.#late = undefined;
      return;
    }
    const span = this.span;
    try {
      if (outcome !== undefined && span.isRecording()) {
        const deferred = deferAttributes(span, this.#maxAddedAttributes(), (current) =>
          this.#completed(current, outcome),
        );
        if (!deferred) this.#setNow(outcome);
      }
    } catch (error) {
      logger.warn('recording an LLM response failed', error);
    }
    // A performance.now() time: the SDK places it on the span's own clock, as it does its end().
    span.end(endTime);
  }

  fail(error: unknown, partial?: LlmCallResult): void {
    if (this.#ended) return;
    this.#ended = true;
    const span = this.span;
    if (span.isRecording()) {
      try {
        this.#setNow(partial ? this.#outcome(partial) : undefined);
      } catch (recordError) {
        logger.warn('recording a partial LLM response failed', recordError);
      }
    }
    const message = error instanceof Error ? error.message : String(error);
    span.setAttribute(ERROR_TYPE, errorType(error));
    if (error instanceof Error) span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message });
    span.end();
  }

  /** Settles what can change after the call: the time to first chunk, and usage counted now if none was reported. */
  #outcome(result: LlmCallResult): Outcome {
    let usage = result.usage;
    let usageEstimated = usage !== undefined && result.usageEstimated === true;
    if (!usage && result.estimateUsage) {
      // Counted from the request and response as they are now, before the app can change them.
      usage = result.estimateUsage();
      usageEstimated = true;
    }
    const firstChunkSeconds =
      this.#firstChunkMs === undefined ? undefined : (this.#firstChunkMs - this.#startedMs) / 1000;
    return { result, usage, usageEstimated, firstChunkSeconds };
  }

  /** At most how many attributes the request and the result add after the span started. */
  #maxAddedAttributes(): number {
    return (
      Object.keys(this.#start.attributes).length +
      (this.#start.content ? MAX_CONTENT_ATTRIBUTES : 0) +
      (this.#values ? contextAttributeCount(this.#values) : 0) +
      MAX_RESULT_ATTRIBUTES
    );
  }

  /** The attributes the request adds: its parameters, its content, the app's context. */
  #requestAttributes(): Attributes {
    const attributes: Attributes = { ...this.#start.attributes };
    if (this.#start.content) Object.assign(attributes, inputContentAttributes(this.#start.content, this.#policy));
    if (this.#values) addContextAttributes(attributes, this.#values, { includePrompt: true });
    return attributes;
  }

  /** The attributes the result adds: response, usage, cost, output content. */
  #resultAttributes(outcome: Outcome): Attributes {
    const { result, usage } = outcome;
    const attributes: Attributes = {};
    if (result.responseId) attributes[GEN_AI_RESPONSE_ID] = result.responseId;
    if (result.responseModel) attributes[GEN_AI_RESPONSE_MODEL] = result.responseModel;
    if (result.finishReasons && result.finishReasons.length > 0) {
      attributes[GEN_AI_RESPONSE_FINISH_REASONS] = result.finishReasons;
    }
    if (outcome.firstChunkSeconds !== undefined) {
      attributes[GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = outcome.firstChunkSeconds;
    }
    if (outcome.usageEstimated) attributes[SIGHTLINE_USAGE_ESTIMATED] = true;
    if (usage) {
      usageAttributes(usage, attributes);
      const model = result.responseModel || this.#start.requestModel;
      costAttributes(
        this.#start.provider,
        model,
        usage,
        // The monotonic clock from the process's start: off wall time only after clock steps, by at
        // most those steps, which matters only at a price change's boundary.
        new Date(performance.timeOrigin + this.#startedMs),
        attributes,
      );
    }
    if (result.outputMessages) {
      const output = contentAttribute(result.outputMessages, this.#policy, omittedMessagesMarker);
      if (output) {
        attributes[GEN_AI_OUTPUT_MESSAGES] = output.json;
        if (output.truncated) attributes[SIGHTLINE_CONTENT_TRUNCATED] = true;
      }
    }
    return attributes;
  }

  /**
   * The span's attributes with the request's and the result's added, as setting them in turn
   * would leave them: the request's do not replace what was set on the span meanwhile, the
   * result's do.
   */
  #completed(current: Attributes, outcome: Outcome): Attributes {
    const completed: Attributes = { ...current };
    for (const [key, value] of Object.entries(this.#requestAttributes())) {
      if (completed[key] === undefined) completed[key] = value;
    }
    return Object.assign(completed, this.#resultAttributes(outcome));
  }

  /** Sets the request's (and the result's) attributes now, through the span. */
  #setNow(outcome: Outcome | undefined): void {
    const current = (this.span as unknown as { attributes?: Attributes }).attributes ?? {};
    for (const [key, value] of Object.entries(this.#requestAttributes())) {
      if (current[key] === undefined && value !== undefined) this.span.setAttribute(key, value);
    }
    if (outcome) this.span.setAttributes(this.#resultAttributes(outcome));
  }
}
