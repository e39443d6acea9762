// Runs fixture spans through normaliseSpan with this helper's adapters, in the order the lead registers them.
import type { Pricer } from '@sightline/core';
import type { OtlpSpan } from '../../../otlp/types.ts';
import { normaliseSpan } from '../../normalise-span.ts';
import type { ConventionAdapter, NormalisedSpan } from '../../types.ts';
import { anthropicSdkAdapter } from '../anthropic-sdk.ts';
import { openlitAdapter } from '../openlit.ts';
import { openllmetryAdapter } from '../openllmetry.ts';
import { otelGenAiAdapter } from '../otel-genai.ts';
import { sightlineAdapter } from '../sightline.ts';

export const ADAPTERS: readonly ConventionAdapter[] = [
  openllmetryAdapter,
  openlitAdapter,
  anthropicSdkAdapter,
  sightlineAdapter,
  otelGenAiAdapter,
];

/** Pricing is another module's job: this pricer knows no model, so inference spans get costSource 'none'. */
export const unpricedPricer: Pricer = {
  version: 'unpriced',
  price: () => ({ costUsd: null, costSource: 'none', costDetails: {}, priceVersion: 'unpriced' }),
};

export function normalise(span: OtlpSpan): NormalisedSpan {
  return normaliseSpan(span, { projectId: 'project-1', adapters: ADAPTERS, pricer: unpricedPricer });
}

/** The canonical fields, without the raw echo of attributes, events and links (kept verbatim). */
export function canonicalView(span: NormalisedSpan): Omit<
  NormalisedSpan,
  'attributes' | 'resourceAttributes' | 'events' | 'links' | 'mapping'
> {
  const { attributes: _a, resourceAttributes: _r, events: _e, links: _l, mapping: _m, ...canonical } = span;
  return canonical;
}

/** The mapping report as `attribute → adapter:field`, with raw keys sorted. */
export function mappingView(span: NormalisedSpan): {
  conventions: string[];
  mapped: Record<string, string>;
  raw: string[];
  errors: string[];
} {
  const mapped: Record<string, string> = {};
  for (const entry of span.mapping.mapped) mapped[entry.attribute] = `${entry.adapter}:${entry.field}`;
  return { conventions: span.mapping.conventions, mapped, raw: [...span.mapping.raw].sort(), errors: span.mapping.errors };
}

type CanonicalView = ReturnType<typeof canonicalView>;

/**
 * The whole canonical span expected for `span`: identity and timing echo the input, every other
 * field is its empty value unless `fields` says otherwise.
 */
export function expectedSpan(span: OtlpSpan, fields: Partial<CanonicalView>): CanonicalView {
  return {
    projectId: 'project-1',
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: span.kind,
    startTimeUnixUs: span.startTimeUnixUs,
    endTimeUnixUs: span.endTimeUnixUs,
    statusCode: span.status.code,
    statusMessage: span.status.message,
    serviceName: 'fixture-app',
    environment: 'test',
    scopeName: span.scope.name,
    scopeVersion: span.scope.version,
    sourceConvention: 'unknown',
    spanType: 'other',
    operation: '',
    provider: '',
    requestModel: '',
    responseModel: '',
    sessionId: '',
    userId: '',
    agentName: '',
    toolName: '',
    promptName: '',
    promptVersion: '',
    feature: '',
    tags: [],
    finishReasons: [],
    errorType: '',
    usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    usageDetails: {},
    countsInTotals: false,
    costUsd: null,
    costSource: 'none',
    costDetails: {},
    priceVersion: '',
    timeToFirstTokenMs: null,
    input: [],
    output: [],
    requestParameters: {},
    toolDefinitions: null,
    metadata: {},
    ...fields,
  };
}
