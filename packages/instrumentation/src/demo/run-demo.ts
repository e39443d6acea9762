// Runs the demo: a mock OpenAI/Anthropic server on loopback, Sightline's init() pointed at the
// collector, then traces started at --rate until --duration or --traces, each under its own
// user/session/feature context. Resolves once every span has been exported.
import { setTimeout as sleep } from 'node:timers/promises';
import { startMockLlmServer } from '@sightline/mock-llm';
import { withContext } from '../context/sightline-context.ts';
import { init, shutdown } from '../init/init.ts';
import type { DemoOptions } from './demo-options.ts';
import { drawVisitor } from './population.ts';
import type { Outcome, Scenario } from './scenarios/index.ts';
import { seededRandom } from './seeded-random.ts';

export type TraceResult = Outcome | 'error';

export interface DemoSummary {
  traces: number;
  /** Per scenario, how many traces ended each way. */
  results: Record<string, Partial<Record<TraceResult, number>>>;
  llmRequests: number;
  elapsedMs: number;
  droppedSpans: number;
}

export class DemoError extends Error {
  override name = 'DemoError';
}

async function checkCollector(collector: string): Promise<void> {
  try {
    const response = await fetch(`${collector}/healthz`, { signal: AbortSignal.timeout(3000) });
    if (response.ok) return;
    throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DemoError(
      `no Sightline collector answers at ${collector} (${reason}). Start one with \`pnpm start\` in another terminal, or pass --collector URL.`,
    );
  }
}

function pickScenario(scenarios: readonly Scenario[], point: number): Scenario {
  const total = scenarios.reduce((sum, scenario) => sum + scenario.weight, 0);
  let threshold = point * total;
  for (const scenario of scenarios) {
    if (threshold < scenario.weight) return scenario;
    threshold -= scenario.weight;
  }
  return scenarios.at(-1)!;
}

export async function runDemo(
  options: DemoOptions,
  log: (line: string) => void = () => undefined,
): Promise<DemoSummary> {
  await checkCollector(options.collector);
  const mock = await startMockLlmServer();
  // An ESM app hands its SDK modules to init() (or starts with `node --import @sightline/instrumentation/auto`).
  const [openai, anthropic] = await Promise.all([import('openai'), import('@anthropic-ai/sdk')]);
  const handle = init({
    serviceName: options.serviceName,
    environment: 'demo',
    endpoint: options.collector,
    modules: { openai, anthropic },
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
  });
  try {
    const { createDemoApp } = await import('./demo-app.ts');
    const { SCENARIOS } = await import('./scenarios/index.ts');
    const random = seededRandom(options.seed);
    const app = createDemoApp({
      openaiBaseUrl: mock.openaiBaseUrl,
      anthropicBaseUrl: mock.anthropicBaseUrl,
      random,
      latency: options.latency,
    });
    const results: DemoSummary['results'] = {};
    const count = (scenario: string, result: TraceResult) => {
      const forScenario = results[scenario] ?? {};
      forScenario[result] = (forScenario[result] ?? 0) + 1;
      results[scenario] = forScenario;
    };

    const started = performance.now();
    const sessions = new Map<string, number>();
    const inFlight = new Set<Promise<void>>();
    let traces = 0;
    let lastProgress = started;
    const interval = 1000 / options.rate;
    const more = () =>
      (options.traces === undefined || traces < options.traces) &&
      (options.durationMs === undefined || performance.now() - started < options.durationMs);

    while (more()) {
      const scenario = pickScenario(SCENARIOS, random.next());
      const visitor = drawVisitor(random, sessions);
      traces += 1;
      const context = {
        userId: visitor.userId,
        sessionId: visitor.sessionId,
        feature: scenario.feature,
        tags: ['demo', `plan:${visitor.plan}`],
        metadata: { plan: visitor.plan },
      };
      // Each trace draws from its own stream, so a seed gives the same traces whatever the timing.
      const traceRandom = seededRandom((options.seed * 7919 + traces) >>> 0);
      const trace = withContext(context, () => scenario.run(app, { visitor, random: traceRandom })).then(
        (outcome) => count(scenario.name, outcome),
        () => count(scenario.name, 'error'),
      );
      inFlight.add(trace);
      void trace.finally(() => inFlight.delete(trace));
      if (performance.now() - lastProgress >= 10_000) {
        lastProgress = performance.now();
        log(`… ${traces} traces started, ${mock.requests.length} LLM requests`);
      }
      // Poisson-like arrivals around the rate, so the charts do not look machine-made.
      await sleep(interval * (0.5 + random.next()));
    }
    await Promise.all(inFlight);
    await handle.flush();
    return {
      traces,
      results,
      llmRequests: mock.requests.length,
      elapsedMs: performance.now() - started,
      droppedSpans: handle.droppedSpans(),
    };
  } finally {
    await shutdown();
    await mock.close();
  }
}
