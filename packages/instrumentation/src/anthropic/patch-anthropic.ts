import { logger } from '../diagnostics/safely.ts';
import { isRecord } from '../openai/message-parts.ts';
import { runtimeSettings } from '../runtime/settings.ts';
import { serverAttributes } from '../spans/request-attributes.ts';
import { callTraced, type TracedCallPlan } from '../spans/traced-sdk-call.ts';
import { unwrapMethod, wrapMethod } from '../spans/wrap-method.ts';
import { MessagesStreamAccumulator, messagesCallStart, messagesResult } from './messages-api.ts';

interface ResourceThis {
  _client?: { baseURL?: unknown; _tracer?: unknown };
}

/**
 * @anthropic-ai/sdk (>= 0.13x, 1.x) starts its own `anthropic.messages.create` span, on the
 * registered provider, during the synchronous part of `create()` / `stream()`. With
 * `anthropicNativeSpans: 'suppress'` (the default) the client's tracer is unset for exactly that
 * part, so each call has one LLM span (Sightline's, with cost, context and content) and no
 * duplicate usage. With 'keep' the SDK's span is a child of Sightline's, and the collector counts
 * only the innermost of the two in totals.
 */
function withNativeSpansOff<T>(resource: ResourceThis, run: () => T): T {
  const client = resource._client;
  if (runtimeSettings().anthropicNativeSpans !== 'suppress' || !client || !client._tracer) return run();
  const saved = client._tracer;
  try {
    client._tracer = undefined;
  } catch (error) {
    logger.debug('could not pause the Anthropic SDK tracer', error);
    return run();
  }
  try {
    return run();
  } finally {
    client._tracer = saved;
  }
}

function messagesPlan(resource: ResourceThis, args: unknown[]): TracedCallPlan | undefined {
  const [body] = args;
  if (!isRecord(body)) return undefined;
  return {
    start: messagesCallStart(body, serverAttributes(resource._client?.baseURL)),
    args,
    stream: body.stream === true,
    result: (data) => messagesResult(body, data),
    accumulator: () => new MessagesStreamAccumulator(body),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: SDK method signature.
type SdkMethod = (this: any, ...args: any[]) => any;

function tracedCreate(original: SdkMethod): SdkMethod {
  return function create(this: ResourceThis, ...args: unknown[]) {
    return callTraced(original, this, args, messagesPlan, (run) => withNativeSpansOff(this, run));
  };
}

// messages.stream() calls messages.create() (traced above) synchronously; only the SDK's own span
// for the stream needs to be kept from starting.
function quietStream(original: SdkMethod): SdkMethod {
  return function stream(this: ResourceThis, ...args: unknown[]) {
    return withNativeSpansOff(this, () => original.apply(this, args));
  };
}

interface AnthropicClass {
  Messages?: { prototype: unknown };
  Beta?: { Messages?: { prototype: unknown } };
}

function clientClass(moduleExports: unknown): AnthropicClass | undefined {
  if (moduleExports === null || (typeof moduleExports !== 'object' && typeof moduleExports !== 'function'))
    return undefined;
  const record = moduleExports as { Anthropic?: unknown; default?: unknown };
  const candidate = record.Anthropic ?? record.default ?? moduleExports;
  return typeof candidate === 'function' ? (candidate as AnthropicClass) : undefined;
}

function messagePrototypes(Anthropic: AnthropicClass): unknown[] {
  return [Anthropic.Messages?.prototype, Anthropic.Beta?.Messages?.prototype].filter(
    (prototype) => prototype !== undefined,
  );
}

/** Patches the prototypes of an `@anthropic-ai/sdk` module (CJS exports or ESM namespace). */
export function patchAnthropic(moduleExports: unknown): string[] {
  const Anthropic = clientClass(moduleExports);
  if (!Anthropic) return [];
  const patched: string[] = [];
  for (const [index, prototype] of messagePrototypes(Anthropic).entries()) {
    const prefix = index === 0 ? 'messages' : 'beta.messages';
    if (wrapMethod(prototype, 'create', tracedCreate)) patched.push(`${prefix}.create`);
    if (wrapMethod(prototype, 'stream', quietStream)) patched.push(`${prefix}.stream`);
  }
  return patched;
}

export function unpatchAnthropic(moduleExports: unknown): void {
  const Anthropic = clientClass(moduleExports);
  if (!Anthropic) return;
  for (const prototype of messagePrototypes(Anthropic)) {
    unwrapMethod(prototype, 'create');
    unwrapMethod(prototype, 'stream');
  }
}
