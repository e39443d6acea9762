import { logger, safely } from '../diagnostics/safely.ts';

/** What a call's span learns from a stream the app reads. */
export interface StreamHandlers<Item> {
  /** Sees each item; returns false to hide an item the app did not ask for (an injected usage chunk). */
  item(value: Item): boolean;
  /** Whether `item` may return false. When not, the app reads the SDK's own promises, observed beside it. */
  readonly hidesItems: boolean;
  /** The stream ended normally. */
  complete(): void;
  /** Reading the stream failed. */
  error(error: unknown): void;
  /** The app stopped reading before the end (break, return, cancel). */
  abandon(): void;
}

type IteratorFactory<Item> = () => AsyncIterator<Item>;

/** One stream's observation: its items, and its end (completed, failed or abandoned), reported once. */
class StreamWatch<Item> {
  readonly #inner: AsyncIterator<Item>;
  readonly #handlers: StreamHandlers<Item>;
  settled = false;

  constructor(inner: AsyncIterator<Item>, handlers: StreamHandlers<Item>) {
    this.#inner = inner;
    this.#handlers = handlers;
  }

  #settle(what: string, step: () => void): void {
    if (this.settled) return;
    this.settled = true;
    safely(what, step);
  }

  complete(): void {
    this.#settle('finishing a stream span', () => this.#handlers.complete());
  }

  failed(error: unknown): void {
    this.#settle('recording a stream error', () => this.#handlers.error(error));
  }

  /** Whether the app gets the item (false: an item hidden from it, e.g. an injected usage chunk). */
  item(value: Item): boolean {
    try {
      return this.#handlers.item(value) !== false;
    } catch (error) {
      logger.warn("observing a stream chunk failed; the app's call goes on unobserved", error);
      return true;
    }
  }

  /** The iterator's return() and throw(): the app stopped reading, or threw into the stream. */
  endingMethods(): Pick<AsyncIterator<Item>, 'return' | 'throw'> {
    const inner = this.#inner;
    return {
      return: async (value?: unknown) => {
        this.#settle('finishing an abandoned stream span', () => this.#handlers.abandon());
        return inner.return ? inner.return(value) : { done: true, value: value as Item };
      },
      throw: async (error?: unknown) => {
        this.failed(error);
        if (inner.throw) return inner.throw(error);
        throw error;
      },
    };
  }
}

function observeIterator<Item>(inner: AsyncIterator<Item>, handlers: StreamHandlers<Item>): AsyncIterator<Item> {
  const watch = new StreamWatch(inner, handlers);
  if (!handlers.hidesItems) return observeBeside(inner, watch);
  const failed = (error: unknown): never => {
    watch.failed(error);
    throw error;
  };
  // Plain promise callbacks rather than an async loop: this runs for every chunk the app reads.
  const received = (result: IteratorResult<Item>): IteratorResult<Item> | Promise<IteratorResult<Item>> => {
    if (result.done) {
      watch.complete();
      return result;
    }
    if (watch.settled) return result;
    // A hidden item (an injected usage chunk): the app gets the next one instead.
    return watch.item(result.value) ? result : readNext();
  };
  const readNext = (): Promise<IteratorResult<Item>> => {
    try {
      // The SDKs' streams take no value from next(): none is passed on.
      return inner.next().then(received, failed);
    } catch (error) {
      return Promise.reject(error).catch(failed);
    }
  };
  return { next: readNext, ...watch.endingMethods() };
}

/**
 * An iterator that hands the app the SDK's own promise for each item, and observes that promise
 * beside the app: no extra promise between each chunk and the app's await. The observer runs
 * first (its reaction is registered first), so the first chunk's time is taken before the app's
 * code sees it.
 */
function observeBeside<Item>(inner: AsyncIterator<Item>, watch: StreamWatch<Item>): AsyncIterator<Item> {
  const observed = (result: IteratorResult<Item>): void => {
    if (watch.settled) return;
    if (result.done) watch.complete();
    else watch.item(result.value);
  };
  // Returns normally: the app sees the rejection through its own await, and this branch leaves no
  // unhandled rejection behind.
  const failed = (error: unknown): void => watch.failed(error);
  return {
    next() {
      const next = inner.next();
      // The SDKs' iterators return native promises; another thenable is observed through one.
      if (next instanceof Promise) next.then(observed, failed);
      else Promise.resolve(next).then(observed, failed);
      return next;
    },
    ...watch.endingMethods(),
  };
}

/**
 * Observes a Stainless SDK `Stream` (openai, @anthropic-ai/sdk) in place: the app keeps the same
 * object, and iteration, `tee()` and `toReadableStream()` all read through the observer once.
 * Returns false when the object is not such a stream.
 */
export function observeStainlessStream<Item>(stream: unknown, handlers: StreamHandlers<Item>): boolean {
  if (stream === null || typeof stream !== 'object') return false;
  const holder = stream as { iterator?: unknown };
  if (typeof holder.iterator !== 'function') return false;
  const original = holder.iterator as IteratorFactory<Item>;
  holder.iterator = function observedIterator(this: unknown): AsyncIterator<Item> {
    return observeIterator(original.call(this), handlers);
  };
  return true;
}
