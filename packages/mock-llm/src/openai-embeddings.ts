// OpenAI `POST /v1/embeddings`: deterministic unit vectors seeded by each input's text.

import { InvalidRequestError } from './protocol-errors.ts';
import { asNumber, type JsonObject, requireString } from './request-fields.ts';
import { countTokens } from './tokens.ts';

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a tiny seeded generator, so the same text always gives the same vector. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** A unit-length vector of float32-representable values derived from the text. */
export function embeddingFor(text: string, dimensions: number): number[] {
  const random = seededRandom(fnv1a(text));
  const raw = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.hypot(...raw) || 1;
  return raw.map((value) => Math.fround(value / norm));
}

type EmbeddingInput = { text: string; tokens: number };

function readInputs(input: unknown): EmbeddingInput[] {
  if (typeof input === 'string') return [{ text: input, tokens: countTokens(input) }];
  if (!Array.isArray(input) || input.length === 0) {
    throw new InvalidRequestError('input: Field required (a string, an array of strings or of token arrays)');
  }
  // An array of numbers is one tokenised input; an array of arrays is several.
  if (input.every((item) => typeof item === 'number')) return [{ text: input.join(' '), tokens: input.length }];
  return input.map((item) => {
    if (typeof item === 'string') return { text: item, tokens: countTokens(item) };
    if (Array.isArray(item)) return { text: item.join(' '), tokens: item.length };
    throw new InvalidRequestError('input: each item must be a string or an array of token ids');
  });
}

function toBase64(vector: number[]): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}

/** The embeddings response body; `encoding_format: 'base64'` (the openai SDK's default) gives little-endian float32. */
export function embeddingsResponse(body: JsonObject, defaultDimensions: number): JsonObject {
  const model = requireString(body, 'model');
  const inputs = readInputs(body.input);
  const dimensions = asNumber(body.dimensions) ?? defaultDimensions;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 8192) {
    throw new InvalidRequestError('dimensions: must be an integer between 1 and 8192');
  }
  const base64 = body.encoding_format === 'base64';
  const tokens = inputs.reduce((sum, input) => sum + input.tokens, 0);
  return {
    object: 'list',
    data: inputs.map((input, index) => {
      const vector = embeddingFor(input.text, dimensions);
      return { object: 'embedding', index, embedding: base64 ? toBase64(vector) : vector };
    }),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
