import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { acceptsGzip, gzipJson } from './gzip-json.ts';

describe('gzipJson', () => {
  const app = new Hono();
  const large = { values: Array.from({ length: 500 }, (_, index) => `value ${index}`) };
  app.get('/large', (c) => gzipJson(c, large));
  app.get('/small', (c) => gzipJson(c, { ok: true }));

  it('gzips a large answer for a client that accepts gzip', async () => {
    const response = await app.request('/large', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('vary')).toBe('accept-encoding');
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.length).toBeLessThan(JSON.stringify(large).length);
    expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual(large);
  });

  it('sends plain JSON without Accept-Encoding, with gzip refused, or when small', async () => {
    for (const headers of [{}, { 'accept-encoding': 'gzip;q=0, deflate' }, { 'accept-encoding': 'identity' }]) {
      const response = await app.request('/large', { headers });
      expect(response.headers.get('content-encoding')).toBeNull();
      expect(await response.json()).toEqual(large);
    }
    const small = await app.request('/small', { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
    expect(await small.json()).toEqual({ ok: true });
  });

  it('reads q-values and wildcards', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*;q=0.1, gzip;q=0')).toBe(false);
    expect(acceptsGzip('deflate, br')).toBe(false);
  });
});
