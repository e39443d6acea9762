import { describe, expect, it } from 'vitest';
import { parseStartOptions, StartOptionsError } from './start-options.ts';

describe('parseStartOptions', () => {
  it('defaults to embedded storage on loopback port 4318', () => {
    const options = parseStartOptions([], {});
    expect(options).toEqual({
      port: 4318,
      host: '127.0.0.1',
      dataDir: '.sightline',
      retentionDays: 30,
      maxBodyBytes: 64 * 1024 * 1024,
      logLevel: 'info',
    });
  });

  it('takes flags over environment variables', () => {
    const options = parseStartOptions(['--port', '14318', '--data-dir', '/tmp/x'], {
      SIGHTLINE_PORT: '9999',
      SIGHTLINE_RETENTION_DAYS: '7',
    });
    expect(options.port).toBe(14318);
    expect(options.dataDir).toBe('/tmp/x');
    expect(options.retentionDays).toBe(7);
  });

  it('switches to a ClickHouse server with --clickhouse-url', () => {
    const options = parseStartOptions(['--clickhouse-url', 'http://127.0.0.1:8123', '--clickhouse-user', 'u'], {});
    expect(options.clickhouse).toEqual({ url: 'http://127.0.0.1:8123', username: 'u', database: 'sightline' });
  });

  it('names the flag and the variable in validation errors', () => {
    expect(() => parseStartOptions(['--port', 'eighty'], {})).toThrowError(StartOptionsError);
    expect(() => parseStartOptions([], { SIGHTLINE_RETENTION_DAYS: '0' })).toThrowError(
      /--retention-days \(SIGHTLINE_RETENTION_DAYS\)/,
    );
    expect(() => parseStartOptions(['--clickhouse-url', 'ftp://x'], {})).toThrowError(/--clickhouse-url/);
  });

  it('rejects unknown flags and lists the known ones', () => {
    expect(() => parseStartOptions(['--prot', '1'], {})).toThrowError(/Unknown option '--prot'.*--port/s);
  });
});
