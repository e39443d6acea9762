import { Hono } from 'hono';
import { allows, type Principal } from '../auth/api-keys.ts';
import { HttpError } from '../http/http-error.ts';
import { MalformedBodyError, PayloadTooLargeError, readBody, UnsupportedEncodingError } from '../http/read-body.ts';
import type { Logger } from '../observability/logger.ts';
import type { CollectorMetrics } from '../observability/metrics.ts';
import { decodeLogsRequest } from '../otlp/decode-logs.ts';
import { decodeTraceRequest, OtlpDecodeError } from '../otlp/decode-traces.ts';
import { encodeLogsResponse, encodeTraceResponse } from '../otlp/encode-response.ts';
import type { SightlineStore } from '../store-port.ts';
import { scoresFromLogRecords } from './evaluation-scores.ts';
import type { InflightLimiter } from './inflight-limiter.ts';
import { type OtlpFormat, otlpFormatOf } from './otlp-content-type.ts';
import type { SpanNormaliser } from './span-ingestor.ts';
import { StorageUnavailableError, toRetryableError } from './storage-errors.ts';

export interface OtlpRouteDeps {
  store: SightlineStore;
  normaliser: SpanNormaliser;
  metrics: CollectorMetrics;
  logger: Logger;
  limiter: InflightLimiter;
  maxBodyBytes: number;
  clock: () => Date;
}

type Env = { Variables: { principal: Principal } };

async function readOtlpBody(request: Request, maxBodyBytes: number): Promise<Uint8Array> {
  try {
    return await readBody(request, { maxBytes: maxBodyBytes });
  } catch (error) {
    if (error instanceof PayloadTooLargeError) {
      throw new HttpError(413, `request body exceeds ${maxBodyBytes} bytes after decompression; send smaller batches`);
    }
    if (error instanceof UnsupportedEncodingError) throw new HttpError(415, error.message);
    if (error instanceof MalformedBodyError) throw new HttpError(400, error.message);
    throw error;
  }
}

function decodeOrBadRequest<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw new HttpError(400, `malformed OTLP request: ${error.message}`);
    throw error;
  }
}

/** OTLP/HTTP receivers (traces and logs). A request is acknowledged only after its data is stored. */
export function otlpRoutes(deps: OtlpRouteDeps): Hono<Env> {
  const routes = new Hono<Env>();

  const admit = (principal: Principal): (() => void) => {
    if (!allows(principal, 'ingest')) throw new HttpError(403, 'this API key may not ingest data (scope: read)');
    const release = deps.limiter.tryAcquire();
    if (!release)
      throw new HttpError(429, 'too many concurrent ingest requests; retry later', { retryAfterSeconds: 1 });
    return release;
  };

  const respond = (format: OtlpFormat, encoded: { body: Uint8Array | string; contentType: string }) =>
    new Response(encoded.body as ConstructorParameters<typeof Response>[0], {
      status: 200,
      headers: { 'content-type': encoded.contentType },
    });

  routes.post('/v1/traces', async (c) => {
    const started = performance.now();
    const format = otlpFormatOf(c.req.header('content-type'));
    const principal = c.get('principal');
    const release = admit(principal);
    try {
      const body = await readOtlpBody(c.req.raw, deps.maxBodyBytes);
      const decoded = decodeOrBadRequest(() => decodeTraceRequest(body, format));
      deps.metrics.spansReceived.inc(decoded.spans.length + decoded.rejected.count);
      if (decoded.rejected.count > 0) deps.metrics.spansRejected.inc({ reason: 'invalid_id' }, decoded.rejected.count);
      if (decoded.spans.length > 0) {
        const spans = deps.normaliser.normalise(principal.projectId, decoded.spans);
        try {
          await deps.store.writeSpans(principal.projectId, spans);
        } catch (error) {
          throw toRetryableError(error, deps.logger);
        }
        deps.metrics.spansStored.inc(spans.length);
      }
      deps.metrics.ingestSeconds.observe((performance.now() - started) / 1000);
      const rejected = decoded.rejected;
      return respond(
        format,
        encodeTraceResponse(format, {
          rejectedSpans: rejected.count,
          errorMessage: rejected.count > 0 ? rejected.reasons.join('; ') : '',
        }),
      );
    } finally {
      release();
    }
  });

  routes.post('/v1/logs', async (c) => {
    const format = otlpFormatOf(c.req.header('content-type'));
    const principal = c.get('principal');
    const release = admit(principal);
    try {
      const body = await readOtlpBody(c.req.raw, deps.maxBodyBytes);
      const decoded = decodeOrBadRequest(() => decodeLogsRequest(body, format));
      deps.metrics.logRecordsReceived.inc(decoded.records.length);
      try {
        if (decoded.records.length > 0) {
          await deps.store.writeLogRecords(principal.projectId, decoded.records);
          const scores = scoresFromLogRecords(principal.projectId, decoded.records, deps.clock);
          if (scores.length > 0) await deps.store.writeScores(scores);
        }
      } catch (error) {
        throw toRetryableError(error, deps.logger);
      }
      const rejected = decoded.rejected;
      return respond(
        format,
        encodeLogsResponse(format, {
          rejectedLogRecords: rejected.count,
          errorMessage: rejected.count > 0 ? rejected.reasons.join('; ') : '',
        }),
      );
    } finally {
      release();
    }
  });

  return routes;
}

export { StorageUnavailableError };
