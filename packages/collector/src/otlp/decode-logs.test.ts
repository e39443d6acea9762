import { describe, expect, it } from 'vitest';
import { decodeLogsRequest } from './decode-logs.ts';
import {
  LOG_BODY,
  RESOURCE_ATTRIBUTES,
  recordLogs,
  recordTraces,
  SCOPE,
  START_MICROS,
  serialiseTraces,
} from './test-support/sdk-payloads.ts';

const FORMATS = ['protobuf', 'json'] as const;

describe.each(FORMATS)('decodeLogsRequest with OpenTelemetry JS SDK output (%s)', (format) => {
  it('decodes every record field by field', async () => {
    const recorded = await recordLogs(format);
    const decoded = decodeLogsRequest(recorded.body, format);
    expect(decoded.rejected).toEqual({ count: 0, reasons: [] });
    expect(decoded.records).toEqual([
      {
        traceId: recorded.traceId,
        spanId: recorded.spanId,
        timeUnixUs: START_MICROS,
        eventName: 'gen_ai.choice',
        severityText: 'INFO',
        body: LOG_BODY,
        attributes: { 'gen_ai.system': 'openai', 'test.bytes': 'AQL/' },
        resource: RESOURCE_ATTRIBUTES,
        scope: SCOPE,
      },
      {
        traceId: recorded.traceId,
        spanId: recorded.spanId,
        timeUnixUs: 1_735_787_047_500_000,
        eventName: 'gen_ai.user.message',
        severityText: '',
        body: 'legacy event',
        attributes: { 'event.name': 'gen_ai.user.message', 'gen_ai.system': 'anthropic' },
        resource: RESOURCE_ATTRIBUTES,
        scope: SCOPE,
      },
      {
        traceId: '',
        spanId: '',
        timeUnixUs: 1_735_787_047_500_000,
        eventName: '',
        severityText: 'WARN',
        body: 'no trace here',
        attributes: {},
        resource: RESOURCE_ATTRIBUTES,
        scope: SCOPE,
      },
    ]);
  });
});

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

function logsRequest(logRecords: unknown[]): Uint8Array {
  return json({ resourceLogs: [{ scopeLogs: [{ scope: { name: 'manual' }, logRecords }] }] });
}

describe('decodeLogsRequest with spec OTLP/JSON', () => {
  it('keeps records whose ids are missing or malformed, with empty ids', () => {
    const decoded = decodeLogsRequest(
      logsRequest([
        { timeUnixNano: '1544712660300000000', body: { stringValue: 'a' } },
        { timeUnixNano: 1544712660300000000, traceId: 'xyz', spanId: 'EEE19B7EC3C1B174' },
        { traceId: '5B8EFFF798038103D269B633813FC60C', spanId: '0000000000000000' },
        { traceId: '5B8EFFF798038103D269B633813FC60C', spanId: 'EEE19B7EC3C1B174' },
      ]),
      'json',
    );
    expect(decoded.rejected.count).toBe(0);
    expect(decoded.records.map((record) => [record.traceId, record.spanId])).toEqual([
      ['', ''],
      ['', ''],
      ['5b8efff798038103d269b633813fc60c', ''],
      ['5b8efff798038103d269b633813fc60c', 'eee19b7ec3c1b174'],
    ]);
    expect(decoded.records[0]).toMatchObject({
      timeUnixUs: 1_544_712_660_300_000,
      body: 'a',
      scope: { name: 'manual', version: '' },
    });
    expect(decoded.records[2]?.body).toBeNull();
  });

  it('falls back to the observed time and prefers the eventName field over the attribute', () => {
    const [record] = decodeLogsRequest(
      logsRequest([
        {
          observedTimeUnixNano: '1544712660300000999',
          eventName: 'gen_ai.choice',
          attributes: [{ key: 'event.name', value: { stringValue: 'gen_ai.assistant.message' } }],
        },
      ]),
      'json',
    ).records;
    expect(record?.timeUnixUs).toBe(1_544_712_660_300_000);
    expect(record?.eventName).toBe('gen_ai.choice');
  });

  it('names the location of structural errors', () => {
    expect(() =>
      decodeLogsRequest(json({ resourceLogs: [{ scopeLogs: [{ logRecords: {} }] }] }), 'json'),
    ).toThrowErrorMatchingInlineSnapshot(
      `[OtlpDecodeError: resourceLogs[0].scopeLogs[0].logRecords must be an array, got an object]`,
    );
  });

  it('returns nothing for an empty request', () => {
    expect(decodeLogsRequest(json({}), 'json')).toEqual({ records: [], rejected: { count: 0, reasons: [] } });
    expect(decodeLogsRequest(new Uint8Array(0), 'protobuf').records).toEqual([]);
  });
});

describe('decodeLogsRequest with traces sent to the logs endpoint', () => {
  it.each(FORMATS)('explains a %s traces payload', async (format) => {
    const { spans } = await recordTraces();
    expect(() => decodeLogsRequest(serialiseTraces(spans, format), format)).toThrow(/send it to \/v1\/traces/);
  });
});
