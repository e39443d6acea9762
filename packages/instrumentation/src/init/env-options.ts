import { z } from 'zod';
import { MASK_NAMES, type MaskName } from '../privacy/masks.ts';
import type { InitOptions } from './options.ts';

// The entry point (auto) reads the environment once, here; init() and everything below take options.

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off']))
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

const positiveInteger = z.coerce.number().int().positive();

const masks = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value, issue): boolean | MaskName[] => {
    if (value === 'all' || value === 'true') return true;
    if (value === 'none' || value === 'false' || value === '') return false;
    const names = value.split(',').map((name) => name.trim());
    const unknown = names.filter((name) => !(MASK_NAMES as readonly string[]).includes(name));
    if (unknown.length > 0) {
      issue.addIssue({
        code: 'custom',
        message: `unknown mask ${unknown.join(', ')} (known: ${MASK_NAMES.join(', ')}, all, none)`,
      });
      return z.NEVER;
    }
    return names as MaskName[];
  });

/** OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: true/false, or the newer SPAN_ONLY / NO_CONTENT / ... modes. */
const otelCaptureContent = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', 'span_only', 'span_and_event', 'event_only', 'no_content']))
  .transform((value) => value === 'true' || value === 'span_only' || value === 'span_and_event');

const instrumentationList = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value, issue) => {
    const names = value === '' ? [] : value.split(',').map((name) => name.trim());
    const unknown = names.filter((name) => name !== 'openai' && name !== 'anthropic');
    if (unknown.length > 0) {
      issue.addIssue({
        code: 'custom',
        message: `unknown instrumentation ${unknown.join(', ')} (known: openai, anthropic)`,
      });
      return z.NEVER;
    }
    return { openai: names.includes('openai'), anthropic: names.includes('anthropic') };
  });

/** OTEL_EXPORTER_OTLP_HEADERS: comma-separated key=value pairs, values URL-encoded. */
const otlpHeaders = z.string().transform((value, issue) => {
  const headers: Record<string, string> = {};
  for (const pair of value.split(',')) {
    if (pair.trim() === '') continue;
    const separator = pair.indexOf('=');
    if (separator <= 0) {
      issue.addIssue({ code: 'custom', message: `"${pair.trim()}" is not key=value` });
      return z.NEVER;
    }
    try {
      headers[decodeURIComponent(pair.slice(0, separator).trim())] = decodeURIComponent(
        pair.slice(separator + 1).trim(),
      );
    } catch {
      issue.addIssue({ code: 'custom', message: `"${pair.trim()}" is not URL-encoded` });
      return z.NEVER;
    }
  }
  return headers;
});

const url = z.url({ protocol: /^https?$/ });

const ENV_SCHEMA = {
  OTEL_SDK_DISABLED: flag,
  SIGHTLINE_DISABLED: flag,
  OTEL_EXPORTER_OTLP_ENDPOINT: url,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url,
  OTEL_EXPORTER_OTLP_HEADERS: otlpHeaders,
  SIGHTLINE_API_KEY: z.string().min(1),
  SIGHTLINE_ENVIRONMENT: z.string().min(1),
  SIGHTLINE_CAPTURE_CONTENT: flag,
  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: otelCaptureContent,
  SIGHTLINE_REDACT_MASKS: masks,
  SIGHTLINE_MAX_CONTENT_CHARS: positiveInteger,
  SIGHTLINE_STREAM_USAGE: z.enum(['request', 'estimate']),
  SIGHTLINE_ANTHROPIC_NATIVE_SPANS: z.enum(['suppress', 'keep']),
  SIGHTLINE_INSTRUMENTATIONS: instrumentationList,
  SIGHTLINE_MAX_QUEUE_SIZE: positiveInteger,
  OTEL_EXPORTER_OTLP_TIMEOUT: positiveInteger,
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: positiveInteger,
  SIGHTLINE_PRICES_FILE: z.string().min(1),
} as const;

type EnvName = keyof typeof ENV_SCHEMA;
type EnvValues = { [Name in EnvName]?: z.output<(typeof ENV_SCHEMA)[Name]> };

export interface EnvOptionsResult {
  options: InitOptions;
  /** One line per variable that was set but invalid (the variable is then ignored). */
  problems: string[];
}

/** Reads Sightline's options from SIGHTLINE_* and the standard OTEL_* variables. Invalid ones are reported, not thrown. */
export function optionsFromEnv(env: Record<string, string | undefined>): EnvOptionsResult {
  const values: EnvValues = {};
  const problems: string[] = [];
  for (const name of Object.keys(ENV_SCHEMA) as EnvName[]) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    const parsed = ENV_SCHEMA[name].safeParse(raw);
    if (parsed.success) (values as Record<string, unknown>)[name] = parsed.data;
    else
      problems.push(
        `${name}=${JSON.stringify(raw)} ignored: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
      );
  }
  const options: InitOptions = {};
  if (values.OTEL_SDK_DISABLED === true || values.SIGHTLINE_DISABLED === true) options.disabled = true;
  if (values.OTEL_EXPORTER_OTLP_ENDPOINT) options.endpoint = values.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (values.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) options.tracesEndpoint = values.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (values.OTEL_EXPORTER_OTLP_HEADERS) options.headers = values.OTEL_EXPORTER_OTLP_HEADERS;
  if (values.SIGHTLINE_API_KEY) options.apiKey = values.SIGHTLINE_API_KEY;
  if (values.SIGHTLINE_ENVIRONMENT) options.environment = values.SIGHTLINE_ENVIRONMENT;
  // Sightline's own switch wins over the OTel one.
  const capture = values.SIGHTLINE_CAPTURE_CONTENT ?? values.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT;
  if (capture !== undefined) options.captureContent = capture;
  if (values.SIGHTLINE_REDACT_MASKS !== undefined) options.masks = values.SIGHTLINE_REDACT_MASKS;
  if (values.SIGHTLINE_MAX_CONTENT_CHARS) options.maxContentChars = values.SIGHTLINE_MAX_CONTENT_CHARS;
  if (values.SIGHTLINE_STREAM_USAGE) options.streamUsage = values.SIGHTLINE_STREAM_USAGE;
  if (values.SIGHTLINE_ANTHROPIC_NATIVE_SPANS) options.anthropicNativeSpans = values.SIGHTLINE_ANTHROPIC_NATIVE_SPANS;
  if (values.SIGHTLINE_INSTRUMENTATIONS) options.instrumentations = values.SIGHTLINE_INSTRUMENTATIONS;
  if (values.SIGHTLINE_MAX_QUEUE_SIZE) options.maxQueueSize = values.SIGHTLINE_MAX_QUEUE_SIZE;
  const timeout = values.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? values.OTEL_EXPORTER_OTLP_TIMEOUT;
  if (timeout) options.exportTimeoutMillis = timeout;
  if (values.SIGHTLINE_PRICES_FILE) options.pricesFile = values.SIGHTLINE_PRICES_FILE;
  return { options, problems };
}
