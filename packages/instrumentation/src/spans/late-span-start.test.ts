import { describe, expect, it } from 'vitest';
import { ownedIdGenerator } from './late-span-start.ts';

describe('the owned provider’s id generator', () => {
  it('gives lowercase hex ids of 16 and 8 bytes, all different, none all zeros', () => {
    const traceIds = new Set<string>();
    const spanIds = new Set<string>();
    // Several refills of the random pool.
    for (let index = 0; index < 5000; index += 1) {
      traceIds.add(ownedIdGenerator.generateTraceId());
      spanIds.add(ownedIdGenerator.generateSpanId());
    }
    expect(traceIds.size).toBe(5000);
    expect(spanIds.size).toBe(5000);
    for (const id of traceIds) expect(id).toMatch(/^(?!0+$)[0-9a-f]{32}$/);
    for (const id of spanIds) expect(id).toMatch(/^(?!0+$)[0-9a-f]{16}$/);
  });

  it('hands out pinned ids once, then random ones again', () => {
    ownedIdGenerator.pin('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331');
    expect(ownedIdGenerator.generateSpanId()).toBe('b7ad6b7169203331');
    expect(ownedIdGenerator.generateTraceId()).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(ownedIdGenerator.generateSpanId()).not.toBe('b7ad6b7169203331');
    ownedIdGenerator.pin('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331');
    ownedIdGenerator.unpin();
    expect(ownedIdGenerator.generateTraceId()).not.toBe('0af7651916cd43dd8448eb211c80319c');
  });
});
