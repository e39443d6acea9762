import { describe, expect, test } from 'vitest';
import { checkServerVersion, MINIMUM_SERVER_VERSION, ServerVersionError } from './check-server-version.ts';
import { createExecutor } from './create-executor.ts';

// Needs Debian's clickhouse-server 18.16: start it with test-support/start-legacy-clickhouse.sh and
// pass its URL in SIGHTLINE_LEGACY_CLICKHOUSE_URL. CI must provide it.
const legacyUrl = process.env.SIGHTLINE_LEGACY_CLICKHOUSE_URL;

if (legacyUrl === undefined || legacyUrl === '') {
  describe('legacy ClickHouse refusal', () => {
    test('CI provides SIGHTLINE_LEGACY_CLICKHOUSE_URL', () => {
      expect(
        process.env.CI ?? '',
        'CI must start test-support/start-legacy-clickhouse.sh and set SIGHTLINE_LEGACY_CLICKHOUSE_URL',
      ).toBe('');
    });
  });
} else {
  const url = legacyUrl;
  describe('legacy ClickHouse refusal', () => {
    test('the version check names the version found and the one required', async () => {
      const failure = checkServerVersion({ url });
      await expect(failure).rejects.toBeInstanceOf(ServerVersionError);
      await expect(failure).rejects.toMatchObject({
        found: expect.stringMatching(/^18\.16/),
        required: MINIMUM_SERVER_VERSION,
      });
      await expect(failure).rejects.toThrow(
        new RegExp(`is version 18\\.16[.\\d]*, but Sightline requires ClickHouse ${MINIMUM_SERVER_VERSION} or newer`),
      );
    });

    test('opening server storage on it refuses before touching the schema', async () => {
      await expect(createExecutor({ kind: 'server', url, database: 'sightline_refused' })).rejects.toThrow(
        /ClickHouse at http:\/\/127\.0\.0\.1:\d+ is version 18\.16/,
      );
    });
  });
}
