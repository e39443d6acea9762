import type { Attributes } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace';
import type { PriceOverride } from '@sightline/core';
import type { MaskName } from '../privacy/masks.ts';
import type { ActiveLlmSpanMode } from '../runtime/active-llm-span.ts';
import type { AnthropicNativeSpans, StreamUsageMode } from '../runtime/settings.ts';

/** Options of init(). Every field is optional; auto reads them from SIGHTLINE_* and OTEL_* variables. */
export interface InitOptions {
  /** OTLP/HTTP base URL; traces go to `<endpoint>/v1/traces`. Default http://127.0.0.1:4318. */
  endpoint?: string | undefined;
  /** Full traces URL, when it is not `<endpoint>/v1/traces` (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT). */
  tracesEndpoint?: string | undefined;
  /** Extra export headers (OTEL_EXPORTER_OTLP_HEADERS). */
  headers?: Record<string, string> | undefined;
  /** Sent as `Authorization: Bearer <apiKey>` (SIGHTLINE_API_KEY). */
  apiKey?: string | undefined;
  /** service.name, when Sightline sets the provider up (else OTEL_SERVICE_NAME). */
  serviceName?: string | undefined;
  /** deployment.environment.name, when Sightline sets the provider up. */
  environment?: string | undefined;
  /** More resource attributes, when Sightline sets the provider up (OTEL_RESOURCE_ATTRIBUTES also applies). */
  resourceAttributes?: Attributes | undefined;
  /** Put prompts and completions on spans. Default true. */
  captureContent?: boolean | undefined;
  /** The app's redaction of captured text, applied before the built-in masks. */
  redact?: ((text: string) => string) | undefined;
  /** Built-in masks: true (all, the default), false (none) or a list. */
  masks?: boolean | readonly MaskName[] | undefined;
  /** Longest captured text value; longer ones are cut with a marker. Default 32,000 characters. */
  maxContentChars?: number | undefined;
  /** Longest content attribute (all messages of a call). Default 256,000 characters. */
  maxContentAttributeChars?: number | undefined;
  /** How streamed chat completions get usage. Default 'request' (stream_options.include_usage, hidden from the app). */
  streamUsage?: StreamUsageMode | undefined;
  /** What to do with @anthropic-ai/sdk's own spans. Default 'suppress'. */
  anthropicNativeSpans?: AnthropicNativeSpans | undefined;
  /**
   * When an LLM span is the active span during its SDK call (what starts inside nests under it):
   * 'auto' (the default) once the process has a tracer besides Sightline's or injects trace
   * context, 'always' on every call (code that reads trace.getActiveSpan() inside the call).
   */
  activeLlmSpan?: ActiveLlmSpanMode | undefined;
  /** Which SDKs to instrument. Default both. */
  instrumentations?: { openai?: boolean | undefined; anthropic?: boolean | undefined } | undefined;
  /** Already-loaded SDK modules to patch directly (bundled apps, where module hooks cannot see them). */
  modules?: { openai?: unknown; anthropic?: unknown } | undefined;
  /** Export somewhere else than OTLP/HTTP (tests, custom pipelines). */
  spanExporter?: SpanExporter | undefined;
  /** Export each span as it ends instead of in batches (tests, short scripts). Default false. */
  exportImmediately?: boolean | undefined;
  /** How long one export may take, retries included (OTEL_EXPORTER_OTLP_TRACES_TIMEOUT / OTEL_EXPORTER_OTLP_TIMEOUT). Default 5,000 ms. */
  exportTimeoutMillis?: number | undefined;
  /** Spans held while the collector is slow or down; more are dropped and counted. Default 2,048. */
  maxQueueSize?: number | undefined;
  /** prices.yaml overrides for the cost on spans. */
  priceOverrides?: readonly PriceOverride[] | undefined;
  /** prices.yaml to load the overrides from (SIGHTLINE_PRICES_FILE). */
  pricesFile?: string | undefined;
  /** Turn everything off (OTEL_SDK_DISABLED / SIGHTLINE_DISABLED). */
  disabled?: boolean | undefined;
}

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4318';

/** The traces URL from the options: tracesEndpoint as is, else `<endpoint>/v1/traces`. */
export function tracesUrl(options: InitOptions): string {
  if (options.tracesEndpoint) return options.tracesEndpoint;
  const base = (options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  return `${base}/v1/traces`;
}

export function exportHeaders(options: InitOptions): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.apiKey && !Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) {
    headers.Authorization = `Bearer ${options.apiKey}`;
  }
  return headers;
}
