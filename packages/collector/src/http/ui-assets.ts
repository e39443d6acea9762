import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context, Next } from 'hono';

/** Where `pnpm --filter @sightline/ui build` writes the web app. */
export function defaultUiDirectory(): string {
  return fileURLToPath(new URL('../../../ui/dist/', import.meta.url));
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The app loads only its own scripts and styles and talks only to this origin. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths the app serves itself: never answered with the web app. */
const SERVER_PATHS = /^\/(api|v1)(\/|$)|^\/(healthz|readyz|metrics)$/;

async function fileAt(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)) return undefined;
  try {
    return (await stat(candidate)).isFile() ? candidate : undefined;
  } catch {
    return undefined;
  }
}

async function serveFile(path: string, immutable: boolean): Promise<Response> {
  const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = CONTENT_SECURITY_POLICY;
    headers['referrer-policy'] = 'no-referrer';
  }
  return new Response(await readFile(path), { headers });
}

/**
 * Serves the built web app: files from `directory`, and index.html for client routes (paths
 * without an extension) so links such as /traces/<id> open directly. Register after all routes.
 * Assets carry no data, so they need no API key; the app asks for one when the API answers 401.
 */
export function uiAssets(directory: string = defaultUiDirectory()) {
  const root = normalize(directory);
  return async (c: Context, next: Next): Promise<Response | undefined> => {
    const pass = async () => {
      await next();
      return undefined;
    };
    const path = c.req.path;
    if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || SERVER_PATHS.test(path)) return pass();
    const file = await fileAt(root, path === '/' ? '/index.html' : path);
    if (file !== undefined) return serveFile(file, path.startsWith('/assets/'));
    if (extname(path) !== '') return pass();
    const index = await fileAt(root, '/index.html');
    if (index !== undefined) return serveFile(index, false);
    return c.text(
      'The Sightline web app is not built. Run `pnpm --filter @sightline/ui build`, then reload this page.\n',
      503,
    );
  };
}
