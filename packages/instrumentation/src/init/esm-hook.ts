import { createRequire, register } from 'node:module';
import { logger } from '../diagnostics/safely.ts';

/** The packages whose ESM builds the loader hook intercepts; no other module is touched. */
export const HOOKED_PACKAGES = ['openai', '@anthropic-ai/sdk'] as const;

let registered = false;

interface SyncHooks {
  supportsSyncHooks(): boolean;
  register(options: { include: string[] }): void;
}

/**
 * import-in-the-middle's in-thread loader (module.registerHooks), from the copy that
 * @opentelemetry/instrumentation uses so that its Hook() registry is the one the instrumentations
 * use. False when this Node cannot run it (before 22.22.3 / 24.11.1).
 */
function registerSyncHooks(): boolean {
  const instrumentationEntry = createRequire(import.meta.url).resolve('@opentelemetry/instrumentation');
  const fromInstrumentation = createRequire(instrumentationEntry);
  const support = fromInstrumentation('import-in-the-middle/supports-sync-hooks.mjs') as Pick<
    SyncHooks,
    'supportsSyncHooks'
  >;
  if (!support.supportsSyncHooks()) return false;
  const hooks = fromInstrumentation('import-in-the-middle/register-hooks.mjs') as Pick<SyncHooks, 'register'>;
  hooks.register({ include: [...HOOKED_PACKAGES] });
  return true;
}

const EVAL_FLAGS = new Set(['-e', '--eval', '-p', '--print', '-pe', '-ep']);

/**
 * Whether Node runs module source given on the command line (`node --input-type=module -e …`).
 * There import-in-the-middle's in-thread hook (3.x) breaks a CommonJS module's require() of a
 * builtin (it reads the builtin's name as a file, ENOENT: openai's CommonJS files do this), so
 * the loader-thread hook is used.
 */
export function evaluatesModuleSource(execArgv: readonly string[] = process.execArgv): boolean {
  let moduleInput = false;
  let evaluates = false;
  for (let index = 0; index < execArgv.length; index += 1) {
    const argument = execArgv[index] ?? '';
    if (argument === '--input-type=module' || (argument === '--input-type' && execArgv[index + 1] === 'module')) {
      moduleInput = true;
    }
    if (EVAL_FLAGS.has(argument) || argument.startsWith('--eval=') || argument.startsWith('--print=')) evaluates = true;
  }
  return moduleInput && evaluates;
}

/**
 * Registers import-in-the-middle's loader hook, limited to the instrumented packages. It sees
 * modules imported after this call: with `node --import`, all of them. In-thread where Node allows:
 * the loader-thread hook (module.register) costs a round trip per module the app loads afterwards,
 * ~0.5-1 ms each, a few hundred ms of start-up for an app with a few hundred modules.
 */
export function registerEsmLoaderHook(): void {
  if (registered) return;
  registered = true;
  try {
    if (!evaluatesModuleSource() && registerSyncHooks()) return;
    register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: [...HOOKED_PACKAGES] } });
  } catch (error) {
    logger.warn('could not register the ESM loader hook; only require()d SDKs are instrumented', error);
  }
}
