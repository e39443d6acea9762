// Whether an LLM span must be the active span while its SDK call runs. Making it active costs the
// call a context (an AsyncLocalStorage frame) and the span's identity up front, and only matters to
// code that reads the active context during the call: a tracer starting spans there (an HTTP client
// instrumentation, the Anthropic SDK's own spans), trace context injected into the request's
// headers. With Sightline's own provider ('auto'), the LLM span is made active only once the process
// has shown such code: a tracer other than Sightline's was asked for, or trace context was injected.
// Code that reads the active span without either (trace.getActiveSpan() in a custom fetch) needs
// 'always'.

import { logger } from '../diagnostics/safely.ts';

/** 'auto': active once something can see it (owned mode); 'always': on every call. */
export type ActiveLlmSpanMode = 'auto' | 'always';

/** Tracer scopes that never start spans inside an LLM call Sightline traces. */
const SIGHTLINE_SCOPE_PREFIX = '@sightline/instrumentation';
/**
 * @anthropic-ai/sdk's tracer: unset during Sightline's calls (patch-anthropic.ts). When its spans are
 * kept instead, init() asks for 'always'.
 */
const ANTHROPIC_SDK_SCOPE_PREFIX = 'com.anthropic.sdk.typescript';

let watching = false;
let seen = false;
let wanted = true;

/** Whether the next LLM call makes its span active during the SDK call. */
export function llmSpanActivationWanted(): boolean {
  return wanted;
}

/** Activates only once something can see it ('auto'), or on every call ('always'); init() in owned mode. */
export function watchForContextReaders(mode: ActiveLlmSpanMode): void {
  watching = mode === 'auto';
  wanted = !watching || seen;
}

/** Back to the default, every call, and forgets what was seen (shutdown). */
export function stopWatchingForContextReaders(): void {
  watching = false;
  seen = false;
  wanted = true;
}

/** Whether code that reads the active context during calls was seen (since the last shutdown). */
export function contextReadersSeen(): boolean {
  return seen;
}

/** From now on LLM spans are active during their calls (until shutdown). */
export function contextReaderSeen(what: string): void {
  if (seen) return;
  seen = true;
  if (watching) logger.debug(`LLM spans are active during their SDK calls from now on: ${what}`);
  wanted = true;
}

/** Whether a tracer of this scope could start spans inside an LLM call (so under the LLM span). */
export function tracerMayStartSpansInCalls(scope: string): boolean {
  return !scope.startsWith(SIGHTLINE_SCOPE_PREFIX) && !scope.startsWith(ANTHROPIC_SDK_SCOPE_PREFIX);
}
