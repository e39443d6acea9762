import { readdirSync, readFileSync } from 'node:fs';
import type { Cost, PriceRequest, Pricer } from '@sightline/core';
import type { AttributeValue, OtlpSpan } from '../../otlp/types.ts';
import { normaliseSpan } from '../normalise-span.ts';
import type { ConventionAdapter, NormalisedSpan } from '../types.ts';
import { ADAPTERS } from './index.ts';
import { langfuseAdapter } from './langfuse.ts';
import { openInferenceAdapter } from './openinference.ts';
import { vercelAiAdapter } from './vercel-ai.ts';

// Shared by the OpenInference, Vercel AI SDK and Langfuse adapter tests: recorded fixtures, the adapter
// list they run through, and a Pricer that knows no prices (pricing has its own tests).

export const TEST_ADAPTERS: readonly ConventionAdapter[] = [langfuseAdapter, vercelAiAdapter, openInferenceAdapter];

/** Answers costSource 'none' for every request and remembers what it was asked. */
export class NoPricePricer implements Pricer {
  readonly version = 'test-prices';
  readonly requests: PriceRequest[] = [];

  price(request: PriceRequest): Cost {
    this.requests.push(request);
    return { costUsd: null, costSource: 'none', costDetails: {}, priceVersion: '' };
  }
}

interface FixtureFile {
  source: string;
  spans: OtlpSpan[];
}

/** Spans recorded in `__fixtures__/<convention>/<name>.json`. */
export function loadFixture(convention: string, name: string): OtlpSpan[] {
  const url = new URL(`./__fixtures__/${convention}/${name}.json`, import.meta.url);
  const file = JSON.parse(readFileSync(url, 'utf8')) as FixtureFile;
  if (!Array.isArray(file.spans) || typeof file.source !== 'string') throw new Error(`${name}: not a fixture file`);
  return file.spans;
}

/** Every span recorded for a convention. */
export function loadAllFixtures(convention: string): OtlpSpan[] {
  const directory = new URL(`./__fixtures__/${convention}/`, import.meta.url);
  return readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .flatMap((file) => loadFixture(convention, file.slice(0, -'.json'.length)));
}

export function normalise(span: OtlpSpan, pricer: Pricer = new NoPricePricer()): NormalisedSpan {
  return normaliseSpan(span, { projectId: 'project-1', adapters: TEST_ADAPTERS, pricer });
}

/** Normalises a span through every adapter, in the collector's order (for real payloads mixing conventions). */
export function normaliseAsCollector(span: OtlpSpan, pricer: Pricer = new NoPricePricer()): NormalisedSpan {
  return normaliseSpan(span, { projectId: 'project-1', adapters: ADAPTERS, pricer });
}

/** Normalises every span of a fixture, keyed by span name. */
export function normaliseFixture(convention: string, name: string): Map<string, NormalisedSpan> {
  return new Map(loadFixture(convention, name).map((span) => [span.name, normalise(span)]));
}

export function spanNamed(spans: Map<string, NormalisedSpan>, name: string): NormalisedSpan {
  const span = spans.get(name);
  if (!span) throw new Error(`no span named ${name}`);
  return span;
}

/**
 * The canonical span without the raw pass-through columns (attributes, resource attributes, events,
 * links), with the mapping report as `attribute → field` and the raw attributes sorted.
 */
export function canonicalView(span: NormalisedSpan) {
  const {
    attributes: _attributes,
    resourceAttributes: _resource,
    events: _events,
    links: _links,
    mapping,
    ...rest
  } = span;
  return {
    ...rest,
    mapping: {
      conventions: mapping.conventions,
      mapped: Object.fromEntries(mapping.mapped.map((entry) => [entry.attribute, `${entry.adapter}:${entry.field}`])),
      raw: [...mapping.raw].sort(),
      errors: mapping.errors,
    },
  };
}

/** Values of the wrong shape for any attribute: none of them may make an adapter fail. */
const WRONG_VALUES: AttributeValue[] = [
  null,
  '',
  'abc',
  '{',
  '[',
  -1,
  0,
  1e308,
  true,
  [],
  [null, { a: 1 }],
  {},
  { intValue: 'x' },
];

/** Normalises each span again with every attribute in turn replaced by each wrong value; returns adapter failures. */
export function failuresWithWrongValues(spans: readonly OtlpSpan[]): string[] {
  const failures: string[] = [];
  for (const span of spans) {
    for (const key of Object.keys(span.attributes)) {
      for (const value of WRONG_VALUES) {
        const { errors } = normalise({ ...span, attributes: { ...span.attributes, [key]: value } }).mapping;
        if (errors.length > 0) failures.push(`${span.name} ${key}=${JSON.stringify(value)}: ${errors.join('; ')}`);
      }
    }
  }
  return failures;
}

/** The identity and timing columns every fixture span carries, for whole-span expectations. */
export function spanBasics(span: OtlpSpan) {
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
    serviceName: 'demo-service',
    scopeName: span.scope.name,
    scopeVersion: span.scope.version,
  };
}
