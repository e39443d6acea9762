import { Hono } from 'hono';
import type { SightlineStore } from '../store-port.ts';
import { nameSegmentSchema, timeWindowSchema } from './view-request-schemas.ts';
import { parseOrReject, requireRead, type ViewEnv } from './view-route-support.ts';

/** Prompt names and their versions side by side. */
export function promptRoutes(store: SightlineStore): Hono<ViewEnv> {
  const routes = new Hono<ViewEnv>();

  routes.get('/prompts', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const { from, to } = parseOrReject(timeWindowSchema, c.req.query(), 'query');
    return c.json({ prompts: await store.views.prompts({ projectId: principal.projectId, from, to }) });
  });

  routes.get('/prompts/:promptName/versions', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const promptName = parseOrReject(nameSegmentSchema, c.req.param('promptName'), 'prompt name');
    const { from, to } = parseOrReject(timeWindowSchema, c.req.query(), 'query');
    return c.json(await store.views.promptVersions({ projectId: principal.projectId, from, to }, promptName));
  });

  return routes;
}
