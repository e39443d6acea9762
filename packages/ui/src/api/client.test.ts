import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiFetch, apiKeyStore, onUnauthorized, queryString } from './client.ts';

describe('apiFetch', () => {
  const requests: Request[] = [];
  beforeEach(() => {
    requests.length = 0;
    sessionStorage.clear();
  });
  afterEach(() => vi.unstubAllGlobals());

  function serve(status: number, body: unknown) {
    vi.stubGlobal('fetch', async (input: string, init: RequestInit) => {
      requests.push(new Request(`http://127.0.0.1${input}`, init));
      return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    });
  }

  it('sends the key kept in sessionStorage as a bearer token', async () => {
    apiKeyStore.set('key-for-this-session');
    serve(200, { ok: true });
    expect(await apiFetch('/api/facets')).toEqual({ ok: true });
    expect(requests[0]!.headers.get('authorization')).toBe('Bearer key-for-this-session');
  });

  it('raises ApiError with the collector message and tells listeners about 401', async () => {
    serve(401, { error: { status: 401, message: 'missing or invalid API key' } });
    let told = 0;
    const stop = onUnauthorized(() => {
      told += 1;
    });
    await expect(apiFetch('/api/trace-search')).rejects.toEqual(new ApiError(401, 'missing or invalid API key'));
    expect(told).toBe(1);
    stop();
  });

  it('builds query strings from defined values only', () => {
    expect(queryString({ a: 'x y', b: undefined, c: '', d: 0 })).toBe('?a=x+y&d=0');
    expect(queryString({})).toBe('');
  });
});
