import { type Attributes, context, type Span, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  ERROR_TYPE,
  GEN_AI_AGENT_NAME,
  GEN_AI_OPERATION_NAME,
  GEN_AI_TOOL_NAME,
  GEN_AI_WORKFLOW_NAME,
  GenAiOperation,
  SIGHTLINE_SPAN_TYPE,
  type SpanType,
} from '@sightline/core';
import { currentContext } from '../context/sightline-context.ts';
import { sightlineTracer } from '../runtime/tracer.ts';
import { contextAttributes } from './context-attributes.ts';
import { errorType } from './llm-call.ts';

/** The kinds of app step a span() can stand for. */
export type StepType = 'chain' | 'retrieval' | 'tool' | 'agent' | 'workflow';

export interface StepSpanOptions {
  /** Default 'chain': a step of a pipeline. */
  type?: StepType;
  attributes?: Attributes;
}

const CANONICAL_TYPE: Record<StepType, SpanType> = {
  chain: 'chain',
  retrieval: 'retriever',
  tool: 'tool',
  agent: 'agent',
  workflow: 'workflow',
};

function stepAttributes(name: string, type: StepType): Attributes {
  const attributes: Attributes = { [SIGHTLINE_SPAN_TYPE]: CANONICAL_TYPE[type] };
  switch (type) {
    case 'retrieval':
      attributes[GEN_AI_OPERATION_NAME] = GenAiOperation.retrieval;
      break;
    case 'tool':
      attributes[GEN_AI_OPERATION_NAME] = GenAiOperation.executeTool;
      attributes[GEN_AI_TOOL_NAME] = name;
      break;
    case 'agent':
      attributes[GEN_AI_OPERATION_NAME] = GenAiOperation.invokeAgent;
      attributes[GEN_AI_AGENT_NAME] = name;
      break;
    case 'workflow':
      attributes[GEN_AI_OPERATION_NAME] = GenAiOperation.invokeWorkflow;
      attributes[GEN_AI_WORKFLOW_NAME] = name;
      break;
    default:
      break;
  }
  return attributes;
}

function endWithError(span: Span, error: unknown): void {
  span.setAttribute(ERROR_TYPE, errorType(error));
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  span.end();
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null &&
    (typeof value === 'object' || typeof value === 'function') &&
    typeof (value as PromiseLike<unknown>).then === 'function'
  );
}

/**
 * Runs `fn` inside a span named `name`, so that LLM calls and nested steps inside it show as its
 * children. Works for sync and async functions; an error marks the span and is rethrown as it is.
 */
export function span<T>(name: string, fn: (span: Span) => T, options: StepSpanOptions = {}): T {
  const type = options.type ?? 'chain';
  const parent = context.active();
  const active = sightlineTracer().startSpan(
    name,
    {
      attributes: {
        ...stepAttributes(name, type),
        ...contextAttributes(currentContext(parent), { includePrompt: false }),
        ...options.attributes,
      },
    },
    parent,
  );
  let result: T;
  try {
    result = context.with(trace.setSpan(parent, active), () => fn(active));
  } catch (error) {
    endWithError(active, error);
    throw error;
  }
  if (isPromiseLike(result)) {
    return Promise.resolve(result).then(
      (value) => {
        active.end();
        return value;
      },
      (error: unknown) => {
        endWithError(active, error);
        throw error;
      },
    ) as T;
  }
  active.end();
  return result;
}

export interface TracedOptions extends StepSpanOptions {
  /** Span name; default the function's name. */
  name?: string;
}

/** Wraps `fn` so that every call runs inside span(name, ...). `this` and arguments pass through. */
export function traced<F extends (...args: never[]) => unknown>(fn: F, options: TracedOptions = {}): F {
  const name = options.name ?? (fn.name || 'anonymous');
  const wrapped = function (this: unknown, ...args: Parameters<F>) {
    return span(name, () => fn.apply(this, args), options);
  };
  Object.defineProperty(wrapped, 'name', { value: fn.name });
  return wrapped as unknown as F;
}
