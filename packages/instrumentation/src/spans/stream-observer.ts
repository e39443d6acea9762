import { safely } from '../diagnostics/safely.ts';

/** What a call's span learns from a stream the app reads. */
export interface StreamHandlers<Item> {
  /** Sees each item; returns false to hide an item the app did not ask for (an injected usage chunk). */
  item(value: Item): boolean;
  /** The stream ended normally. */
  complete(): void;
  /** Reading the stream failed. */
  error(error: unknown): void;
  /** The app stopped reading before the end (break, return, cancel). */
  abandon(): void;
}

type IteratorFactory<Item> = () => AsyncIterator<Item>;

function observeIterator<Item>(inner: AsyncIterator<Item>, handlers: StreamHandlers<Item>): AsyncIterator<Item> {
  let settled = false;
  const settle = (what: string, step: () => void) => {
    if (settled) return;
    settled = true;
    safely(what, step);
  };
  return {
    async next(...args: [] | [undefined]) {
      try {
        for (;;) {
          const result = await inner.next(...args);
          if (result.done) {
            settle('finishing a stream span', () => handlers.complete());
            return result;
          }
          if (settled || safely('observing a stream chunk', () => handlers.item(result.value)) !== false) return result;
        }
      } catch (error) {
        settle('recording a stream error', () => handlers.error(error));
        throw error;
      }
    },
    async return(value?: unknown) {
      settle('finishing an abandoned stream span', () => handlers.abandon());
      return inner.return ? inner.return(value) : { done: true, value: value as Item };
    },
    async throw(error?: unknown) {
      settle('recording a stream error', () => handlers.error(error));
      if (inner.throw) return inner.throw(error);
      throw error;
    },
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
