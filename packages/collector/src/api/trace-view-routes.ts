import { Hono } from 'hono';
import { badRequest, notFound } from '../http/http-error.ts';
import { InvalidCursorError } from '../storage/trace-cursor.ts';
import type { TraceSearchFilters } from '../storage/ui-view-types.ts';
import type { SightlineStore } from '../store-port.ts';
import { gzipJson } from './gzip-json.ts';
import { spanIdSchema, traceIdSchema } from './request-schemas.ts';
import { toOutlineWire } from './trace-outline-wire.ts';
import { traceSearchQuerySchema } from './view-request-schemas.ts';
import { definedOnly, parseOrReject, requireRead, type ViewEnv } from './view-route-support.ts';

/**
 * The traces table (sortable, more filters) and a trace read in two steps: a columnar outline, then one span at
 * a time.
 */
export function traceViewRoutes(store: SightlineStore): Hono<ViewEnv> {
  const routes = new Hono<ViewEnv>();

  routes.get('/trace-search', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const { from, to, limit, cursor, sort, order, arrivedAfter, ...filters } = parseOrReject(
      traceSearchQuerySchema,
      c.req.query(),
      'query',
    );
    try {
      return c.json(
        await store.views.searchTraces({
          projectId: principal.projectId,
          from,
          to,
          limit,
          sort,
          order,
          filters: definedOnly<TraceSearchFilters>(filters),
          ...(cursor === undefined ? {} : { cursor }),
          ...(arrivedAfter === undefined ? {} : { arrivedAfter }),
        }),
      );
    } catch (error) {
      if (error instanceof InvalidCursorError) throw badRequest(`invalid cursor: ${error.message}`);
      throw error;
    }
  });

  // The outline is the one large view answer (a 10,000-span trace is about 480 kB): gzipped when accepted.
  routes.get('/traces/:traceId/outline', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const traceId = parseOrReject(traceIdSchema, c.req.param('traceId'), 'trace id');
    const [outline, scores] = await Promise.all([
      store.views.traceOutline(principal.projectId, traceId),
      store.listScores(principal.projectId, traceId),
    ]);
    if (!outline) throw notFound(`trace ${traceId} not found in project ${principal.projectId}`);
    return gzipJson(c, { ...toOutlineWire(outline), scores });
  });

  routes.get('/traces/:traceId/spans/:spanId', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const traceId = parseOrReject(traceIdSchema, c.req.param('traceId'), 'trace id');
    const spanId = parseOrReject(spanIdSchema, c.req.param('spanId'), 'span id');
    const span = await store.views.span(principal.projectId, traceId, spanId);
    if (!span) throw notFound(`span ${spanId} of trace ${traceId} not found in project ${principal.projectId}`);
    return c.json(span);
  });

  return routes;
}
