import { describe, expect, it } from 'vitest';
import {
  ApiKeyAuthenticator,
  ApiKeyConfigError,
  allows,
  isLoopbackHost,
  parseApiKeys,
  presentedKeys,
} from './api-keys.ts';

const KEY_A = 'sl-aaaaaaaaaaaaaaaaaaaa';
const KEY_B = 'sl-bbbbbbbbbbbbbbbbbbbb';

describe('API keys', () => {
  it('parses project:key and project:scope:key entries', () => {
    const entries = parseApiKeys(`shop:${KEY_A}, billing:ingest:${KEY_B}`);
    expect(entries.map((entry) => [entry.projectId, entry.scope])).toEqual([
      ['shop', 'all'],
      ['billing', 'ingest'],
    ]);
  });

  it('explains malformed entries', () => {
    expect(() => parseApiKeys('Shop!:abc')).toThrowError(ApiKeyConfigError);
    expect(() => parseApiKeys('shop:short')).toThrowError(/at least 16 characters/);
    expect(() => parseApiKeys(`shop:admin:${KEY_A}`)).toThrowError(/scope "admin"/);
  });

  it('authenticates each key to its own project only', () => {
    const authenticator = new ApiKeyAuthenticator(parseApiKeys(`shop:${KEY_A},billing:read:${KEY_B}`));
    expect(authenticator.authenticate([KEY_A])).toEqual({ projectId: 'shop', scope: 'all' });
    expect(authenticator.authenticate([KEY_B])).toEqual({ projectId: 'billing', scope: 'read' });
    expect(authenticator.authenticate(['sl-cccccccccccccccccccc'])).toBeUndefined();
    expect(authenticator.authenticate([])).toBeUndefined();
  });

  it('without keys puts everything in the default project', () => {
    expect(new ApiKeyAuthenticator([]).authenticate([])).toEqual({ projectId: 'default', scope: 'all' });
  });

  it('reads Bearer, Basic (Langfuse style) and x-sightline-api-key headers', () => {
    const headers = (values: Record<string, string>) => new Headers(values);
    expect(presentedKeys(headers({ authorization: `Bearer ${KEY_A}` }))).toEqual([KEY_A]);
    const basic = Buffer.from(`pk-lf-123:${KEY_B}`).toString('base64');
    expect(presentedKeys(headers({ authorization: `Basic ${basic}` }))).toEqual([KEY_B, 'pk-lf-123']);
    expect(presentedKeys(headers({ 'x-sightline-api-key': KEY_A }))).toEqual([KEY_A]);
  });

  it('checks scopes', () => {
    expect(allows({ projectId: 'p', scope: 'ingest' }, 'read')).toBe(false);
    expect(allows({ projectId: 'p', scope: 'read' }, 'read')).toBe(true);
    expect(allows({ projectId: 'p', scope: 'all' }, 'ingest')).toBe(true);
  });

  it('recognises loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.2', 'example.com'].some(isLoopbackHost)).toBe(false);
  });
});
