import { type Context, context, createContextKey } from '@opentelemetry/api';

/** What the app says about the current unit of work; copied onto every LLM span started inside it. */
export interface SightlineContext {
  userId?: string;
  sessionId?: string;
  feature?: string;
  tags?: string[];
  metadata?: Record<string, string>;
  /** Set by prompts.render(): the prompt and the version actually used. */
  prompt?: { name: string; version: string };
}

const SIGHTLINE_CONTEXT_KEY = createContextKey('sightline.context');

/** The merged context in effect (empty object outside any withContext). */
export function currentContext(active: Context = context.active()): SightlineContext {
  return (active.getValue(SIGHTLINE_CONTEXT_KEY) as SightlineContext | undefined) ?? {};
}

/** The merged context in effect, or undefined outside any withContext (no object to build). */
export function contextValues(active: Context): SightlineContext | undefined {
  return active.getValue(SIGHTLINE_CONTEXT_KEY) as SightlineContext | undefined;
}

/** Nested contexts merge: inner scalar values win, tags are unioned, metadata keys merge. */
export function mergeContexts(outer: SightlineContext, inner: SightlineContext): SightlineContext {
  const merged: SightlineContext = { ...outer, ...inner };
  if (outer.tags || inner.tags) merged.tags = [...new Set([...(outer.tags ?? []), ...(inner.tags ?? [])])];
  if (outer.metadata || inner.metadata) merged.metadata = { ...outer.metadata, ...inner.metadata };
  return merged;
}

/** Runs fn with `values` merged into the Sightline context (propagates through async work via OTel context). */
export function withContext<T>(values: SightlineContext, fn: () => T): T {
  const next = mergeContexts(currentContext(), values);
  return context.with(context.active().setValue(SIGHTLINE_CONTEXT_KEY, next), fn);
}
