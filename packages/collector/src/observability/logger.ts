import { type Logger, pino } from 'pino';

export type { Logger };

/** Structured JSON logs on stderr, one object per line. */
export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    { level, base: { service: 'sightline-collector' }, timestamp: pino.stdTimeFunctions.isoTime },
    destination,
  );
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
