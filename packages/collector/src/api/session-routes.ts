import { Hono } from 'hono';
import type { SightlineStore } from '../store-port.ts';
import { listWindowSchema, nameSegmentSchema, timeWindowSchema } from './view-request-schemas.ts';
import { parseOrReject, requireRead, type ViewEnv } from './view-route-support.ts';

/** Sessions (a conversation across traces) and users (usage and cost over time). */
export function sessionRoutes(store: SightlineStore): Hono<ViewEnv> {
  const routes = new Hono<ViewEnv>();

  routes.get('/sessions', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const { from, to, limit } = parseOrReject(listWindowSchema, c.req.query(), 'query');
    return c.json({ sessions: await store.views.sessions({ projectId: principal.projectId, from, to }, limit) });
  });

  routes.get('/sessions/:sessionId', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const sessionId = parseOrReject(nameSegmentSchema, c.req.param('sessionId'), 'session id');
    const { from, to } = parseOrReject(timeWindowSchema, c.req.query(), 'query');
    return c.json(await store.views.session({ projectId: principal.projectId, from, to }, sessionId));
  });

  routes.get('/users', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const { from, to, limit } = parseOrReject(listWindowSchema, c.req.query(), 'query');
    return c.json({ users: await store.views.users({ projectId: principal.projectId, from, to }, limit) });
  });

  routes.get('/users/:userId', async (c) => {
    const principal = c.get('principal');
    requireRead(principal);
    const userId = parseOrReject(nameSegmentSchema, c.req.param('userId'), 'user id');
    const { from, to } = parseOrReject(timeWindowSchema, c.req.query(), 'query');
    return c.json(await store.views.user({ projectId: principal.projectId, from, to }, userId));
  });

  return routes;
}
