import { createHash, timingSafeEqual } from 'node:crypto';

export const API_KEY_SCOPES = ['ingest', 'read', 'all'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export type Permission = 'ingest' | 'read';

export const DEFAULT_PROJECT = 'default';
const PROJECT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const MIN_KEY_LENGTH = 16;

export interface ApiKeyEntry {
  projectId: string;
  scope: ApiKeyScope;
  /** SHA-256 of the key: only digests are kept in memory and compared. */
  digest: Buffer;
}

export interface Principal {
  projectId: string;
  scope: ApiKeyScope;
}

export class ApiKeyConfigError extends Error {
  override name = 'ApiKeyConfigError';
}

function digestOf(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/**
 * Parses `project:key` or `project:scope:key` entries separated by commas or new lines
 * (scope: ingest, read or all; default all).
 */
export function parseApiKeys(spec: string): ApiKeyEntry[] {
  const entries: ApiKeyEntry[] = [];
  const items = spec
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);
  for (const [index, item] of items.entries()) {
    const parts = item.split(':');
    const [projectId, scopeOrKey, maybeKey] = parts;
    const key = parts.length >= 3 ? parts.slice(2).join(':') : scopeOrKey;
    const scope = parts.length >= 3 ? scopeOrKey : 'all';
    const where = `API key entry ${index + 1}`;
    if (!projectId || !PROJECT_ID.test(projectId)) {
      throw new ApiKeyConfigError(
        `${where}: project id must match ${PROJECT_ID} (format project:key or project:scope:key)`,
      );
    }
    if (!API_KEY_SCOPES.includes(scope as ApiKeyScope)) {
      throw new ApiKeyConfigError(`${where}: scope "${scope}" is not one of ${API_KEY_SCOPES.join(', ')}`);
    }
    if (!key || key.length < MIN_KEY_LENGTH || (parts.length >= 3 && !maybeKey)) {
      throw new ApiKeyConfigError(`${where}: the key must be at least ${MIN_KEY_LENGTH} characters`);
    }
    entries.push({ projectId, scope: scope as ApiKeyScope, digest: digestOf(key) });
  }
  return entries;
}

/** Checks presented keys against configured ones in constant time per entry. */
export class ApiKeyAuthenticator {
  readonly #entries: readonly ApiKeyEntry[];

  constructor(entries: readonly ApiKeyEntry[]) {
    this.#entries = entries;
  }

  get enabled(): boolean {
    return this.#entries.length > 0;
  }

  authenticate(candidates: readonly string[]): Principal | undefined {
    if (!this.enabled) return { projectId: DEFAULT_PROJECT, scope: 'all' };
    let found: ApiKeyEntry | undefined;
    for (const candidate of candidates) {
      const digest = digestOf(candidate);
      // Compare against every entry without an early exit, so timing does not reveal which entry matched.
      for (const entry of this.#entries) {
        if (timingSafeEqual(digest, entry.digest) && !found) found = entry;
      }
    }
    return found ? { projectId: found.projectId, scope: found.scope } : undefined;
  }
}

export function allows(principal: Principal, permission: Permission): boolean {
  return principal.scope === 'all' || principal.scope === permission;
}

/**
 * Keys presented on a request: `Authorization: Bearer <key>` (what OTEL_EXPORTER_OTLP_HEADERS sets),
 * `Authorization: Basic base64(public:secret)` (Langfuse OTel exporters; either half may be the key),
 * or `x-sightline-api-key`.
 */
export function presentedKeys(headers: { get(name: string): string | null | undefined }): string[] {
  const keys: string[] = [];
  const authorization = headers.get('authorization')?.trim();
  if (authorization) {
    const [scheme, value = ''] = authorization.split(/\s+/, 2);
    if (scheme?.toLowerCase() === 'bearer' && value) keys.push(value);
    if (scheme?.toLowerCase() === 'basic' && value) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const separator = decoded.indexOf(':');
      if (separator >= 0) keys.push(decoded.slice(separator + 1), decoded.slice(0, separator));
      else keys.push(decoded);
    }
  }
  const headerKey = headers.get('x-sightline-api-key')?.trim();
  if (headerKey) keys.push(headerKey);
  return keys.filter((key) => key.length > 0);
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}
