import { describe, expect, it } from 'vitest';
import { observeStainlessStream, type StreamHandlers } from './stream-observer.ts';

/** A stream like the SDKs', whose iterator's next() returns `wrap(promise)`. */
function streamOf(items: number[], wrap: (promise: Promise<IteratorResult<number>>) => unknown) {
  return {
    iterator() {
      let index = 0;
      return {
        next: () => {
          const result: IteratorResult<number> =
            index < items.length ? { done: false, value: items[index++]! } : { done: true, value: undefined };
          return wrap(Promise.resolve(result));
        },
      };
    },
    [Symbol.asyncIterator]() {
      return this.iterator() as AsyncIterator<number>;
    },
  };
}

function recorder(hidesItems: boolean) {
  const seen: string[] = [];
  const handlers: StreamHandlers<number> = {
    hidesItems,
    item: (value) => {
      seen.push(`item ${value}`);
      return value !== 3;
    },
    complete: () => seen.push('complete'),
    error: () => seen.push('error'),
    abandon: () => seen.push('abandon'),
  };
  return { seen, handlers };
}

describe('observeStainlessStream', () => {
  it('hands the app the SDK’s own items and sees each first, when it hides none', async () => {
    const { seen, handlers } = recorder(false);
    const stream = streamOf([1, 2, 3], (promise) => promise);
    expect(observeStainlessStream(stream, handlers)).toBe(true);
    const read: number[] = [];
    for await (const item of stream) {
      seen.push(`app ${item}`);
      read.push(item);
    }
    expect(read).toEqual([1, 2, 3]);
    expect(seen).toEqual(['item 1', 'app 1', 'item 2', 'app 2', 'item 3', 'app 3', 'complete']);
  });

  it('observes an iterator that returns thenables other than native promises', async () => {
    const { seen, handlers } = recorder(false);
    // biome-ignore lint/suspicious/noThenProperty: a thenable that is not a native promise is the case under test.
    const stream = streamOf([1, 2], (promise) => ({ then: promise.then.bind(promise) }));
    observeStainlessStream(stream, handlers);
    const read: number[] = [];
    for await (const item of stream) read.push(item);
    expect(read).toEqual([1, 2]);
    expect(seen).toEqual(['item 1', 'item 2', 'complete']);
  });

  it('hides the items its handlers refuse when it may hide some', async () => {
    const { seen, handlers } = recorder(true);
    const stream = streamOf([1, 3, 4], (promise) => promise);
    observeStainlessStream(stream, handlers);
    const read: number[] = [];
    for await (const item of stream) read.push(item);
    expect(read).toEqual([1, 4]);
    expect(seen).toEqual(['item 1', 'item 3', 'item 4', 'complete']);
  });
});
