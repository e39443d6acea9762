import { DiagConsoleLogger, diag } from '@opentelemetry/api';
import { diagLogLevelFromString } from '@opentelemetry/core';
import { logger } from '../diagnostics/safely.ts';
import { optionsFromEnv } from './env-options.ts';
import { init, type SightlineHandle } from './init.ts';
import type { InitOptions } from './options.ts';

const LOG_LEVELS = ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'];

/** Sightline's warnings go to stderr through OTel's console logger (SIGHTLINE_LOG_LEVEL, else OTEL_LOG_LEVEL, else warn). */
function setUpDiagnostics(env: Record<string, string | undefined>): string | undefined {
  const raw = env.SIGHTLINE_LOG_LEVEL ?? env.OTEL_LOG_LEVEL ?? 'warn';
  const name = raw.trim().toLowerCase();
  const known = LOG_LEVELS.includes(name);
  const level = diagLogLevelFromString(known ? name : 'warn');
  if (level !== undefined) diag.setLogger(new DiagConsoleLogger(), { logLevel: level, suppressOverrideMessage: true });
  return known ? undefined : `log level ${JSON.stringify(raw)} ignored: use ${LOG_LEVELS.join(', ')}`;
}

/** The auto entry points: options from the environment, then init() (which registers the ESM loader hook). */
export function startFromEnv(env: Record<string, string | undefined> = process.env): {
  handle: SightlineHandle;
  options: InitOptions;
} {
  try {
    const logLevelProblem = setUpDiagnostics(env);
    if (logLevelProblem) logger.warn(logLevelProblem);
    const { options, problems } = optionsFromEnv(env);
    for (const problem of problems) logger.warn(problem);
    return { handle: init(options), options };
  } catch (error) {
    logger.error('Sightline could not start; the app runs uninstrumented', error);
    return { handle: init({ disabled: true }), options: { disabled: true } };
  }
}

/** Whether Sightline was loaded by `node --import` / `--require` (then the hooks see every SDK import). */
export function loadedByFlag(env: Record<string, string | undefined> = process.env): boolean {
  const flags = [...process.execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].join(' ');
  return (
    /--(?:import|require|loader|experimental-loader)[= ]\S*@sightline\/instrumentation/.test(flags) ||
    /(?:^|\s)-r[= ]?\S*@sightline\/instrumentation/.test(flags)
  );
}
