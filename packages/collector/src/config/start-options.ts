import { parseArgs } from 'node:util';
import { z } from 'zod';

/** Flags of `sightline start`, each also settable by a SIGHTLINE_* environment variable (flags win). */
const FLAG_TO_ENV = {
  port: 'SIGHTLINE_PORT',
  host: 'SIGHTLINE_HOST',
  'data-dir': 'SIGHTLINE_DATA_DIR',
  'clickhouse-url': 'SIGHTLINE_CLICKHOUSE_URL',
  'clickhouse-user': 'SIGHTLINE_CLICKHOUSE_USER',
  'clickhouse-password': 'SIGHTLINE_CLICKHOUSE_PASSWORD',
  'clickhouse-database': 'SIGHTLINE_CLICKHOUSE_DATABASE',
  'retention-days': 'SIGHTLINE_RETENTION_DAYS',
  'api-keys': 'SIGHTLINE_API_KEYS',
  'prices-file': 'SIGHTLINE_PRICES_FILE',
  'max-body-mb': 'SIGHTLINE_MAX_BODY_MB',
  'log-level': 'SIGHTLINE_LOG_LEVEL',
} as const;
type Flag = keyof typeof FLAG_TO_ENV;

const port = z.coerce.number().int().min(0).max(65_535);

export const startOptionsSchema = z.object({
  port: port.default(4318),
  host: z.string().min(1).default('127.0.0.1'),
  'data-dir': z.string().min(1).default('.sightline'),
  'clickhouse-url': z.url({ protocol: /^https?$/ }).optional(),
  'clickhouse-user': z.string().optional(),
  'clickhouse-password': z.string().optional(),
  'clickhouse-database': z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
    .default('sightline'),
  'retention-days': z.coerce.number().int().min(1).max(3650).default(30),
  'api-keys': z.string().optional(),
  'prices-file': z.string().optional(),
  'max-body-mb': z.coerce.number().positive().max(1024).default(64),
  'log-level': z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface StartOptions {
  port: number;
  host: string;
  dataDir: string;
  clickhouse?: { url: string; username?: string; password?: string; database: string };
  retentionDays: number;
  apiKeys?: string;
  pricesFile?: string;
  maxBodyBytes: number;
  logLevel: z.infer<typeof startOptionsSchema>['log-level'];
}

export class StartOptionsError extends Error {
  override name = 'StartOptionsError';
}

/** Parses `sightline start` flags and SIGHTLINE_* variables; errors name the flag and the variable. */
export function parseStartOptions(argv: string[], env: NodeJS.ProcessEnv): StartOptions {
  let values: Record<string, string | undefined>;
  try {
    const options = Object.fromEntries(Object.keys(FLAG_TO_ENV).map((flag) => [flag, { type: 'string' as const }]));
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | undefined
    >;
  } catch (error) {
    throw new StartOptionsError(
      `${(error as Error).message}. Flags: ${Object.keys(FLAG_TO_ENV)
        .map((flag) => `--${flag}`)
        .join(', ')}`,
    );
  }
  const merged: Record<string, string | undefined> = {};
  for (const [flag, variable] of Object.entries(FLAG_TO_ENV) as [Flag, string][]) {
    const value = values[flag] ?? env[variable];
    if (value !== undefined && value !== '') merged[flag] = value;
  }
  const parsed = startOptionsSchema.safeParse(merged);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) => {
      const flag = String(issue.path[0]) as Flag;
      return `--${flag} (${FLAG_TO_ENV[flag]}): ${issue.message}`;
    });
    throw new StartOptionsError(`invalid options:\n  ${messages.join('\n  ')}`);
  }
  const options = parsed.data;
  const result: StartOptions = {
    port: options.port,
    host: options.host,
    dataDir: options['data-dir'],
    retentionDays: options['retention-days'],
    maxBodyBytes: Math.round(options['max-body-mb'] * 1024 * 1024),
    logLevel: options['log-level'],
  };
  if (options['clickhouse-url']) {
    result.clickhouse = { url: options['clickhouse-url'], database: options['clickhouse-database'] };
    if (options['clickhouse-user']) result.clickhouse.username = options['clickhouse-user'];
    if (options['clickhouse-password']) result.clickhouse.password = options['clickhouse-password'];
  }
  if (options['api-keys']) result.apiKeys = options['api-keys'];
  if (options['prices-file']) result.pricesFile = options['prices-file'];
  return result;
}
