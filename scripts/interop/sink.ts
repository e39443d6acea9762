// A local OTLP/HTTP receiver that records raw request bodies as sent, for fixtures.

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export type OtlpSignal = 'traces' | 'logs' | 'metrics';

export interface CapturedPayload {
  signal: OtlpSignal;
  contentType: string;
  /** The parsed JSON body (OTLP/JSON exporters only). */
  body: unknown;
}

export interface OtlpSink {
  url: string;
  /** Returns the payloads received since the last call, in arrival order. */
  take(): CapturedPayload[];
  close(): Promise<void>;
}

const SIGNALS: Record<string, OtlpSignal> = { '/v1/traces': 'traces', '/v1/logs': 'logs', '/v1/metrics': 'metrics' };

export async function startOtlpSink(): Promise<OtlpSink> {
  let received: CapturedPayload[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const signal = SIGNALS[new URL(request.url ?? '/', 'http://sink.invalid').pathname];
      const contentType = request.headers['content-type'] ?? '';
      let raw = Buffer.concat(chunks);
      if (request.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
      if (!signal || !contentType.startsWith('application/json')) {
        // Only OTLP/JSON is recorded; anything else would be a misconfigured exporter.
        response.writeHead(415, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ message: `unsupported ${request.url} ${contentType}` }));
        received.push({ signal: signal ?? 'traces', contentType, body: { unsupported: request.url } });
        return;
      }
      received.push({ signal, contentType, body: JSON.parse(raw.toString('utf8')) as unknown });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    take: () => {
      const taken = received;
      received = [];
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
