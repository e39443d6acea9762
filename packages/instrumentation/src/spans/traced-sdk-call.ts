import { context } from '@opentelemetry/api';
import { logger, safely } from '../diagnostics/safely.ts';
import { type ApiCallObserver, observeApiPromise } from './api-promise.ts';
import { LlmCall, type LlmCallResult, type LlmCallStart } from './llm-call.ts';
import { observeStainlessStream, type StreamHandlers } from './stream-observer.ts';

/** Reads a streamed response as the app consumes it. */
export interface StreamAccumulator {
  /** Takes one streamed item; returns false to hide it from the app. */
  add(item: unknown): boolean;
  /** Whether `add` may return false (true when unknown). */
  readonly hidesItems?: boolean;
  result(): LlmCallResult;
}

/** How one SDK method call is traced: decided from its arguments before the call is made. */
export interface TracedCallPlan {
  start: LlmCallStart;
  /** The arguments to call the SDK with (the app's, or a copy that asks for streamed usage). */
  args: unknown[];
  stream: boolean;
  result(data: unknown): LlmCallResult;
  accumulator(): StreamAccumulator;
}

// biome-ignore lint/suspicious/noExplicitAny: wraps SDK methods of any signature.
type AnyFunction = (this: unknown, ...args: any[]) => unknown;

/** Ends the call's span from what the SDK's promise (and, for streams, the stream) reports. */
class CallObserver implements ApiCallObserver, StreamHandlers<unknown> {
  readonly #call: LlmCall;
  readonly #plan: TracedCallPlan;
  #accumulator: StreamAccumulator | undefined;

  constructor(call: LlmCall, plan: TracedCallPlan) {
    this.#call = call;
    this.#plan = plan;
  }

  data(value: unknown): void {
    if (this.#plan.stream) {
      this.#accumulator = this.#plan.accumulator();
      if (observeStainlessStream(value, this)) return;
      this.#accumulator = undefined;
    }
    this.#call.finish(this.#plan.result(value));
  }

  error(error: unknown): void {
    this.#call.fail(error, this.#accumulator?.result());
  }

  rawResponse(): void {
    this.#call.finish({});
  }

  get hidesItems(): boolean {
    return this.#accumulator?.hidesItems ?? true;
  }

  item(value: unknown): boolean {
    this.#call.markFirstChunk();
    return this.#accumulator?.add(value) ?? true;
  }

  complete(): void {
    this.#call.finish(this.#accumulator?.result() ?? {});
  }

  abandon(): void {
    this.complete();
  }
}

/**
 * Calls an openai / @anthropic-ai/sdk method inside an LLM span. Whatever fails in the tracing is
 * logged and the call goes on untraced; what the SDK returns or throws reaches the app unchanged.
 * `makePlan(thisArg, args)` decides how to trace it; `around` runs the SDK call (to change SDK state
 * for its synchronous part).
 */
export function callTraced<This>(
  original: AnyFunction,
  thisArg: This,
  args: unknown[],
  makePlan: (thisArg: This, args: unknown[]) => TracedCallPlan | undefined,
  around?: (run: () => unknown) => unknown,
): unknown {
  let plan: TracedCallPlan | undefined;
  let call: LlmCall | undefined;
  try {
    plan = makePlan(thisArg, args);
    if (plan) call = new LlmCall(plan.start);
  } catch (error) {
    logger.warn("starting an LLM span failed; the app's call goes on unobserved", error);
  }
  // Outside the try: an SDK method that throws must be called once, and its error reach the app.
  if (!plan || !call) return original.apply(thisArg, args);
  const started = call;
  const sdkArgs = plan.args;
  let result: unknown;
  try {
    const active = call.context;
    if (active === undefined)
      result = around ? around(() => original.apply(thisArg, sdkArgs)) : original.apply(thisArg, sdkArgs);
    else if (around) result = context.with(active, around, undefined, () => original.apply(thisArg, sdkArgs));
    // Reflect.apply as the function: no bound copy of the SDK method, no spread of its arguments.
    else result = context.with(active, Reflect.apply, undefined, original, thisArg, sdkArgs);
  } catch (error) {
    safely('recording an LLM call error', () => started.fail(error));
    throw error;
  }
  const observer = new CallObserver(call, plan);
  let observed = false;
  try {
    observed = observeApiPromise(result, observer);
  } catch (error) {
    logger.warn("observing an LLM response failed; the app's call goes on unobserved", error);
  }
  if (observed) return result;
  // Not an APIPromise (an SDK version this code does not know): observe a plain promise, else end now.
  if (result instanceof Promise) {
    result.then(
      (data) => safely('recording an LLM response', () => observer.data(data)),
      (error) => safely('recording an LLM call error', () => observer.error(error)),
    );
  } else {
    safely('ending an LLM span', () => started.finish({}));
  }
  return result;
}
