import {
  VERCEL_AI_PROMPT_TOOL_CHOICE,
  VERCEL_AI_RESOURCE_NAME,
  VERCEL_AI_SETTINGS_CONTEXT_PREFIX,
  VERCEL_AI_SETTINGS_PREFIX,
  VERCEL_AI_TELEMETRY_FUNCTION_ID,
  VERCEL_AI_TELEMETRY_METADATA_PREFIX,
} from '@sightline/core';
import type { AttributeValue } from '../../otlp/types.ts';
import { type AttributeReader, parseMaybeJson } from '../attribute-reader.ts';
import type { SpanFields } from '../types.ts';
import { compact, isRecord, type Loose, stringifyValue, toTags } from './structured-values.ts';

type TelemetryFields = Pick<
  SpanFields,
  'feature' | 'userId' | 'sessionId' | 'tags' | 'promptName' | 'promptVersion' | 'metadata'
>;

/** `ai.telemetry.metadata.*` keys with a canonical home; everything else becomes metadata. */
const USER_KEYS = new Set(['userId', 'user_id']);
const SESSION_KEYS = new Set(['sessionId', 'session_id']);
const TAG_KEYS = new Set(['tags']);
const PROMPT_NAME_KEYS = new Set(['promptName', 'prompt_name']);
const PROMPT_VERSION_KEYS = new Set(['promptVersion', 'prompt_version']);
/** The Langfuse AI SDK integration passes the linked prompt as `{name, version}` JSON. */
const LANGFUSE_PROMPT_KEY = 'langfusePrompt';

function scalar(value: AttributeValue | undefined): string | undefined {
  if (value === undefined || value === null || value === '' || typeof value === 'object') return undefined;
  return String(value);
}

/**
 * `ai.telemetry.functionId` names the call site, so it becomes the span's `feature` (the per-feature cost
 * dimension); the prompt name only comes from explicit metadata, never from the functionId.
 */
export function readTelemetry(reader: AttributeReader): TelemetryFields {
  const fields: Loose<TelemetryFields> = {};
  const functionId = reader.string(VERCEL_AI_TELEMETRY_FUNCTION_ID, 'feature');
  reader.use(VERCEL_AI_RESOURCE_NAME, 'feature');
  const metadata: Record<string, string> = {};
  for (const key of reader.keysWithPrefix(VERCEL_AI_TELEMETRY_METADATA_PREFIX)) {
    const name = key.slice(VERCEL_AI_TELEMETRY_METADATA_PREFIX.length);
    const value = reader.peek(key);
    if (value === undefined || value === null) continue;
    if (USER_KEYS.has(name) && scalar(value)) {
      fields.userId ??= scalar(value);
      reader.use(key, 'userId');
    } else if (SESSION_KEYS.has(name) && scalar(value)) {
      fields.sessionId ??= scalar(value);
      reader.use(key, 'sessionId');
    } else if (TAG_KEYS.has(name) && toTags(value)) {
      fields.tags = toTags(value);
      reader.use(key, 'tags');
    } else if (PROMPT_NAME_KEYS.has(name) && scalar(value)) {
      fields.promptName ??= scalar(value);
      reader.use(key, 'promptName');
    } else if (PROMPT_VERSION_KEYS.has(name) && scalar(value)) {
      fields.promptVersion ??= scalar(value);
      reader.use(key, 'promptVersion');
    } else if (name === LANGFUSE_PROMPT_KEY && isRecord(parseMaybeJson(value))) {
      const prompt = parseMaybeJson(value) as Record<string, AttributeValue>;
      fields.promptName ??= scalar(prompt.name);
      fields.promptVersion ??= scalar(prompt.version);
      reader.use(key, 'promptName');
    } else {
      metadata[name] = stringifyValue(value);
      reader.use(key, 'metadata');
    }
  }
  return compact<TelemetryFields>({
    ...fields,
    feature: functionId,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
  });
}

export type ContextFields = Pick<SpanFields, 'userId' | 'sessionId' | 'metadata'>;

/**
 * AI SDK 7's runtime context (`ai.settings.context.*`, on both its GenAI and its legacy `ai.*` spans):
 * `userId` and `sessionId` are the end user and the conversation; other keys are kept as metadata.
 */
export function readContext(reader: AttributeReader): ContextFields {
  const fields: Loose<ContextFields> = {};
  const metadata: Record<string, string> = {};
  for (const key of reader.keysWithPrefix(VERCEL_AI_SETTINGS_CONTEXT_PREFIX)) {
    const name = key.slice(VERCEL_AI_SETTINGS_CONTEXT_PREFIX.length);
    const value = reader.peek(key);
    if (value === undefined || value === null || value === '') continue;
    if (USER_KEYS.has(name) && scalar(value)) {
      fields.userId = scalar(value);
      reader.use(key, 'userId');
    } else if (SESSION_KEYS.has(name) && scalar(value)) {
      fields.sessionId = scalar(value);
      reader.use(key, 'sessionId');
    } else {
      metadata[name] = stringifyValue(value);
      reader.use(key, 'metadata');
    }
  }
  return compact<ContextFields>({
    ...fields,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
  });
}

/** `ai.settings.*` (temperature, maxOutputTokens, maxRetries, ...) and the tool choice, as request parameters. */
export function readSettings(reader: AttributeReader): Record<string, unknown> | undefined {
  const parameters: Record<string, unknown> = {};
  for (const key of reader.keysWithPrefix(VERCEL_AI_SETTINGS_PREFIX)) {
    // The runtime context is who and what the call is for, not how the model is asked (readContext).
    if (key.startsWith(VERCEL_AI_SETTINGS_CONTEXT_PREFIX)) continue;
    const value = reader.value(key, 'requestParameters');
    if (value !== undefined) parameters[key.slice(VERCEL_AI_SETTINGS_PREFIX.length)] = value;
  }
  const toolChoice = reader.json(VERCEL_AI_PROMPT_TOOL_CHOICE, 'requestParameters');
  if (toolChoice !== undefined) parameters.toolChoice = toolChoice;
  if (Object.keys(parameters).length === 0) return undefined;
  // The gen_ai.request.* attributes on step spans repeat the settings.
  for (const key of reader.keysWithPrefix('gen_ai.request.')) {
    if (key !== 'gen_ai.request.model') reader.use(key, 'requestParameters');
  }
  return parameters;
}
