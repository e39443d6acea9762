// A no-op OTLP/HTTP receiver for the benchmark: reads each export, counts it, answers 200 with an
// empty response in the exporter's content type (a valid ExportTraceServiceResponse in both encodings).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NoopSink {
  url: string;
  /** Export requests and body bytes received since the last call. */
  take(): { requests: number; bytes: number };
  close(): Promise<void>;
}

export async function startNoopSink(): Promise<NoopSink> {
  let requests = 0;
  let bytes = 0;
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    request.on('end', () => {
      requests += 1;
      const json = (request.headers['content-type'] ?? '').startsWith('application/json');
      response.writeHead(200, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      response.end(json ? '{}' : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    take() {
      const taken = { requests, bytes };
      requests = 0;
      bytes = 0;
      return taken;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
