import { Hono } from 'hono';
import type { RollupFilters } from '../storage/ui-view-types.ts';
import type { SightlineStore } from '../store-port.ts';
import { dashboardQuerySchema, timeWindowSchema } from './view-request-schemas.ts';
import { definedOnly, parseOrReject, requireRead, type ViewEnv } from './view-route-support.ts';

/** Dashboard charts and filter values, from the rollup tables. */
export function dashboardRoutes(store: SightlineStore): Hono<ViewEnv> {
  const routes = new Hono<ViewEnv>();

  routes.get('/dashboard', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const { from, to, breakdown, ...filters } = parseOrReject(dashboardQuerySchema, c.req.query(), 'query');
    return c.json(
      await store.views.dashboard({
        projectId: principal.projectId,
        from,
        to,
        breakdown,
        filters: definedOnly<RollupFilters>(filters),
      }),
    );
  });

  routes.get('/facets', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const { from, to } = parseOrReject(timeWindowSchema, c.req.query(), 'query');
    return c.json(await store.views.facets({ projectId: principal.projectId, from, to }));
  });

  return routes;
}
