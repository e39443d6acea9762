import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MalformedBodyError, PayloadTooLargeError, readBody, UnsupportedEncodingError } from './read-body.ts';

const URL = 'http://127.0.0.1/v1/traces';
const PAYLOAD = new TextEncoder().encode(JSON.stringify({ resourceSpans: [], padding: 'x'.repeat(5000) }));

function post(body: RequestInit['body'], headers: Record<string, string> = {}): Request {
  return new Request(URL, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}

interface TrackedStream {
  stream: ReadableStream<Uint8Array>;
  /** Bytes the reader has pulled from the source so far. */
  pulled(): number;
  cancelled(): boolean;
}

/** A pull-driven body, so the test can see how much of it the reader consumed. */
function trackedStream(bytes: Uint8Array, chunkSize = 64 * 1024): TrackedStream {
  let offset = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (offset >= bytes.length) {
          controller.close();
          return;
        }
        const chunk = bytes.slice(offset, offset + chunkSize);
        offset += chunk.length;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => offset, cancelled: () => cancelled };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected readBody to fail');
}

describe('readBody decoding', () => {
  it('returns an identity body as is', async () => {
    expect(await readBody(post(PAYLOAD), { maxBytes: 1 << 20 })).toEqual(PAYLOAD);
  });

  it.each([
    ['gzip', gzipSync(PAYLOAD)],
    ['x-gzip', gzipSync(PAYLOAD)],
    ['GZIP', gzipSync(PAYLOAD)],
    ['deflate', deflateSync(PAYLOAD)],
    ['deflate', deflateRawSync(PAYLOAD)],
    ['identity', PAYLOAD],
    ['gzip, identity', gzipSync(PAYLOAD)],
  ])('decompresses Content-Encoding %s', async (encoding, body) => {
    const request = post(trackedStream(body, 100).stream, { 'content-encoding': encoding });
    expect(await readBody(request, { maxBytes: 1 << 20 })).toEqual(PAYLOAD);
  });

  it('returns an empty body for no body and for an empty gzip body', async () => {
    expect(await readBody(post(null), { maxBytes: 10 })).toHaveLength(0);
    expect(await readBody(post(new Uint8Array(0), { 'content-encoding': 'gzip' }), { maxBytes: 10 })).toHaveLength(0);
  });

  it('accepts a body of exactly maxBytes after decompression', async () => {
    const body = await readBody(post(gzipSync(PAYLOAD), { 'content-encoding': 'gzip' }), { maxBytes: PAYLOAD.length });
    expect(body).toHaveLength(PAYLOAD.length);
  });
});

describe('readBody errors', () => {
  it('rejects unsupported encodings with a 415 error', async () => {
    const error = await rejection(readBody(post(PAYLOAD, { 'content-encoding': 'br' }), { maxBytes: 1 << 20 }));
    expect(error).toBeInstanceOf(UnsupportedEncodingError);
    expect(error).toMatchObject({ status: 415, encoding: 'br' });
    expect((error as Error).message).toMatchInlineSnapshot(
      `"unsupported Content-Encoding "br": send gzip, deflate or identity"`,
    );
  });

  it('rejects corrupt and truncated gzip with a 400 error', async () => {
    const compressed = gzipSync(PAYLOAD);
    const corrupt = Uint8Array.from(compressed);
    corrupt.fill(0x55, 10, 40);
    const truncated = compressed.subarray(0, compressed.length - 20);
    const notGzip = new TextEncoder().encode('plain text, not gzip');
    for (const body of [corrupt, truncated, notGzip]) {
      const error = await rejection(readBody(post(body, { 'content-encoding': 'gzip' }), { maxBytes: 1 << 20 }));
      expect(error).toBeInstanceOf(MalformedBodyError);
      expect(error).toMatchObject({ status: 400 });
      expect((error as Error).message).toMatch(/^gzip body is corrupt: /);
    }
  });

  it('rejects a declared Content-Length over the cap without reading the body', async () => {
    const source = trackedStream(PAYLOAD);
    const request = post(source.stream, { 'content-length': String(PAYLOAD.length) });
    const error = await rejection(readBody(request, { maxBytes: 100 }));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ status: 413, maxBytes: 100 });
    expect(source.pulled()).toBe(0);
  });

  it('stops reading a streamed identity body as soon as it passes the cap', async () => {
    const source = trackedStream(new Uint8Array(10 << 20), 64 * 1024);
    const error = await rejection(readBody(post(source.stream), { maxBytes: 1 << 20 }));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(source.pulled()).toBeLessThanOrEqual((1 << 20) + 2 * 64 * 1024);
    expect(source.cancelled()).toBe(true);
  });

  it('stops a gzip bomb early: small compressed, huge decompressed', async () => {
    // 1,024 concatenated gzip members of 1 MiB of zeros: ~1 MiB compressed that would inflate to 1 GiB.
    const member = gzipSync(new Uint8Array(1 << 20), { level: 9 });
    const bomb = Buffer.concat(Array.from({ length: 1024 }, () => member));
    const source = trackedStream(bomb, 16 * 1024);
    const maxBytes = 4 << 20;
    const error = await rejection(readBody(post(source.stream, { 'content-encoding': 'gzip' }), { maxBytes }));
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as Error).message).toBe(`request body exceeds ${maxBytes} bytes after decompression`);
    // Only the compressed bytes needed to pass the cap (plus stream read-ahead) were consumed.
    expect(source.pulled()).toBeLessThan(bomb.length / 10);
    expect(source.cancelled()).toBe(true);
  });
});
