import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messagesFromLogEvents } from '../normalise/log-events.ts';
import type { NormalisedSpan } from '../normalise/types.ts';
import type { Storage } from './span-store.ts';
import { executorVariants, openTestStorage, uniqueProjectId } from './test-support/executors.ts';
import { buildLlmSpan, buildSpan } from './test-support/span-builder.ts';
import { createViewQueries, type ViewQueries } from './ui-view-queries.ts';

// Dashboards, prompts and facets read tiered rollups (whole hours, 10-minute and minute edges) and
// choose between per-dimension and per-combination rows: every path must give what the spans say.

const HOUR_S = 3600;
const MODELS = ['gpt-4o-mini', 'claude-sonnet-4', 'gemini-2.5-flash'];

interface Call {
  startS: number;
  environment: string;
  model: string;
  promptName: string;
  promptVersion: string;
  feature: string;
  error: boolean;
  input: number;
  output: number;
  cost: number | null;
  latencyMs: number;
}

/** 40 model calls, one every 7 minutes from six hours ago (so windows cross hour and 10-minute edges). */
function calls(anchorS: number): Call[] {
  return Array.from({ length: 40 }, (_, index) => ({
    startS: anchorS + index * 7 * 60 + 13,
    environment: index % 3 === 0 ? 'staging' : 'production',
    model: MODELS[Math.floor(index / 2) % 3]!,
    promptName: index % 2 === 0 ? 'triage' : 'answer',
    promptVersion: index < 20 ? 'v1' : 'v2',
    feature: index % 5 === 0 ? 'refunds' : 'billing',
    error: index % 7 === 0,
    input: 100 + index,
    output: 10 + index,
    cost: index === 5 ? null : 0.001 * (index + 1),
    latencyMs: 200 + index * 10,
  }));
}

function spansOf(projectId: string, call: Call): NormalisedSpan[] {
  const startUs = call.startS * 1_000_000;
  const root = buildSpan({
    projectId,
    spanType: 'agent',
    name: 'agent run',
    startTimeUnixUs: startUs,
    endTimeUnixUs: startUs + (call.latencyMs + 50) * 1000,
    environment: call.environment,
  });
  return [
    root,
    buildLlmSpan({
      projectId,
      traceId: root.traceId,
      parentSpanId: root.spanId,
      startTimeUnixUs: startUs + 10_000,
      endTimeUnixUs: startUs + 10_000 + call.latencyMs * 1000,
      environment: call.environment,
      requestModel: call.model,
      responseModel: '',
      promptName: call.promptName,
      promptVersion: call.promptVersion,
      feature: call.feature,
      statusCode: call.error ? 'ERROR' : 'UNSET',
      usage: {
        inputTokens: call.input,
        outputTokens: call.output,
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
        reasoningTokens: 0,
      },
      costUsd: call.cost,
      costSource: call.cost === null ? 'none' : 'calculated',
    }),
  ];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

for (const variant of executorVariants()) {
  describe(`dashboard, prompt and facet views on ${variant.name}`, () => {
    let storage: Storage;
    let views: ViewQueries;
    const projectId = uniqueProjectId('ui-metrics');
    const anchorS = Math.floor(Date.now() / 1000 / HOUR_S) * HOUR_S - 6 * HOUR_S;
    const all = calls(anchorS);
    // 23.5 minutes after the anchor to 4 h 2 min 10 s after it: partial minutes, 10 minutes and hours at both ends.
    const from = new Date((anchorS + 23 * 60 + 30) * 1000);
    const to = new Date((anchorS + 4 * HOUR_S + 2 * 60 + 10) * 1000);
    const inWindow = (call: Call) => {
      const minute = Math.floor(call.startS / 60) * 60;
      return minute >= Math.floor(from.getTime() / 60_000) * 60 && minute < Math.ceil(to.getTime() / 60_000) * 60;
    };
    const windowCalls = all.filter(inWindow);
    const range = { projectId, from, to };

    beforeAll(async () => {
      storage = await openTestStorage(variant);
      views = createViewQueries(storage.executor, storage.logEvents, messagesFromLogEvents);
      // Three inserts, as separate batches would arrive: rollup rows of one period come from several blocks.
      const spans = all.flatMap((call) => spansOf(projectId, call));
      await storage.writer.writeSpans(spans.slice(0, 30));
      await storage.writer.writeSpans(spans.slice(30, 55));
      await storage.writer.writeSpans(spans.slice(55));
    });
    afterAll(async () => {
      await storage.close();
    });

    const countBy = (list: Call[], key: (call: Call) => string) => {
      const counts = new Map<string, number>();
      for (const call of list) counts.set(key(call), (counts.get(key(call)) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    };

    test('totals and the overall series match the window’s calls', async () => {
      expect(windowCalls.length).toBeGreaterThan(30);
      const dashboard = await views.dashboard({ ...range, breakdown: 'none', filters: {} });
      const priced = windowCalls.filter((call) => call.cost !== null);
      expect(dashboard.total).toMatchObject({
        calls: windowCalls.length,
        errors: windowCalls.filter((call) => call.error).length,
        inputTokens: windowCalls.reduce((sum, call) => sum + call.input, 0),
        outputTokens: windowCalls.reduce((sum, call) => sum + call.output, 0),
        pricedCalls: priced.length,
      });
      expect(dashboard.total.costUsd).toBeCloseTo(
        priced.reduce((sum, call) => sum + call.cost!, 0),
        9,
      );
      expect(dashboard.bucketSeconds).toBe(60);
      expect(dashboard.overall.calls.reduce((sum, value) => sum + value, 0)).toBe(windowCalls.length);
      const firstBucket = dashboard.buckets.findIndex(
        (bucket) => bucket === Math.floor(windowCalls[0]!.startS / 60) * 60,
      );
      expect(dashboard.overall.calls[firstBucket]).toBe(1);
      const latency = dashboard.total.latencyMs!.p50;
      expect(Math.abs(latency - median(windowCalls.map((call) => call.latencyMs)))).toBeLessThan(25);

      // A day in 10-minute buckets: 10-minute rows and minute edges.
      const day = await views.dashboard({
        projectId,
        from: new Date(Date.now() - 24 * HOUR_S * 1000),
        to: new Date(),
        breakdown: 'none',
        filters: {},
      });
      expect(day.bucketSeconds).toBe(600);
      expect(day.total.calls).toBe(all.length);
      expect(day.overall.calls.reduce((sum, value) => sum + value, 0)).toBe(all.length);
      const bucketOf = (call: Call) => day.buckets.indexOf(Math.floor(call.startS / 600) * 600);
      expect(day.overall.calls[bucketOf(all[0]!)]).toBe(
        all.filter((call) => bucketOf(call) === bucketOf(all[0]!)).length,
      );
    });

    test('breakdowns and filters give the same counts from per-dimension and per-combination rows', async () => {
      const byModel = await views.dashboard({ ...range, breakdown: 'model', filters: {} });
      expect(byModel.groups.map((group) => [group.key, group.calls])).toEqual(
        countBy(windowCalls, (call) => call.model),
      );
      expect(byModel.groupSeries.map((series) => series.calls.reduce((sum, value) => sum + value, 0))).toEqual(
        byModel.groups.map((group) => group.calls),
      );
      // Groups carry latency but no time to first token (not drawn per group); the total has both.
      expect(byModel.groups[0]!.latencyMs?.p50).toBeGreaterThan(0);
      expect(byModel.groups[0]!.timeToFirstTokenMs).toBeNull();
      expect(byModel.total.timeToFirstTokenMs?.p50).toBeGreaterThan(0);

      const production = windowCalls.filter((call) => call.environment === 'production');
      const combined = await views.dashboard({ ...range, breakdown: 'model', filters: { environment: 'production' } });
      expect(combined.total.calls).toBe(production.length);
      expect(combined.groups.map((group) => [group.key, group.calls])).toEqual(
        countBy(production, (call) => call.model),
      );

      const twoFilters = await views.dashboard({
        ...range,
        breakdown: 'none',
        filters: { feature: 'billing', model: 'claude-sonnet-4' },
      });
      expect(twoFilters.total.calls).toBe(
        windowCalls.filter((call) => call.feature === 'billing' && call.model === 'claude-sonnet-4').length,
      );

      const oneModel = windowCalls.filter((call) => call.model === 'gpt-4o-mini');
      const sliced = await views.dashboard({ ...range, breakdown: 'none', filters: { model: 'gpt-4o-mini' } });
      const perCombination = await views.dashboard({
        ...range,
        breakdown: 'none',
        filters: { model: 'gpt-4o-mini', provider: 'openai' },
      });
      expect(sliced.total.calls).toBe(oneModel.length);
      expect(perCombination.total.calls).toBe(oneModel.length);
      expect(sliced.total.latencyMs!.p50).toBeCloseTo(perCombination.total.latencyMs!.p50, 0);

      const byVersion = await views.dashboard({
        ...range,
        breakdown: 'promptVersion',
        filters: { promptName: 'triage' },
      });
      const triage = windowCalls.filter((call) => call.promptName === 'triage');
      expect(byVersion.groups.map((group) => [group.key, group.calls])).toEqual(
        countBy(triage, (call) => call.promptVersion),
      );
    });

    test('compares prompt versions with first-seen minutes, traffic and last-seen times', async () => {
      const comparison = await views.promptVersions(range, 'triage');
      const triage = windowCalls.filter((call) => call.promptName === 'triage');
      expect(comparison.versions.map((version) => [version.version, version.calls])).toEqual([
        ['v1', triage.filter((call) => call.promptVersion === 'v1').length],
        ['v2', triage.filter((call) => call.promptVersion === 'v2').length],
      ]);
      const firstOf = (version: string) =>
        new Date(
          Math.floor(all.find((call) => call.promptName === 'triage' && call.promptVersion === version)!.startS / 60) *
            60_000,
        ).toISOString();
      expect(comparison.versions.map((version) => version.firstSeen.slice(0, 19))).toEqual([
        firstOf('v1').slice(0, 19),
        firstOf('v2').slice(0, 19),
      ]);
      expect(comparison.traffic.map((series) => series.reduce((sum, value) => sum + value, 0))).toEqual(
        comparison.versions.map((version) => version.calls),
      );

      const untilNow = await views.prompts({ projectId, from, to: new Date() });
      const lastTriage = all.filter((call) => call.promptName === 'triage').at(-1)!;
      const triageRow = untilNow.find((prompt) => prompt.name === 'triage')!;
      expect(triageRow.versions).toBe(2);
      expect(triageRow.lastSeen).toBe(new Date(Math.floor(lastTriage.startS / 60) * 60_000).toISOString());
      const inWindowPrompts = await views.prompts(range);
      expect(inWindowPrompts.map((prompt) => [prompt.name, prompt.calls])).toEqual(
        countBy(windowCalls, (call) => call.promptName),
      );
    });

    test('lists the window’s values for the filter pickers', async () => {
      const facets = await views.facets(range);
      expect(facets).toMatchObject({
        environments: ['production', 'staging'],
        services: ['checkout'],
        providers: ['openai'],
        models: [...MODELS].sort(),
        promptNames: ['answer', 'triage'],
        promptVersions: ['v1', 'v2'],
        features: ['billing', 'refunds'],
      });
    });
  });
}
