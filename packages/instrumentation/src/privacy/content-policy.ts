import { logger } from '../diagnostics/safely.ts';
import { applyMasks, MASK_NAMES, type MaskName } from './masks.ts';
import { truncateText } from './truncate.ts';

/** What is captured of prompts and completions, and how it is cleaned first. */
export interface ContentPolicy {
  /** Whether message content goes on spans at all. */
  capture: boolean;
  /** Built-in masks applied to every captured text. */
  masks: readonly MaskName[];
  /** The app's own redaction, applied before the built-in masks. */
  redact?: ((text: string) => string) | undefined;
  /** Longest captured text value (one message part, one tool argument). */
  maxTextChars: number;
  /** Longest content attribute (the JSON of all messages of one call). */
  maxAttributeChars: number;
}

export const DEFAULT_CONTENT_POLICY: ContentPolicy = Object.freeze({
  capture: true,
  masks: MASK_NAMES,
  maxTextChars: 32_000,
  maxAttributeChars: 256_000,
});

// Fields of the OTel parts JSON shape that are structure, not content: they are never masked or cut.
const STRUCTURAL_KEYS = new Set(['role', 'type', 'id', 'name', 'finish_reason', 'mime_type', 'modality']);

/** Redacts, masks and caps one captured text. A failing redact hook drops the text rather than leak it. */
export function cleanText(text: string, policy: ContentPolicy): { text: string; truncated: boolean } {
  let cleaned = text;
  if (policy.redact) {
    try {
      cleaned = String(policy.redact(cleaned));
    } catch (error) {
      logger.warn('the redact hook threw; the text is replaced by a marker', error);
      return { text: '[REDACTION_FAILED]', truncated: false };
    }
  }
  if (policy.masks.length > 0) cleaned = applyMasks(cleaned, policy.masks);
  return truncateText(cleaned, policy.maxTextChars);
}

function cleanValue(value: unknown, policy: ContentPolicy, state: { truncated: boolean }, key?: string): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && STRUCTURAL_KEYS.has(key)) return value;
    const cleaned = cleanText(value, policy);
    if (cleaned.truncated) state.truncated = true;
    return cleaned.text;
  }
  if (Array.isArray(value)) return value.map((item) => cleanValue(item, policy, state));
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      if (item !== undefined) result[name] = cleanValue(item, policy, state, name);
    }
    return result;
  }
  return value;
}

export interface ContentAttribute {
  json: string;
  truncated: boolean;
}

/**
 * The JSON of `items` (messages, parts or tool definitions), cleaned by the policy and kept under
 * the attribute cap: the oldest items go first, replaced by `marker(count)` when one is given.
 */
export function contentAttribute(
  items: readonly unknown[],
  policy: ContentPolicy,
  marker?: (omitted: number) => unknown,
): ContentAttribute | undefined {
  if (!policy.capture || items.length === 0) return undefined;
  const state = { truncated: false };
  const cleaned = items.map((item) => cleanValue(item, policy, state));
  let json = JSON.stringify(cleaned);
  if (json.length <= policy.maxAttributeChars) return { json, truncated: state.truncated };
  for (let omitted = 1; omitted < cleaned.length; omitted += 1) {
    const kept = cleaned.slice(omitted);
    json = JSON.stringify(marker ? [marker(omitted), ...kept] : kept);
    if (json.length <= policy.maxAttributeChars) return { json, truncated: true };
  }
  const last = cleaned.at(-1);
  const lastJson = JSON.stringify(marker ? [marker(cleaned.length - 1), last] : [last]);
  if (lastJson.length <= policy.maxAttributeChars) return { json: lastJson, truncated: true };
  return marker ? { json: JSON.stringify([marker(cleaned.length)]), truncated: true } : undefined;
}

/** The marker message that stands for messages left out of a capped content attribute. */
export function omittedMessagesMarker(omitted: number): unknown {
  return { role: 'system', parts: [{ type: 'text', content: `[sightline: ${omitted} earlier messages truncated]` }] };
}

/** The marker part that stands for parts left out of capped system instructions. */
export function omittedPartsMarker(omitted: number): unknown {
  return { type: 'text', content: `[sightline: ${omitted} earlier parts truncated]` };
}
