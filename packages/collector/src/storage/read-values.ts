import type { ChatMessage } from '@sightline/core';
import { z } from 'zod';
import { ChatMessageSchema } from './api-types.ts';

/** Integers may arrive quoted (64-bit JSON output settings differ between servers). */
export const IntegerColumn = z.coerce.number();

/** Microseconds since the epoch as ISO-8601 UTC with all six fraction digits. */
export function isoFromMicros(unixMicros: number): string {
  const millis = Math.floor(unixMicros / 1000);
  const iso = new Date(millis).toISOString();
  const micros = String(unixMicros - Math.floor(unixMicros / 1_000_000) * 1_000_000).padStart(6, '0');
  return `${iso.slice(0, 19)}.${micros}Z`;
}

/** Microseconds since the epoch for a Date. */
export function microsFromDate(date: Date): number {
  return date.getTime() * 1000;
}

const MessagesSchema = z.array(ChatMessageSchema);

/** Stored canonical messages; bad or empty text reads as no messages, never as an error. */
export function parseMessages(text: string): ChatMessage[] {
  if (text === '') return [];
  try {
    const parsed = MessagesSchema.safeParse(JSON.parse(text));
    // The frame (role, typed parts) is validated; parts were written from ChatMessage values.
    return parsed.success ? (parsed.data as ChatMessage[]) : [];
  } catch {
    return [];
  }
}

/** A stored JSON object (request parameters, mapping report); bad text reads as `fallback`. */
export function parseJsonObject<T>(text: string, schema: z.ZodType<T>, fallback: T): T {
  if (text === '') return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** Escapes search text the way JSON.stringify escaped the stored messages, so quotes and backslashes match. */
export function jsonEscapedSearchText(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
