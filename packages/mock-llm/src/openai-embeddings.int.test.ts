import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddingFor } from './openai-embeddings.ts';
import { startMockLlmServer } from './server.ts';
import type { MockLlmServer } from './types.ts';

let server: MockLlmServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockLlmServer();
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});
afterAll(() => server.close());

describe('POST /v1/embeddings with the openai SDK', () => {
  it('returns one deterministic unit vector per input and word-count usage', async () => {
    const result = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['hello world', 'bye'] });
    expect(result.object).toBe('list');
    expect(result.model).toBe('text-embedding-3-small');
    expect(result.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    expect(result.data.map((item) => item.index)).toEqual([0, 1]);
    const vector = result.data[0]?.embedding ?? [];
    expect(vector).toHaveLength(16);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(vector).toEqual(embeddingFor('hello world', 16));
  });

  it('gives the same values in base64 (the SDK default) and float encodings', async () => {
    const viaBase64 = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'same text' });
    expect(server.requests.at(-1)?.body).toMatchObject({ encoding_format: 'base64' });
    const viaFloat = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'same text',
      encoding_format: 'float',
    });
    expect(viaBase64.data[0]?.embedding).toEqual(viaFloat.data[0]?.embedding);
  });

  it('honours dimensions and token-array inputs', async () => {
    const result = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: [
        [1, 2, 3],
        [4, 5],
      ],
      dimensions: 4,
      encoding_format: 'float',
    });
    expect(result.data.map((item) => item.embedding.length)).toEqual([4, 4]);
    expect(result.usage.prompt_tokens).toBe(5);
  });

  it('refuses an empty input with a 400', async () => {
    const error = await client.embeddings
      .create({ model: 'text-embedding-3-small', input: [] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  });
});
