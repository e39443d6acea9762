// Defensive readers for untrusted JSON request bodies.

import { InvalidRequestError } from './protocol-errors.ts';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function requireString(body: JsonObject, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new InvalidRequestError(`${field}: Field required (a string)`);
  return value;
}

export function requireArray(body: JsonObject, field: string): unknown[] {
  const value = body[field];
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidRequestError(`${field}: Field required (a non-empty array)`);
  }
  return value;
}

// Structural fields whose strings are not prompt text.
const STRUCTURAL_KEYS = new Set([
  'role',
  'type',
  'id',
  'tool_call_id',
  'tool_use_id',
  'call_id',
  'cache_control',
  'media_type',
  'detail',
  'signature',
  'data',
  'url',
  'image_url',
  'source',
  'status',
  'format',
  'required',
  'strict',
]);

/** Every prompt string inside a value (message content, tool arguments and results, tool definitions), joined by spaces. */
export function collectText(value: unknown): string {
  const parts: string[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (depth > 32) return;
    if (typeof node === 'string') {
      parts.push(node);
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1);
    } else if (isObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        if (!STRUCTURAL_KEYS.has(key)) visit(child, depth + 1);
      }
    }
  };
  visit(value, 0);
  return parts.join(' ');
}

/** Text of a message content: a string, or the `text` of its parts (tool-result parts included). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  const texts: string[] = [];
  for (const part of asArray(content)) {
    if (typeof part === 'string') texts.push(part);
    else if (isObject(part)) {
      if (typeof part.text === 'string') texts.push(part.text);
      else if (part.content !== undefined) texts.push(contentText(part.content));
    }
  }
  return texts.join(' ');
}
