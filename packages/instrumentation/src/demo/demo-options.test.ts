import { describe, expect, it } from 'vitest';
import { DemoOptionsError, parseDemoOptions, parseDuration } from './demo-options.ts';

const options = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const parsed = parseDemoOptions(argv, env);
  if (parsed.help) throw new Error('unexpected help');
  return parsed.options;
};

describe('parseDemoOptions', () => {
  it('defaults to one minute at two traces a second against the local collector', () => {
    expect(options(['--seed', '1'])).toEqual({
      collector: 'http://127.0.0.1:4318',
      durationMs: 60_000,
      traces: undefined,
      rate: 2,
      seed: 1,
      latency: 'realistic',
      apiKey: undefined,
      serviceName: 'sightline-demo',
      quiet: false,
    });
  });

  it('reads flags, then SIGHTLINE_DEMO_* variables', () => {
    const parsed = options(['--traces', '40', '--rate', '20', '--latency', 'none', '--quiet'], {
      SIGHTLINE_DEMO_COLLECTOR: 'http://127.0.0.1:9999/',
      SIGHTLINE_API_KEY: 'k',
    });
    expect(parsed).toMatchObject({
      collector: 'http://127.0.0.1:9999',
      durationMs: undefined,
      traces: 40,
      rate: 20,
      latency: 'none',
      apiKey: 'k',
      quiet: true,
    });
    expect(options(['--duration', '2m'], { SIGHTLINE_DEMO_DURATION: '5s' }).durationMs).toBe(120_000);
  });

  it('names the flag and its variable in errors', () => {
    expect(() => parseDemoOptions(['--duration', 'soon'], {})).toThrowError(
      new DemoOptionsError('--duration (SIGHTLINE_DEMO_DURATION): must be a positive time such as 60s, 2m or 500ms'),
    );
    expect(() => parseDemoOptions(['--rate', '0'], {})).toThrow(/^--rate \(SIGHTLINE_DEMO_RATE\): Too small/);
    expect(() => parseDemoOptions(['--verbose'], {})).toThrow(/Unknown option '--verbose'/);
    expect(parseDemoOptions(['--help'], {})).toEqual({ help: true });
  });

  it('parses durations with units', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5m')).toBe(90_000);
    expect(parseDuration('30')).toBe(30_000);
    expect(parseDuration('1d')).toBeUndefined();
  });
});
