import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_PORT, sanitiseOtlpBody } from './sanitise.ts';

const context = {
  repositoryRoot: '/work/main',
  homeDirectory: '/root',
  hostname: 'box-123',
  executablePath: '/opt/n24bin/node',
  mockPort: 41234,
};

describe('sanitiseOtlpBody', () => {
  it('replaces paths, host name, pids and the mock port, keeping ids and timestamps', () => {
    const body = {
      resourceSpans: [
        {
          resource: {
            attributes: [
              { key: 'host.name', value: { stringValue: 'box-123' } },
              { key: 'process.pid', value: { intValue: 999 } },
              { key: 'process.executable.path', value: { stringValue: '/opt/n24bin/node' } },
              { key: 'process.command_args', value: { arrayValue: { values: [{ stringValue: '/work/main/a.ts' }] } } },
            ],
          },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: 'abc',
                  startTimeUnixNano: '1795350705071000000',
                  attributes: [
                    { key: 'server.port', value: { intValue: 41234 } },
                    { key: 'url.full', value: { stringValue: 'http://127.0.0.1:41234/v1/messages' } },
                    { key: 'other.port', value: { intValue: 41234 } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(sanitiseOtlpBody(body, context)).toEqual({
      resourceSpans: [
        {
          resource: {
            attributes: [
              { key: 'host.name', value: { stringValue: 'interop-host' } },
              { key: 'process.pid', value: { intValue: 4242 } },
              { key: 'process.executable.path', value: { stringValue: '/usr/local/bin/node' } },
              { key: 'process.command_args', value: { arrayValue: { values: [{ stringValue: '/repo/a.ts' }] } } },
            ],
          },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: 'abc',
                  startTimeUnixNano: '1795350705071000000',
                  attributes: [
                    { key: 'server.port', value: { intValue: PLACEHOLDER_PORT } },
                    { key: 'url.full', value: { stringValue: `http://127.0.0.1:${PLACEHOLDER_PORT}/v1/messages` } },
                    { key: 'other.port', value: { intValue: 41234 } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
  });
});
