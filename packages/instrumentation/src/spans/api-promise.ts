import { safely } from '../diagnostics/safely.ts';

/** What the span of one SDK call needs to hear about its result. */
export interface ApiCallObserver {
  /** The parsed body (or stream) the app is about to receive; returns what the app gets. */
  data(value: unknown): unknown;
  /** The request failed (network, API error after retries). */
  error(error: unknown): void;
  /** The app took the raw Response and will never parse the body. */
  rawResponse(response: unknown): void;
}

interface StainlessPromise {
  _thenUnwrap(transform: (data: unknown, props: unknown) => unknown): StainlessPromise;
  asResponse(): Promise<unknown>;
  withResponse(): Promise<unknown>;
}

function isStainlessPromise(value: unknown): value is StainlessPromise {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Partial<StainlessPromise>)._thenUnwrap === 'function' &&
    typeof (value as Partial<StainlessPromise>).asResponse === 'function'
  );
}

/**
 * Hooks the `APIPromise` an openai / @anthropic-ai/sdk method returns without consuming it: the
 * body is parsed only when the app asks, `withResponse()` and `asResponse()` work as before.
 * Returns undefined when `result` is not such a promise (the caller then ends its span at once).
 */
export function observeApiPromise(result: unknown, observer: ApiCallObserver): unknown {
  if (!isStainlessPromise(result)) return undefined;
  const responsePromise = (result as unknown as { responsePromise?: unknown }).responsePromise;
  if (responsePromise instanceof Promise) {
    responsePromise.then(undefined, (error: unknown) =>
      safely('recording an LLM call error', () => observer.error(error)),
    );
  }
  const observed = result._thenUnwrap((data) => {
    const replaced = safely('recording an LLM response', () => observer.data(data));
    return replaced === undefined ? data : replaced;
  });
  // withResponse() parses the body and also calls asResponse(); only a bare asResponse() skips the body.
  let bodyWanted = false;
  const originalWithResponse = observed.withResponse;
  const originalAsResponse = observed.asResponse;
  // Two defineProperty calls: about half the cost of one defineProperties with both.
  Object.defineProperty(observed, 'withResponse', {
    configurable: true,
    writable: true,
    value: function withResponse(this: StainlessPromise) {
      bodyWanted = true;
      return originalWithResponse.call(this);
    },
  });
  Object.defineProperty(observed, 'asResponse', {
    configurable: true,
    writable: true,
    value: function asResponse(this: StainlessPromise) {
      const response = originalAsResponse.call(this);
      if (!bodyWanted) {
        response.then(
          (raw) => safely('recording a raw LLM response', () => observer.rawResponse(raw)),
          () => undefined,
        );
      }
      return response;
    },
  });
  return observed;
}
