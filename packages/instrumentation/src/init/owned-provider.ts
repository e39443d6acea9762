import { createRequire } from 'node:module';
import {
  context,
  DiagConsoleLogger,
  DiagLogLevel,
  diag,
  propagation,
  type TextMapPropagator,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  diagLogLevelFromString,
  getBooleanFromEnv,
  getNumberFromEnv,
  getStringFromEnv,
  getStringListFromEnv,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import {
  detectResources,
  envDetector,
  hostDetector,
  osDetector,
  processDetector,
  type Resource,
  type ResourceDetector,
  resourceFromAttributes,
  serviceInstanceIdDetector,
} from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  ParentBasedSampler,
  type Sampler,
  type SpanLimits,
  type SpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace';
import { SERVICE_NAME } from '@sightline/core';
import { ownedIdGenerator } from '../spans/late-span-start.ts';
import { InjectWatchingPropagator, WatchedTracerProvider } from './context-reader-watch.ts';

// What `new NodeSDK({ spanProcessors, metricReaders: [], logRecordProcessors: [] }).start()` sets up
// for traces, built from its parts: the NodeSDK package loads every metrics and logs exporter
// (gRPC included) at import, ~120 ms of start-up for an app that only exports traces.

const DETECTORS: ReadonlyMap<string, ResourceDetector> = new Map([
  ['host', hostDetector],
  ['os', osDetector],
  ['serviceinstance', serviceInstanceIdDetector],
  ['process', processDetector],
  ['env', envDetector],
]);

/** NodeSDK's resource detectors: all of them, or OTEL_NODE_RESOURCE_DETECTORS. */
function resourceDetectors(): ResourceDetector[] {
  const names = getStringListFromEnv('OTEL_NODE_RESOURCE_DETECTORS');
  if (names === undefined) return [serviceInstanceIdDetector, processDetector, hostDetector, osDetector, envDetector];
  if (names.includes('all')) return [...DETECTORS.values()];
  if (names.includes('none')) return [];
  return names.flatMap((name) => {
    const detector = DETECTORS.get(name);
    if (!detector) diag.warn(`Invalid resource detector "${name}" specified in OTEL_NODE_RESOURCE_DETECTORS`);
    return detector ?? [];
  });
}

type B3Module = {
  B3Propagator: new (config?: { injectEncoding?: unknown }) => TextMapPropagator;
  B3InjectEncoding: { MULTI_HEADER: unknown };
};

function b3(multiHeader: boolean): TextMapPropagator | undefined {
  try {
    // Loaded only when OTEL_PROPAGATORS asks for it.
    const module = createRequire(import.meta.url)('@opentelemetry/propagator-b3') as B3Module;
    return new module.B3Propagator(multiHeader ? { injectEncoding: module.B3InjectEncoding.MULTI_HEADER } : {});
  } catch (error) {
    diag.warn('@opentelemetry/propagator-b3 could not be loaded', error);
    return undefined;
  }
}

/** OTEL_PROPAGATORS (tracecontext, baggage, b3, b3multi, none); W3C trace context and baggage by default. */
function propagator(): TextMapPropagator | null {
  const names = getStringListFromEnv('OTEL_PROPAGATORS');
  if (names === undefined) {
    return new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] });
  }
  if (names.includes('none')) return null;
  const unique = [...new Set(names)];
  const propagators: TextMapPropagator[] = [];
  for (const name of unique) {
    const created =
      name === 'tracecontext'
        ? new W3CTraceContextPropagator()
        : name === 'baggage'
          ? new W3CBaggagePropagator()
          : name === 'b3' || name === 'b3multi'
            ? b3(name === 'b3multi')
            : undefined;
    if (created) propagators.push(created);
    else diag.warn(`Propagator "${name}" requested through environment variable is unavailable.`);
  }
  if (propagators.length === 0) return null;
  return unique.length === 1 && propagators[0] ? propagators[0] : new CompositePropagator({ propagators });
}

function samplerRatio(): number {
  const ratio = getNumberFromEnv('OTEL_TRACES_SAMPLER_ARG');
  if (ratio === undefined) {
    diag.error('OTEL_TRACES_SAMPLER_ARG is blank, defaulting to 1.');
    return 1;
  }
  if (ratio < 0 || ratio > 1) {
    diag.error(`OTEL_TRACES_SAMPLER_ARG=${ratio} was given, but it is out of range ([0..1]), defaulting to 1.`);
    return 1;
  }
  return ratio;
}

interface ChosenSampler {
  sampler: Sampler;
  /** It records every root span and every span under a sampled parent. */
  recordsRootsAndSampled: boolean;
}

/** What records every root and sampled child: the SDK's default (parent-based always-on). */
function alwaysOn(sampler: Sampler = new ParentBasedSampler({ root: new AlwaysOnSampler() })): ChosenSampler {
  return { sampler, recordsRootsAndSampled: true };
}

function dropping(sampler: Sampler): ChosenSampler {
  return { sampler, recordsRootsAndSampled: false };
}

/** OTEL_TRACES_SAMPLER, else the SDK default (parent-based always-on). */
function sampler(): ChosenSampler {
  const name = getStringFromEnv('OTEL_TRACES_SAMPLER');
  switch (name) {
    case undefined:
    case 'parentbased_always_on':
      return alwaysOn();
    case 'always_on':
      return alwaysOn(new AlwaysOnSampler());
    case 'always_off':
      return dropping(new AlwaysOffSampler());
    case 'parentbased_always_off':
      return dropping(new ParentBasedSampler({ root: new AlwaysOffSampler() }));
    case 'traceidratio':
      return dropping(new TraceIdRatioBasedSampler(samplerRatio()));
    case 'parentbased_traceidratio':
      return dropping(new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(samplerRatio()) }));
    default:
      diag.error(`unknown OTEL_TRACES_SAMPLER value "${name}", using default`);
      return alwaysOn();
  }
}

function spanLimits(): SpanLimits {
  const limits: SpanLimits = {};
  const set = (key: keyof SpanLimits, value: number | undefined) => {
    if (value !== undefined) limits[key] = value;
  };
  set(
    'attributeCountLimit',
    getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT') ?? getNumberFromEnv('OTEL_ATTRIBUTE_COUNT_LIMIT'),
  );
  set(
    'attributeValueLengthLimit',
    getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT') ?? getNumberFromEnv('OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT'),
  );
  set('eventCountLimit', getNumberFromEnv('OTEL_SPAN_EVENT_COUNT_LIMIT'));
  set('linkCountLimit', getNumberFromEnv('OTEL_SPAN_LINK_COUNT_LIMIT'));
  set(
    'attributePerEventCountLimit',
    getNumberFromEnv('OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT') ??
      getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT'),
  );
  set(
    'attributePerLinkCountLimit',
    getNumberFromEnv('OTEL_LINK_ATTRIBUTE_COUNT_LIMIT') ?? getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT'),
  );
  return limits;
}

export interface OwnedTracing {
  /** The provider's sampler (LLM spans started late decide with it as its tracer would). */
  sampler: Sampler;
  /** It records every root span and every span under a sampled parent (always_on, parentbased_always_on). */
  samplerRecordsRootsAndSampled: boolean;
  /** Flushes and stops the provider, and unregisters what was registered globally. */
  shutdown(): Promise<void>;
}

/**
 * Registers a TracerProvider of Sightline's own (context manager, propagator, resource, sampler and
 * span limits as the NodeSDK sets them from OTEL_* variables). Returns undefined, with the API
 * untouched, when OTEL_SDK_DISABLED is set (the NodeSDK's start() then does nothing either).
 */
export function startOwnedTracing(
  baseResource: Resource,
  serviceName: string | undefined,
  processor: SpanProcessor,
): OwnedTracing | undefined {
  if (getBooleanFromEnv('OTEL_SDK_DISABLED')) return undefined;
  const logLevel = getStringFromEnv('OTEL_LOG_LEVEL');
  // SIGHTLINE_LOG_LEVEL, when set, already chose the level (start-from-env) and wins.
  if (logLevel !== undefined && getStringFromEnv('SIGHTLINE_LOG_LEVEL') === undefined) {
    // An unknown level logs at info, as the OTel API does when given none.
    const level = diagLogLevelFromString(logLevel) ?? DiagLogLevel.INFO;
    diag.setLogger(new DiagConsoleLogger(), { logLevel: level, suppressOverrideMessage: true });
  }
  const contextManager = new AsyncLocalStorageContextManager();
  contextManager.enable();
  context.setGlobalContextManager(contextManager);
  const textMapPropagator = propagator();
  if (textMapPropagator) propagation.setGlobalPropagator(new InjectWatchingPropagator(textMapPropagator));
  let resource = baseResource.merge(detectResources({ detectors: resourceDetectors() }));
  if (serviceName !== undefined) resource = resource.merge(resourceFromAttributes({ [SERVICE_NAME]: serviceName }));
  // The SDK's default made explicit too, so that late starts (late-span-start.ts) use the same instance.
  const chosen = sampler();
  const provider = new WatchedTracerProvider({
    resource,
    spanLimits: spanLimits(),
    spanProcessors: [processor],
    sampler: chosen.sampler,
    idGenerator: ownedIdGenerator,
  });
  trace.setGlobalTracerProvider(provider);
  return {
    sampler: chosen.sampler,
    samplerRecordsRootsAndSampled: chosen.recordsRootsAndSampled,
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
