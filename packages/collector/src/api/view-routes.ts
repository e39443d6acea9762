import { Hono } from 'hono';
import type { SightlineStore } from '../store-port.ts';
import { dashboardRoutes } from './dashboard-routes.ts';
import { promptRoutes } from './prompt-routes.ts';
import { sessionRoutes } from './session-routes.ts';
import { traceViewRoutes } from './trace-view-routes.ts';
import type { ViewEnv } from './view-route-support.ts';

/** Paths (under the app root) of the view API that need an authenticated principal; /api/traces/* is covered already. */
export const VIEW_API_PATHS = [
  '/api/trace-search',
  '/api/dashboard',
  '/api/facets',
  '/api/sessions',
  '/api/sessions/*',
  '/api/users',
  '/api/users/*',
  '/api/prompts',
  '/api/prompts/*',
] as const;

/** The read API behind the web UI's views, mounted at /api. */
export function viewRoutes(store: SightlineStore): Hono<ViewEnv> {
  const routes = new Hono<ViewEnv>();
  routes.route('/', traceViewRoutes(store));
  routes.route('/', dashboardRoutes(store));
  routes.route('/', sessionRoutes(store));
  routes.route('/', promptRoutes(store));
  return routes;
}
