import { afterEach, describe, expect, test } from 'vitest';
import { takePrefetched } from './prefetch.ts';

describe('takePrefetched', () => {
  afterEach(() => {
    window.__sightlinePrefetch = undefined;
  });

  test('hands over the early response for its path once', async () => {
    const response = Promise.resolve(new Response('{"ok":true}'));
    window.__sightlinePrefetch = { path: '/api/traces/abc/outline', response };
    const taken = takePrefetched('/api/traces/abc/outline', {});
    expect(taken).toBe(response);
    expect(await (await taken!).json()).toEqual({ ok: true });
    expect(takePrefetched('/api/traces/abc/outline', {})).toBeUndefined();
  });

  test('leaves other paths and non-GET requests to the network', () => {
    const response = Promise.resolve(new Response('{}'));
    window.__sightlinePrefetch = { path: '/api/traces/abc/outline', response };
    expect(takePrefetched('/api/traces/other/outline', {})).toBeUndefined();
    expect(takePrefetched('/api/traces/abc/outline', { method: 'POST' })).toBeUndefined();
    expect(window.__sightlinePrefetch?.path).toBe('/api/traces/abc/outline');
  });
});
