import { type Attributes, type Context, context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
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
import { contextValues } from '../context/sightline-context.ts';
import { logger } from '../diagnostics/safely.ts';
import { contentAttribute, omittedMessagesMarker } from '../privacy/content-policy.ts';
import { runtimeSettings } from '../runtime/settings.ts';
import { sightlineTracer } from '../runtime/tracer.ts';
import { costAttributes } from '../usage/cost.ts';
import { type ReportedUsage, usageAttributes } from '../usage/reported-usage.ts';
import { addContextAttributes } from './context-attributes.ts';

export interface LlmCallStart {
  /** gen_ai.operation.name: chat, embeddings, ... */
  operation: string;
  /** gen_ai.provider.name: openai, anthropic, ... */
  provider: string;
  requestModel: string;
  spanType: 'llm' | 'embedding';
  /** Request attributes (parameters, server, content), set when the span starts. */
  attributes: Attributes;
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

/** One LLM call's span, from request to response (or to the end of its stream). */
export class LlmCall {
  readonly span: Span;
  /** The context to run the SDK call in, so that HTTP spans nest under this one. */
  readonly context: Context;
  readonly #start: LlmCallStart;
  /** Epoch milliseconds: prices are looked up as of the start of the call. */
  readonly #startedAt = Date.now();
  readonly #startedMs = performance.now();
  #firstChunkMs: number | undefined;
  #ended = false;

  constructor(start: LlmCallStart) {
    this.#start = start;
    const parent = context.active();
    const name = start.requestModel ? `${start.operation} ${start.requestModel}` : start.operation;
    // One attributes object, in the order the span shows them: the call, its request, the app's context.
    const attributes: Attributes = {
      [GEN_AI_OPERATION_NAME]: start.operation,
      [GEN_AI_PROVIDER_NAME]: start.provider,
    };
    if (start.requestModel) attributes[GEN_AI_REQUEST_MODEL] = start.requestModel;
    attributes[SIGHTLINE_SPAN_TYPE] = start.spanType;
    Object.assign(attributes, start.attributes);
    const values = contextValues(parent);
    if (values) addContextAttributes(attributes, values, { includePrompt: true });
    this.span = sightlineTracer().startSpan(name, { kind: SpanKind.CLIENT, attributes }, parent);
    this.context = trace.setSpan(parent, this.span);
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
    try {
      this.span.setAttributes(this.#resultAttributes(result));
    } catch (error) {
      logger.warn('recording an LLM response failed', error);
    }
    this.span.end();
  }

  fail(error: unknown, partial?: LlmCallResult): void {
    if (this.#ended) return;
    if (partial) {
      try {
        this.span.setAttributes(this.#resultAttributes(partial));
      } catch (recordError) {
        logger.warn('recording a partial LLM response failed', recordError);
      }
    }
    this.#ended = true;
    const message = error instanceof Error ? error.message : String(error);
    this.span.setAttribute(ERROR_TYPE, errorType(error));
    if (error instanceof Error) this.span.recordException(error);
    this.span.setStatus({ code: SpanStatusCode.ERROR, message });
    this.span.end();
  }

  #resultAttributes(result: LlmCallResult): Attributes {
    const attributes: Attributes = {};
    if (result.responseId) attributes[GEN_AI_RESPONSE_ID] = result.responseId;
    if (result.responseModel) attributes[GEN_AI_RESPONSE_MODEL] = result.responseModel;
    if (result.finishReasons && result.finishReasons.length > 0) {
      attributes[GEN_AI_RESPONSE_FINISH_REASONS] = result.finishReasons;
    }
    if (this.#firstChunkMs !== undefined) {
      attributes[GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = (this.#firstChunkMs - this.#startedMs) / 1000;
    }
    let usage = result.usage;
    if (usage && result.usageEstimated) attributes[SIGHTLINE_USAGE_ESTIMATED] = true;
    if (!usage && result.estimateUsage) {
      usage = result.estimateUsage();
      attributes[SIGHTLINE_USAGE_ESTIMATED] = true;
    }
    if (usage) {
      usageAttributes(usage, attributes);
      const model = result.responseModel || this.#start.requestModel;
      costAttributes(this.#start.provider, model, usage, new Date(this.#startedAt), attributes);
    }
    if (result.outputMessages) {
      const output = contentAttribute(result.outputMessages, runtimeSettings().content, omittedMessagesMarker);
      if (output) {
        attributes[GEN_AI_OUTPUT_MESSAGES] = output.json;
        if (output.truncated) attributes[SIGHTLINE_CONTENT_TRUNCATED] = true;
      }
    }
    return attributes;
  }
}
