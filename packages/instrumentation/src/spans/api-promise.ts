import { logger, safely } from '../diagnostics/safely.ts';

/** What the span of one SDK call needs to hear about its result. */
export interface ApiCallObserver {
  /** The parsed body (or stream) the app is about to receive. */
  data(value: unknown): void;
  /** The request failed (network, API error after retries). */
  error(error: unknown): void;
  /** The app took the raw Response and will never parse the body. */
  rawResponse(response: unknown): void;
}

type ResponseMethod = (this: StainlessPromise, ...args: unknown[]) => Promise<unknown>;

interface ObservedCall {
  observer: ApiCallObserver;
  /** withResponse() or the body was asked for: the data observer hears about the call. */
  bodyWanted: boolean;
  /** The parsed body was reported (an SDK may pass it through both hooks). */
  reported: boolean;
}

type Transform = (data: unknown, props: unknown) => unknown;

const OBSERVED = Symbol('sightline.observedCall');

interface StainlessPromise {
  _thenUnwrap: (this: unknown, transform: Transform, ...rest: unknown[]) => unknown;
  parseResponse: (this: unknown, ...args: unknown[]) => unknown;
  responsePromise?: unknown;
  asResponse: ResponseMethod;
  withResponse: ResponseMethod;
  [OBSERVED]?: ObservedCall | undefined;
}

function isStainlessPromise(value: unknown): value is StainlessPromise {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as Partial<StainlessPromise>)._thenUnwrap === 'function' &&
    typeof (value as Partial<StainlessPromise>).parseResponse === 'function' &&
    typeof (value as Partial<StainlessPromise>).asResponse === 'function' &&
    typeof (value as Partial<StainlessPromise>).withResponse === 'function'
  );
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as PromiseLike<unknown>).then === 'function';
}

/** The APIPromise prototypes whose asResponse / withResponse were wrapped, with the originals. */
const wrappedPrototypes = new Map<object, { asResponse: ResponseMethod; withResponse: ResponseMethod }>();

function ownerOf(promise: object, name: string): Record<string, unknown> | undefined {
  for (let prototype = Object.getPrototypeOf(promise); prototype; prototype = Object.getPrototypeOf(prototype)) {
    if (Object.hasOwn(prototype, name)) return prototype as Record<string, unknown>;
  }
  return undefined;
}

/**
 * Wraps asResponse / withResponse once on the SDK's APIPromise class, not on every call's
 * promise: a bare asResponse() means the app takes the raw Response and never parses the body, so
 * the span ends then. Promises Sightline does not observe pass straight through. (SDK versions
 * that give each promise its own withResponse parse the body in it: nothing to learn there.)
 */
function wrapResponseMethods(promise: StainlessPromise): boolean {
  // The usual case, without walking the prototype chain: the promise's own class, already wrapped.
  if (wrappedPrototypes.has(Object.getPrototypeOf(promise))) return true;
  const prototype = ownerOf(promise, 'asResponse');
  if (!prototype || ownerOf(promise, 'withResponse') !== prototype) return false;
  if (wrappedPrototypes.has(prototype)) return true;
  const originals = {
    asResponse: prototype.asResponse as ResponseMethod,
    withResponse: prototype.withResponse as ResponseMethod,
  };
  wrappedPrototypes.set(prototype, originals);
  prototype.withResponse = function withResponse(this: StainlessPromise, ...args: unknown[]) {
    const observed = this[OBSERVED];
    if (observed) observed.bodyWanted = true;
    return originals.withResponse.apply(this, args);
  };
  prototype.asResponse = function asResponse(this: StainlessPromise, ...args: unknown[]) {
    const response = originals.asResponse.apply(this, args);
    const observed = this[OBSERVED];
    if (observed && !observed.bodyWanted) {
      response.then(
        (raw) => safely('recording a raw LLM response', () => observed.observer.rawResponse(raw)),
        () => undefined,
      );
    }
    return response;
  };
  return true;
}

/** Puts back the SDKs' own asResponse / withResponse (shutdown). */
export function unwrapResponseMethods(): void {
  for (const [prototype, originals] of wrappedPrototypes) {
    Object.assign(prototype, originals);
  }
  wrappedPrototypes.clear();
}

/**
 * Hooks the `APIPromise` an openai / @anthropic-ai/sdk method returns, in place and without
 * consuming it: the parsed body is reported before the app gets it, whether the app awaits the
 * promise or an SDK helper (parse(), stream(), runTools()) chains on it; the body is parsed only
 * when the app asks, `withResponse()` and `asResponse()` work as before. Returns false when
 * `result` is not such a promise (the caller then ends its span at once).
 */
export function observeApiPromise(result: unknown, observer: ApiCallObserver): boolean {
  if (!isStainlessPromise(result)) return false;
  const observed: ObservedCall = { observer, bodyWanted: false, reported: false };
  const report = (data: unknown): unknown => {
    observed.bodyWanted = true;
    if (observed.reported) return data;
    observed.reported = true;
    try {
      observer.data(data);
    } catch (error) {
      logger.warn("recording an LLM response failed; the app's call goes on unobserved", error);
    }
    return data;
  };
  const unparsable = (error: unknown): never => {
    safely('recording an LLM call error', () => observer.error(error));
    throw error;
  };
  // Awaiting the promise parses through parseResponse (called unbound by openai v4: `this` is passed on as is).
  const parse = result.parseResponse;
  result.parseResponse = function parseResponse(this: unknown, ...args: unknown[]) {
    let value: unknown;
    try {
      value = parse.apply(this, args);
    } catch (error) {
      return unparsable(error);
    }
    return isThenable(value) ? value.then(report, unparsable) : report(value);
  };
  // SDK helpers chain with _thenUnwrap, which some versions run on their own copy of the parser.
  const thenUnwrap = result._thenUnwrap;
  result._thenUnwrap = function _thenUnwrap(this: unknown, transform: Transform, ...rest: unknown[]) {
    return thenUnwrap.call(this, (data, props) => transform(report(data), props), ...rest);
  };
  if (wrapResponseMethods(result)) result[OBSERVED] = observed;
  const { responsePromise } = result;
  if (isThenable(responsePromise)) {
    responsePromise.then(undefined, (error: unknown) =>
      safely('recording an LLM call error', () => observer.error(error)),
    );
  }
  return true;
}
