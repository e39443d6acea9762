import { register } from 'node:module';
import { logger } from '../diagnostics/safely.ts';

/** The packages whose ESM builds the loader hook intercepts; no other module is touched. */
export const HOOKED_PACKAGES = ['openai', '@anthropic-ai/sdk'] as const;

let registered = false;

/**
 * Registers import-in-the-middle's loader hook (as @opentelemetry/instrumentation ships it, so that
 * its Hook() registry is the one the instrumentations use), limited to the instrumented packages.
 * It sees modules imported after this call: with `node --import`, all of them.
 */
export function registerEsmLoaderHook(): void {
  if (registered) return;
  registered = true;
  try {
    register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: [...HOOKED_PACKAGES] } });
  } catch (error) {
    logger.warn('could not register the ESM loader hook; only require()d SDKs are instrumented', error);
  }
}
