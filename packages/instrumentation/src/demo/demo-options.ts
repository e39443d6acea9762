// `sightline demo` flags. Each has a SIGHTLINE_DEMO_* variable too (flags win); errors name both.
import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface DemoOptions {
  /** Collector origin; spans go to `${collector}/v1/traces`. */
  collector: string;
  /** Stop starting traces after this long (undefined: only --traces limits the run). */
  durationMs: number | undefined;
  /** Stop after this many traces (undefined: only --duration limits the run). */
  traces: number | undefined;
  /** Traces started per second. */
  rate: number;
  seed: number;
  latency: 'realistic' | 'none';
  apiKey: string | undefined;
  serviceName: string;
  quiet: boolean;
}

export const DEMO_USAGE = `Usage: pnpm demo [flags]

Runs a sample LLM app instrumented with @sightline/instrumentation against a local mock of the OpenAI
and Anthropic APIs, sending its traces to a Sightline collector.

  --collector URL     collector origin (default http://127.0.0.1:4318)   SIGHTLINE_DEMO_COLLECTOR
  --duration TIME     how long to send traffic: 60s, 2m, 500ms (default 60s) SIGHTLINE_DEMO_DURATION
  --traces N          stop after N traces instead (with --duration: whichever comes first)
  --rate R            traces started per second (default 2)               SIGHTLINE_DEMO_RATE
  --seed N            repeat a run's choices (default: random)
  --latency MODE      realistic (model-like delays) or none (default realistic)
  --api-key KEY       collector API key, sent as a Bearer token            SIGHTLINE_API_KEY
  --service-name NAME service.name of the demo app (default sightline-demo)
  --quiet             no progress lines
  --help              this text
`;

export class DemoOptionsError extends Error {
  override name = 'DemoOptionsError';
}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

export function parseDuration(text: string): number | undefined {
  const match = DURATION.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[(match[2] ?? 's') as keyof typeof UNIT_MS];
}

const schema = z.object({
  collector: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4318'),
  duration: z
    .string()
    .refine((text) => (parseDuration(text) ?? 0) > 0, 'must be a positive time such as 60s, 2m or 500ms')
    .optional(),
  traces: z.coerce.number().int().positive().optional(),
  rate: z.coerce.number().positive().max(1000).default(2),
  seed: z.coerce.number().int().min(0).optional(),
  latency: z.enum(['realistic', 'none']).default('realistic'),
  'api-key': z.string().min(1).optional(),
  'service-name': z.string().min(1).default('sightline-demo'),
});

const ENV: Partial<Record<keyof z.input<typeof schema>, string>> = {
  collector: 'SIGHTLINE_DEMO_COLLECTOR',
  duration: 'SIGHTLINE_DEMO_DURATION',
  rate: 'SIGHTLINE_DEMO_RATE',
  'api-key': 'SIGHTLINE_API_KEY',
};

export type ParsedDemoArguments = { help: true } | { help: false; options: DemoOptions };

export function parseDemoOptions(argv: string[], env: NodeJS.ProcessEnv): ParsedDemoArguments {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        collector: { type: 'string' },
        duration: { type: 'string' },
        traces: { type: 'string' },
        rate: { type: 'string' },
        seed: { type: 'string' },
        latency: { type: 'string' },
        'api-key': { type: 'string' },
        'service-name': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new DemoOptionsError(`${error instanceof Error ? error.message : String(error)}\n\n${DEMO_USAGE}`);
  }
  if (values.help) return { help: true };
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape) as Array<keyof typeof schema.shape>) {
    const variable = ENV[key];
    input[key] = values[key] ?? (variable ? env[variable] : undefined);
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const flag = String(issue.path[0]);
      const variable = ENV[flag as keyof typeof ENV];
      return `--${flag}${variable ? ` (${variable})` : ''}: ${issue.message}`;
    });
    throw new DemoOptionsError(lines.join('\n'));
  }
  const parsed = result.data;
  // Without either limit the demo runs for a minute: long enough to fill the UI's charts.
  const durationText = parsed.duration ?? (parsed.traces === undefined ? '60s' : undefined);
  return {
    help: false,
    options: {
      collector: parsed.collector.replace(/\/+$/, ''),
      durationMs: durationText === undefined ? undefined : parseDuration(durationText),
      traces: parsed.traces,
      rate: parsed.rate,
      seed: parsed.seed ?? Math.floor(Math.random() * 1_000_000),
      latency: parsed.latency,
      apiKey: parsed['api-key'],
      serviceName: parsed['service-name'],
      quiet: values.quiet === true,
    },
  };
}
