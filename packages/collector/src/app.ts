import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import { apiRoutes } from './api/api-routes.ts';
import { openApiDocument } from './api/openapi.ts';
import { VIEW_API_PATHS, viewRoutes } from './api/view-routes.ts';
import { type ApiKeyAuthenticator, type Principal, presentedKeys } from './auth/api-keys.ts';
import { HttpError, unauthorized } from './http/http-error.ts';
import { uiAssets } from './http/ui-assets.ts';
import type { InflightLimiter } from './ingest/inflight-limiter.ts';
import { responseFormatOf } from './ingest/otlp-content-type.ts';
import { otlpRoutes } from './ingest/otlp-routes.ts';
import type { SpanNormaliser } from './ingest/span-ingestor.ts';
import type { Logger } from './observability/logger.ts';
import type { CollectorMetrics } from './observability/metrics.ts';
import { encodeErrorStatus } from './otlp/encode-response.ts';
import type { SightlineStore } from './store-port.ts';

export interface AppDeps {
  store: SightlineStore;
  normaliser: SpanNormaliser;
  authenticator: ApiKeyAuthenticator;
  metrics: CollectorMetrics;
  logger: Logger;
  limiter: InflightLimiter;
  clock: () => Date;
  limits: { maxBodyBytes: number };
  /** True once storage accepts data (migrations done) and until shutdown starts. */
  isReady: () => boolean;
  /** Built web app to serve; default packages/ui/dist. */
  uiAssetsDirectory?: string;
}

type Env = { Variables: { principal: Principal } };

const OTLP_PATH = /^\/(api\/public\/otel\/)?v1\//;

/** The collector's HTTP app: OTLP receivers, read API, health and metrics. Side effects come from deps. */
export function createApp(deps: AppDeps): Hono<Env> {
  const app = new Hono<Env>();

  app.use('*', async (c, next) => {
    await next();
    const route = c.req.routePath || 'unmatched';
    deps.metrics.requests.inc({ route, status: String(c.res.status) });
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', (c) => (deps.isReady() ? c.json({ status: 'ready' }) : c.json({ status: 'starting' }, 503)));
  app.get('/metrics', async () => {
    const { body, contentType } = await deps.metrics.render();
    return new Response(body, { headers: { 'content-type': contentType } });
  });
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));

  const authenticate = createMiddleware<Env>(async (c, next) => {
    const principal = deps.authenticator.authenticate(presentedKeys(c.req.raw.headers));
    if (!principal) throw unauthorized();
    c.set('principal', principal);
    await next();
  });
  app.use('/v1/*', authenticate);
  app.use('/api/public/otel/v1/*', authenticate);
  app.use('/api/traces/*', authenticate);
  app.use('/api/traces', authenticate);
  app.use('/api/scores', authenticate);

  const otlp = otlpRoutes({
    store: deps.store,
    normaliser: deps.normaliser,
    metrics: deps.metrics,
    logger: deps.logger,
    limiter: deps.limiter,
    maxBodyBytes: deps.limits.maxBodyBytes,
    clock: deps.clock,
  });
  app.route('/', otlp);
  app.route('/api/public/otel', otlp);
  app.route('/api', apiRoutes({ store: deps.store, clock: deps.clock }));
  // Web UI: its view API, then the built app for every other GET (registered last).
  for (const path of VIEW_API_PATHS) app.use(path, authenticate);
  app.route('/api', viewRoutes(deps.store));
  app.get('*', uiAssets(deps.uiAssetsDirectory));

  app.notFound((c) => c.json({ error: { status: 404, message: `no route for ${c.req.method} ${c.req.path}` } }, 404));

  app.onError((error, c) => {
    const httpError =
      error instanceof HttpError
        ? error
        : error instanceof HTTPException
          ? new HttpError(error.status as 400, error.message)
          : undefined;
    if (!httpError) deps.logger.error({ err: error, path: c.req.path }, 'unhandled error');
    const status = httpError?.status ?? 500;
    const message = httpError?.message ?? 'internal error';
    const headers: Record<string, string> = {};
    if (httpError?.retryAfterSeconds !== undefined) headers['retry-after'] = String(httpError.retryAfterSeconds);
    if (OTLP_PATH.test(c.req.path)) {
      const format = responseFormatOf(c.req.header('content-type'));
      const encoded = encodeErrorStatus(format, { code: grpcCodeOf(status), message });
      headers['content-type'] = encoded.contentType;
      return new Response(encoded.body as ConstructorParameters<typeof Response>[0], { status, headers });
    }
    return c.json({ error: { status, message } }, status as 400, headers);
  });

  return app;
}

/** google.rpc.Code for an HTTP status, as OTLP error bodies carry it. */
function grpcCodeOf(status: number): number {
  if (status === 400 || status === 413 || status === 415) return 3; // INVALID_ARGUMENT
  if (status === 401) return 16; // UNAUTHENTICATED
  if (status === 403) return 7; // PERMISSION_DENIED
  if (status === 404) return 5; // NOT_FOUND
  if (status === 429) return 8; // RESOURCE_EXHAUSTED
  if (status === 503) return 14; // UNAVAILABLE
  return 13; // INTERNAL
}
