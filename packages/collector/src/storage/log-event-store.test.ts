import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OtlpLogRecord } from '../otlp/types.ts';
import type { Storage } from './span-store.ts';
import { executorVariants, openTestStorage, uniqueProjectId } from './test-support/executors.ts';

function record(traceId: string, timeUnixUs: number, eventName: string, content: string): OtlpLogRecord {
  return {
    traceId,
    spanId: 'ab'.repeat(8),
    timeUnixUs,
    eventName,
    severityText: '',
    body: { content },
    attributes: { 'event.name': eventName },
    resource: {},
    scope: { name: 'test', version: '' },
  };
}

for (const variant of executorVariants()) {
  describe(`log event store on ${variant.name}`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await openTestStorage(variant);
    });
    afterAll(async () => {
      await storage.close();
    });

    it('keeps the request order of records that share a timestamp, and stores a retried batch once', async () => {
      const project = uniqueProjectId('log-order');
      const traceId = 'cd'.repeat(16);
      const at = Date.now() * 1000;
      // A whole conversation logged at one instant: the order is only in the request.
      const turns = ['first question', 'first answer', 'second question', 'second answer', 'third question'];
      const records = turns.map((content, index) =>
        record(traceId, at, index % 2 === 0 ? 'gen_ai.user.message' : 'gen_ai.assistant.message', content),
      );
      await storage.logEvents.insert(project, records);
      await storage.logEvents.insert(project, records);
      const read = await storage.logEvents.listForTrace(project, traceId, { fromUnixUs: at - 1, toUnixUs: at + 1 });
      expect(read.map((item) => (item.body as { content: string }).content)).toEqual(turns);
    });
  });
}
