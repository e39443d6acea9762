import { createServer } from 'node:net';
import { describe, expect, test } from 'vitest';
import {
  checkServerVersion,
  compareVersions,
  MINIMUM_SERVER_VERSION,
  ServerVersionError,
} from './check-server-version.ts';

describe('server version check', () => {
  test('compares dotted versions numerically', () => {
    expect(compareVersions('18.16.1', '24.3')).toBeLessThan(0);
    expect(compareVersions('24.3', '24.3.0')).toBe(0);
    expect(compareVersions('24.3', '24.3.0.1')).toBeLessThan(0);
    expect(compareVersions('24.10.1', '24.3')).toBeGreaterThan(0);
    expect(compareVersions('26.7.2.1', MINIMUM_SERVER_VERSION)).toBeGreaterThan(0);
  });

  test('an unreachable server is a clean error naming the address, without credentials', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    const failure = checkServerVersion({ url: `http://reader:secret@127.0.0.1:${port}` });
    await expect(failure).rejects.toBeInstanceOf(ServerVersionError);
    await expect(failure).rejects.toThrow(`cannot reach ClickHouse at http://127.0.0.1:${port}`);
    await expect(failure).rejects.not.toThrow('secret');
  });
});
