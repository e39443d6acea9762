import { context } from '@opentelemetry/api';
import { safely } from '../diagnostics/safely.ts';
import { observeApiPromise } from './api-promise.ts';
import { LlmCall, type LlmCallResult, type LlmCallStart } from './llm-call.ts';
import { observeStainlessStream } from './stream-observer.ts';

/** Reads a streamed response as the app consumes it. */
export interface StreamAccumulator {
  /** Takes one streamed item; returns false to hide it from the app. */
  add(item: unknown): boolean;
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

function observeStream(call: LlmCall, plan: TracedCallPlan, data: unknown): boolean {
  const accumulator = plan.accumulator();
  return observeStainlessStream(data, {
    item(value) {
      call.markFirstChunk();
      return accumulator.add(value);
    },
    complete: () => call.finish(accumulator.result()),
    error: (error) => call.fail(error, accumulator.result()),
    abandon: () => call.finish(accumulator.result()),
  });
}

/**
 * Calls an openai / @anthropic-ai/sdk method inside an LLM span. Whatever fails in the tracing is
 * logged and the call goes on untraced; what the SDK returns or throws reaches the app unchanged.
 * `around` runs the SDK call (to change SDK state for its synchronous part).
 */
export function callTraced(
  original: AnyFunction,
  thisArg: unknown,
  args: unknown[],
  makePlan: () => TracedCallPlan | undefined,
  around: (run: () => unknown) => unknown = (run) => run(),
): unknown {
  const traced = safely('starting an LLM span', () => {
    const plan = makePlan();
    return plan ? { plan, call: new LlmCall(plan.start) } : undefined;
  });
  if (!traced) return original.apply(thisArg, args);
  const { plan, call } = traced;
  let result: unknown;
  try {
    result = context.with(call.context, () => around(() => original.apply(thisArg, plan.args)));
  } catch (error) {
    safely('recording an LLM call error', () => call.fail(error));
    throw error;
  }
  const onData = (data: unknown): unknown => {
    if (plan.stream && observeStream(call, plan, data)) return data;
    call.finish(plan.result(data));
    return data;
  };
  const observed = safely('observing an LLM response', () =>
    observeApiPromise(result, {
      data: onData,
      error: (error) => call.fail(error),
      rawResponse: () => call.finish({}),
    }),
  );
  if (observed !== undefined) return observed;
  // Not an APIPromise (an SDK version this code does not know): observe a plain promise, else end now.
  if (result instanceof Promise) {
    result.then(
      (data) => safely('recording an LLM response', () => onData(data)),
      (error) => safely('recording an LLM call error', () => call.fail(error)),
    );
  } else {
    safely('ending an LLM span', () => call.finish({}));
  }
  return result;
}
