import { MASK_NAMES, type MaskName } from '../privacy/masks.ts';
import type { InitOptions } from './options.ts';

// The entry point (auto) reads the environment once, here; init() and everything below take options.
// Plain parsers rather than a schema library: this runs at every app's start-up, where loading zod
// alone costs ~60 ms.

/** A parsed value, or why the text is not one. */
type Parsed<Value> = { ok: true; value: Value } | { ok: false; problem: string };
type Parser<Value> = (raw: string) => Parsed<Value>;

const valid = <Value>(value: Value): Parsed<Value> => ({ ok: true, value });
const invalid = (problem: string): Parsed<never> => ({ ok: false, problem });

function oneOf<const Option extends string>(options: readonly Option[], normalise: boolean): Parser<Option> {
  return (raw) => {
    const value = normalise ? raw.trim().toLowerCase() : raw;
    return (options as readonly string[]).includes(value)
      ? valid(value as Option)
      : invalid(`expected one of ${options.map((option) => JSON.stringify(option)).join('|')}`);
  };
}

const FLAG_VALUES = ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'] as const;
const flagValue = oneOf(FLAG_VALUES, true);
const flag: Parser<boolean> = (raw) => {
  const parsed = flagValue(raw);
  return parsed.ok ? valid(['true', '1', 'yes', 'on'].includes(parsed.value)) : parsed;
};

const positiveInteger: Parser<number> = (raw) => {
  const value = Number(raw);
  if (Number.isNaN(value)) return invalid('expected a number');
  return Number.isInteger(value) && value > 0 ? valid(value) : invalid('expected a whole number above 0');
};

const masks: Parser<boolean | MaskName[]> = (raw) => {
  const value = raw.trim().toLowerCase();
  if (value === 'all' || value === 'true') return valid(true);
  if (value === 'none' || value === 'false' || value === '') return valid(false);
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(MASK_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    return invalid(`unknown mask ${unknown.join(', ')} (known: ${MASK_NAMES.join(', ')}, all, none)`);
  }
  return valid(names as MaskName[]);
};

/** OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: true/false, or the newer SPAN_ONLY / NO_CONTENT / ... modes. */
const otelCaptureMode = oneOf(['true', 'false', 'span_only', 'span_and_event', 'event_only', 'no_content'], true);
const otelCaptureContent: Parser<boolean> = (raw) => {
  const parsed = otelCaptureMode(raw);
  return parsed.ok
    ? valid(parsed.value === 'true' || parsed.value === 'span_only' || parsed.value === 'span_and_event')
    : parsed;
};

const instrumentationList: Parser<{ openai: boolean; anthropic: boolean }> = (raw) => {
  const value = raw.trim().toLowerCase();
  const names = value === '' ? [] : value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => name !== 'openai' && name !== 'anthropic');
  if (unknown.length > 0) return invalid(`unknown instrumentation ${unknown.join(', ')} (known: openai, anthropic)`);
  return valid({ openai: names.includes('openai'), anthropic: names.includes('anthropic') });
};

/** OTEL_EXPORTER_OTLP_HEADERS: comma-separated key=value pairs, values URL-encoded. */
const otlpHeaders: Parser<Record<string, string>> = (raw) => {
  const headers: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    if (pair.trim() === '') continue;
    const separator = pair.indexOf('=');
    if (separator <= 0) return invalid(`"${pair.trim()}" is not key=value`);
    try {
      headers[decodeURIComponent(pair.slice(0, separator).trim())] = decodeURIComponent(
        pair.slice(separator + 1).trim(),
      );
    } catch {
      return invalid(`"${pair.trim()}" is not URL-encoded`);
    }
  }
  return valid(headers);
};

/** An http(s) URL, kept as written. */
const url: Parser<string> = (raw) => {
  try {
    const protocol = new URL(raw).protocol;
    return protocol === 'http:' || protocol === 'https:' ? valid(raw) : invalid('expected an http or https URL');
  } catch {
    return invalid('Invalid URL');
  }
};

const text: Parser<string> = (raw) => valid(raw);

const ENV_SCHEMA = {
  OTEL_SDK_DISABLED: flag,
  SIGHTLINE_DISABLED: flag,
  OTEL_EXPORTER_OTLP_ENDPOINT: url,
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url,
  OTEL_EXPORTER_OTLP_HEADERS: otlpHeaders,
  SIGHTLINE_API_KEY: text,
  SIGHTLINE_ENVIRONMENT: text,
  SIGHTLINE_CAPTURE_CONTENT: flag,
  OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: otelCaptureContent,
  SIGHTLINE_REDACT_MASKS: masks,
  SIGHTLINE_MAX_CONTENT_CHARS: positiveInteger,
  SIGHTLINE_STREAM_USAGE: oneOf(['request', 'estimate'], false),
  SIGHTLINE_ANTHROPIC_NATIVE_SPANS: oneOf(['suppress', 'keep'], false),
  SIGHTLINE_ACTIVE_LLM_SPAN: oneOf(['auto', 'always'], false),
  SIGHTLINE_INSTRUMENTATIONS: instrumentationList,
  SIGHTLINE_MAX_QUEUE_SIZE: positiveInteger,
  OTEL_EXPORTER_OTLP_TIMEOUT: positiveInteger,
  OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: positiveInteger,
  SIGHTLINE_PRICES_FILE: text,
} as const;

type EnvName = keyof typeof ENV_SCHEMA;
type ParsedValue<Name extends EnvName> = (typeof ENV_SCHEMA)[Name] extends Parser<infer Value> ? Value : never;
type EnvValues = { [Name in EnvName]?: ParsedValue<Name> };

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
    const parsed = (ENV_SCHEMA[name] as Parser<unknown>)(raw);
    if (parsed.ok) (values as Record<string, unknown>)[name] = parsed.value;
    else problems.push(`${name}=${JSON.stringify(raw)} ignored: ${parsed.problem}`);
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
  if (values.SIGHTLINE_ACTIVE_LLM_SPAN) options.activeLlmSpan = values.SIGHTLINE_ACTIVE_LLM_SPAN;
  if (values.SIGHTLINE_INSTRUMENTATIONS) options.instrumentations = values.SIGHTLINE_INSTRUMENTATIONS;
  if (values.SIGHTLINE_MAX_QUEUE_SIZE) options.maxQueueSize = values.SIGHTLINE_MAX_QUEUE_SIZE;
  const timeout = values.OTEL_EXPORTER_OTLP_TRACES_TIMEOUT ?? values.OTEL_EXPORTER_OTLP_TIMEOUT;
  if (timeout) options.exportTimeoutMillis = timeout;
  if (values.SIGHTLINE_PRICES_FILE) options.pricesFile = values.SIGHTLINE_PRICES_FILE;
  return { options, problems };
}
