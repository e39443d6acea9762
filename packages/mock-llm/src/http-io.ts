// Small node:http helpers: body reading, JSON replies and a server-sent-events writer with delays.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export async function delay(milliseconds: number): Promise<void> {
  if (milliseconds > 0) await sleep(milliseconds);
}

/** Writes `text/event-stream` events, waiting the first-chunk delay before the first one and the chunk delay between content events. */
export class EventStreamWriter {
  readonly #response: ServerResponse;
  readonly #firstChunkDelayMs: number;
  readonly #chunkDelayMs: number;
  #started = false;

  constructor(
    response: ServerResponse,
    headers: Record<string, string>,
    firstChunkDelayMs: number,
    chunkDelayMs: number,
  ) {
    this.#response = response;
    this.#firstChunkDelayMs = firstChunkDelayMs;
    this.#chunkDelayMs = chunkDelayMs;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...headers,
    });
    response.flushHeaders();
  }

  /** False once the client has gone away: the caller stops producing events. */
  get open(): boolean {
    return !this.#response.destroyed && !this.#response.writableEnded;
  }

  /** Writes one event; `paced` events (content chunks) wait the chunk delay first, except the very first event. */
  async send(data: unknown, options: { event?: string; paced?: boolean } = {}): Promise<void> {
    if (!this.#started) {
      this.#started = true;
      await delay(this.#firstChunkDelayMs);
    } else if (options.paced) {
      await delay(this.#chunkDelayMs);
    }
    if (!this.open) return;
    const payload = typeof data === 'string' ? data : JSON.stringify(data);
    const eventLine = options.event ? `event: ${options.event}\n` : '';
    this.#response.write(`${eventLine}data: ${payload}\n\n`);
  }

  end(): void {
    if (this.open) this.#response.end();
  }
}
