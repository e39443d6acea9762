// Reads a web Request body with a cap that applies AFTER decompression (OTLP/HTTP v1.11 requires it), so a small
// gzip bomb is stopped as soon as the decompressed size passes the cap. Buffering never exceeds the cap plus one
// chunk: zlib honours stream back-pressure, and the collector throws before storing the chunk that overflows.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createInflate, createInflateRaw } from 'node:zlib';

export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
  readonly status = 413;
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    super(`request body exceeds ${maxBytes} bytes after decompression`);
    this.maxBytes = maxBytes;
  }
}

export class UnsupportedEncodingError extends Error {
  override readonly name = 'UnsupportedEncodingError';
  readonly status = 415;
  readonly encoding: string;

  constructor(encoding: string) {
    super(`unsupported Content-Encoding "${encoding}": send gzip, deflate or identity`);
    this.encoding = encoding;
  }
}

/** The body could not be read or decompressed (corrupt or truncated gzip/deflate, aborted upload). */
export class MalformedBodyError extends Error {
  override readonly name = 'MalformedBodyError';
  readonly status = 400;
}

export interface ReadBodyOptions {
  /** Largest accepted body in bytes, counted after decompression. */
  maxBytes: number;
}

type Coding = 'gzip' | 'deflate';

const EMPTY = new Uint8Array(0);

export async function readBody(request: Request, options: ReadBodyOptions): Promise<Uint8Array> {
  const coding = codingOf(request.headers.get('content-encoding'));
  const body = request.body;
  if (body === null) return EMPTY;
  const collector = new BoundedCollector(options.maxBytes);
  if (coding === undefined) {
    const declaredLength = Number(request.headers.get('content-length') ?? Number.NaN);
    if (declaredLength > options.maxBytes) {
      await body.cancel().catch(() => undefined);
      throw new PayloadTooLargeError(options.maxBytes);
    }
    try {
      for await (const chunk of body) collector.add(chunk);
    } catch (error) {
      throw asBodyError(error, 'request body could not be read');
    }
    return collector.bytes();
  }
  await decompressInto(body, coding, collector);
  return collector.bytes();
}

/** One compression coding, or undefined for identity; stacked codings are not something OTLP clients send. */
function codingOf(header: string | null): Coding | undefined {
  const codings = (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length === 0) return undefined;
  const [coding] = codings;
  if (codings.length > 1) throw new UnsupportedEncodingError(header ?? '');
  if (coding === 'gzip' || coding === 'x-gzip') return 'gzip';
  if (coding === 'deflate') return 'deflate';
  throw new UnsupportedEncodingError(coding ?? '');
}

async function decompressInto(body: ReadableStream<Uint8Array>, coding: Coding, collector: BoundedCollector) {
  const chunks = body[Symbol.asyncIterator]();
  let first: IteratorResult<Uint8Array>;
  try {
    do first = await chunks.next();
    while (!first.done && first.value.length === 0);
  } catch (error) {
    throw asBodyError(error, 'request body could not be read');
  }
  if (first.done) return;
  const inflater =
    coding === 'gzip' ? createGunzip() : isZlibHeader(first.value) ? createInflate() : createInflateRaw();
  try {
    await pipeline(Readable.from(prepend(first.value, chunks)), inflater, async (decompressed) => {
      for await (const chunk of decompressed) collector.add(chunk);
    });
  } catch (error) {
    throw asBodyError(error, `${coding} body is corrupt`);
  }
}

async function* prepend(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield first;
  try {
    for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
  } finally {
    // Stopping early (cap reached, corrupt data) cancels the request stream instead of draining it.
    await rest.return?.();
  }
}

/** HTTP "deflate" means zlib-wrapped (RFC 1950); some clients send raw deflate, told apart by the zlib header. */
function isZlibHeader(bytes: Uint8Array): boolean {
  const [method, flags] = bytes;
  if (method === undefined || flags === undefined) return false;
  return (method & 0x0f) === 8 && (method * 256 + flags) % 31 === 0;
}

function asBodyError(error: unknown, context: string): Error {
  if (error instanceof PayloadTooLargeError || error instanceof MalformedBodyError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MalformedBodyError(`${context}: ${message}`, { cause: error });
}

class BoundedCollector {
  readonly maxBytes: number;
  readonly chunks: Uint8Array[] = [];
  size = 0;

  constructor(maxBytes: number) {
    this.maxBytes = maxBytes;
  }

  add(chunk: Uint8Array): void {
    if (this.size + chunk.length > this.maxBytes) throw new PayloadTooLargeError(this.maxBytes);
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  /** A plain Uint8Array whatever the chunks were (Buffer from zlib, Uint8Array from fetch). */
  bytes(): Uint8Array {
    const joined = this.chunks.length === 1 ? (this.chunks[0] as Uint8Array) : Buffer.concat(this.chunks, this.size);
    return new Uint8Array(joined.buffer, joined.byteOffset, joined.byteLength);
  }
}
