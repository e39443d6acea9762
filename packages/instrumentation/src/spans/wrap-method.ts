const ORIGINAL = Symbol.for('sightline.instrumentation.original');

// biome-ignore lint/suspicious/noExplicitAny: wraps SDK methods of any signature.
type AnyFunction = (this: any, ...args: any[]) => any;

/**
 * Replaces `target[name]` (an SDK prototype method) with `makeWrapper(original)`, once: a method
 * already wrapped (the CJS and ESM builds can share nothing, but one build can be seen twice) is left.
 */
export function wrapMethod(
  target: unknown,
  name: string,
  makeWrapper: (original: AnyFunction) => AnyFunction,
): boolean {
  if (target === null || (typeof target !== 'object' && typeof target !== 'function')) return false;
  const holder = target as Record<string, unknown>;
  const original = holder[name];
  if (typeof original !== 'function') return false;
  if ((original as unknown as Record<symbol, unknown>)[ORIGINAL]) return true;
  const wrapper = makeWrapper(original as AnyFunction);
  Object.defineProperty(wrapper, ORIGINAL, { value: original });
  Object.defineProperty(wrapper, 'name', { value: (original as AnyFunction).name });
  holder[name] = wrapper;
  return true;
}

/** Puts the original method back. */
export function unwrapMethod(target: unknown, name: string): void {
  if (target === null || (typeof target !== 'object' && typeof target !== 'function')) return;
  const holder = target as Record<string, unknown>;
  const current = holder[name] as Record<symbol, unknown> | undefined;
  const original = current?.[ORIGINAL];
  if (typeof original === 'function') holder[name] = original;
}

export function isWrappedMethod(target: unknown, name: string): boolean {
  const value = (target as Record<string, unknown> | undefined)?.[name] as Record<symbol, unknown> | undefined;
  return typeof value === 'function' && value[ORIGINAL] !== undefined;
}
