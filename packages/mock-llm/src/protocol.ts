// The contract between the server and each chat protocol module.

import type { ServerResponse } from 'node:http';
import type { ErrorFamily } from './protocol-errors.ts';
import type { JsonObject } from './request-fields.ts';
import type { Conversation, MockLlmProtocol, ReplyPlan } from './types.ts';

export interface ReplyContext {
  body: JsonObject;
  conversation: Conversation;
  plan: ReplyPlan;
  /** Unique, deterministic suffix for the ids of this reply (the request's sequence number). */
  idSuffix: string;
  createdUnixSeconds: number;
  firstChunkDelayMs: number;
  chunkDelayMs: number;
  /** Send an error event part-way through the stream instead of finishing it. */
  streamError: boolean;
  /** Headers every reply carries (request id). */
  headers: Record<string, string>;
  response: ServerResponse;
}

export interface ChatProtocol {
  readonly protocol: MockLlmProtocol;
  readonly errorFamily: ErrorFamily;
  readonly toolCallIdPrefix: string;
  /** OpenAI caches long prompts by itself; Anthropic only at cache_control breakpoints. */
  readonly automaticCaching: boolean;
  /** Reads the request; throws InvalidRequestError for a request the real API would refuse. */
  parse(body: JsonObject): Conversation;
  isStream(body: JsonObject): boolean;
  respond(context: ReplyContext): Promise<void>;
}

/** Splits a JSON argument string into fixed-size pieces, as providers stream them. */
export function argumentChunks(text: string, size = 12): string[] {
  const pieces: string[] = [];
  for (let index = 0; index < text.length; index += size) pieces.push(text.slice(index, index + size));
  return pieces;
}
