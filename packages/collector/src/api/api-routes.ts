import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { allows, type Principal } from '../auth/api-keys.ts';
import { badRequest, forbidden, HttpError, notFound } from '../http/http-error.ts';
import type { ScoreInput, TraceFilters, TraceListQuery } from '../storage/api-types.ts';
import { InvalidCursorError } from '../storage/trace-cursor.ts';
import type { SightlineStore } from '../store-port.ts';
import { describeZodError, scoreRequestSchema, traceIdSchema, traceListQuerySchema } from './request-schemas.ts';

export interface ApiRouteDeps {
  store: SightlineStore;
  clock: () => Date;
}

type Env = { Variables: { principal: Principal } };

function withoutUndefined(filters: Record<string, unknown>): TraceFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as TraceFilters;
}

function requireRead(principal: Principal): void {
  if (!allows(principal, 'read')) throw forbidden('this API key may only ingest data; use a key with read scope');
}

/** Read API for the UI and evaluator, plus score ingestion. Every query is scoped to the caller's project. */
export function apiRoutes(deps: ApiRouteDeps): Hono<Env> {
  const routes = new Hono<Env>();

  routes.get('/traces', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const parsed = traceListQuerySchema.safeParse(c.req.query());
    if (!parsed.success) throw badRequest(`invalid query: ${describeZodError(parsed.error)}`);
    const { from, to, limit, cursor, ...filters } = parsed.data;
    const query: TraceListQuery = {
      projectId: principal.projectId,
      from,
      to,
      limit,
      filters: withoutUndefined(filters),
    };
    if (cursor) query.cursor = cursor;
    try {
      return c.json(await deps.store.listTraces(query));
    } catch (error) {
      if (error instanceof InvalidCursorError) throw badRequest(`invalid cursor: ${error.message}`);
      throw error;
    }
  });

  routes.get('/traces/:traceId', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const traceId = traceIdSchema.safeParse(c.req.param('traceId'));
    if (!traceId.success) throw badRequest(`invalid trace id: ${describeZodError(traceId.error)}`);
    const detail = await deps.store.getTrace(principal.projectId, traceId.data);
    if (!detail) throw notFound(`trace ${traceId.data} not found in project ${principal.projectId}`);
    const scores = await deps.store.listScores(principal.projectId, traceId.data);
    return c.json({ ...detail, scores });
  });

  routes.get('/traces/:traceId/scores', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const traceId = traceIdSchema.safeParse(c.req.param('traceId'));
    if (!traceId.success) throw badRequest(`invalid trace id: ${describeZodError(traceId.error)}`);
    return c.json({ scores: await deps.store.listScores(principal.projectId, traceId.data) });
  });

  routes.post('/scores', async (c) => {
    const principal = c.get('principal');
    if (!allows(principal, 'ingest')) throw forbidden('this API key may not write scores');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw badRequest('body must be a JSON object');
    }
    const parsed = scoreRequestSchema.safeParse(body);
    if (!parsed.success) throw badRequest(`invalid score: ${describeZodError(parsed.error)}`);
    const request = parsed.data;
    const score: ScoreInput = {
      id: request.id ?? randomUUID(),
      projectId: principal.projectId,
      traceId: request.traceId,
      name: request.name,
      dataType:
        typeof request.value === 'number' ? 'numeric' : typeof request.value === 'boolean' ? 'boolean' : 'categorical',
      source: request.source,
      timestamp: request.timestamp ?? deps.clock(),
    };
    if (typeof request.value === 'number') score.value = request.value;
    if (typeof request.value === 'boolean') score.value = request.value ? 1 : 0;
    if (typeof request.value === 'string') score.stringValue = request.value;
    if (request.spanId) score.spanId = request.spanId;
    if (request.sessionId) score.sessionId = request.sessionId;
    if (request.comment) score.comment = request.comment;
    if (request.evaluatorId) score.evaluatorId = request.evaluatorId;
    try {
      await deps.store.writeScores([score]);
    } catch (error) {
      throw new HttpError(503, 'storage is unavailable; the score was not stored, retry later', {
        retryAfterSeconds: 5,
        cause: error,
      });
    }
    return c.json({ id: score.id }, 201);
  });

  return routes;
}
