import { diag } from '@opentelemetry/api';

/** Every log line of this package goes through OTel diag under this namespace. */
export const logger = diag.createComponentLogger({ namespace: '@sightline/instrumentation' });

/**
 * Runs `step`, a part of the instrumentation, so that a failure in it never reaches the app: the
 * error is logged through OTel diag and the result is `undefined`.
 */
export function safely<T>(what: string, step: () => T): T | undefined {
  try {
    return step();
  } catch (error) {
    logger.warn(`${what} failed; the app's call goes on unobserved`, error);
    return undefined;
  }
}

/** Logs a message once per key for the life of the process (a down collector must not flood the log). */
const loggedOnce = new Set<string>();
export function logOnce(key: string, log: () => void): void {
  if (loggedOnce.has(key)) return;
  loggedOnce.add(key);
  log();
}
