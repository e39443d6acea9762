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

interface CleaningState {
  truncated: boolean;
}

function cleanString(text: string, policy: ContentPolicy, state: CleaningState): string {
  let cleaned = text;
  if (policy.redact) {
    try {
      cleaned = String(policy.redact(cleaned));
    } catch (error) {
      logger.warn('the redact hook threw; the text is replaced by a marker', error);
      return '[REDACTION_FAILED]';
    }
  }
  if (policy.masks.length > 0) cleaned = applyMasks(cleaned, policy.masks);
  if (cleaned.length <= policy.maxTextChars) return cleaned;
  state.truncated = true;
  return truncateText(cleaned, policy.maxTextChars).text;
}

/** Redacts, masks and caps one captured text. A failing redact hook drops the text rather than leak it. */
export function cleanText(text: string, policy: ContentPolicy): { text: string; truncated: boolean } {
  const state = { truncated: false };
  const cleaned = cleanString(text, policy, state);
  return { text: cleaned, truncated: state.truncated };
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * `value` with every content string cleaned, as JSON will see it. Copy on write: what comes back
 * unchanged is the input itself (most values pass the masks untouched), so a call's messages are
 * not copied just to be serialised. Other objects than plain ones and arrays (a Date, a Map, a
 * class instance) always become plain copies of their own enumerable fields, as JSON of the
 * cleaned copy always showed them.
 */
function cleanValue(value: unknown, policy: ContentPolicy, state: CleaningState, key?: string): unknown {
  if (typeof value === 'string') {
    if (key !== undefined && STRUCTURAL_KEYS.has(key)) return value;
    return cleanString(value, policy, state);
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      const cleaned = cleanValue(item, policy, state);
      if (copy) copy[index] = cleaned;
      else if (cleaned !== item) {
        copy = value.slice(0, index);
        copy[index] = cleaned;
      }
    }
    return copy ?? value;
  }
  const record = value as Record<string, unknown>;
  const names = Object.keys(record);
  let copy: Record<string, unknown> | undefined = isPlainObject(record) ? undefined : {};
  for (let index = 0; index < names.length; index += 1) {
    const name = names[index] as string;
    const item = record[name];
    // JSON leaves undefined fields out, so dropping them changes nothing.
    if (item === undefined) continue;
    const cleaned = cleanValue(item, policy, state, name);
    if (copy) copy[name] = cleaned;
    else if (cleaned !== item) {
      copy = {};
      for (let before = 0; before < index; before += 1) {
        const earlier = names[before] as string;
        if (record[earlier] !== undefined) copy[earlier] = record[earlier];
      }
      copy[name] = cleaned;
    }
  }
  return copy ?? record;
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
  const state: CleaningState = { truncated: false };
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
