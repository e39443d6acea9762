import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { DEPLOYMENT_ENVIRONMENT_NAME, loadPriceOverrides, SERVICE_NAME } from '@sightline/core';
import { logger } from '../diagnostics/safely.ts';
import { DEFAULT_CONTENT_POLICY } from '../privacy/content-policy.ts';
import { MASK_NAMES } from '../privacy/masks.ts';
import { stopWatchingForContextReaders, watchForContextReaders } from '../runtime/active-llm-span.ts';
import { configureRuntime } from '../runtime/settings.ts';
import { usePrivateTracerProvider } from '../runtime/tracer.ts';
import { unwrapResponseMethods } from '../spans/api-promise.ts';
import { deferAttributesToExport } from '../spans/deferred-attributes.ts';
import { endSpansAfterCalls } from '../spans/end-queue.ts';
import { startSpansLate } from '../spans/late-span-start.ts';
import { usePriceOverrides } from '../usage/cost.ts';
import { warmUpLater } from '../usage/warm-up.ts';
import { registerEsmLoaderHook } from './esm-hook.ts';
import { createInstrumentations, enabledSdks, patchLoadedModules } from './instrumentations.ts';
import type { InitOptions } from './options.ts';
import { startOwnedTracing } from './owned-provider.ts';
import { addProcessorToProvider, registeredTracerProvider } from './registered-provider.ts';
import { createProcessorParts } from './span-processor-factory.ts';

/**
 * How Sightline joined the app's tracing:
 * - owned: no provider was registered; Sightline registered a provider of its own (set up as the
 *   OTel NodeSDK would, traces only) with its exporter.
 * - attached: the app's provider (its NodeSDK, Sentry, Datadog) got Sightline's processor as well.
 * - alongside: the app's provider could not take a processor; Sightline's spans go to a provider of its own.
 * - disabled: OTEL_SDK_DISABLED / SIGHTLINE_DISABLED / disabled: true.
 */
export type InitMode = 'owned' | 'attached' | 'alongside' | 'disabled';

export interface SightlineHandle {
  readonly mode: InitMode;
  /** Spans dropped because the collector was unreachable. */
  droppedSpans(): number;
  /** Exports what is queued. */
  flush(): Promise<void>;
  /** Flushes, unpatches and stops (same as the package's shutdown()). */
  shutdown(): Promise<void>;
}

interface Running {
  handle: SightlineHandle;
  stop(): Promise<void>;
  flush(): Promise<void>;
}

let running: Running | undefined;

function configure(options: InitOptions): void {
  const masks =
    options.masks === false ? [] : options.masks === true || options.masks === undefined ? MASK_NAMES : options.masks;
  configureRuntime({
    content: {
      capture: options.captureContent ?? DEFAULT_CONTENT_POLICY.capture,
      masks,
      redact: options.redact,
      maxTextChars: options.maxContentChars ?? DEFAULT_CONTENT_POLICY.maxTextChars,
      maxAttributeChars: options.maxContentAttributeChars ?? DEFAULT_CONTENT_POLICY.maxAttributeChars,
    },
    streamUsage: options.streamUsage ?? 'request',
    anthropicNativeSpans: options.anthropicNativeSpans ?? 'suppress',
  });
  if (options.priceOverrides) usePriceOverrides(options.priceOverrides);
  if (options.pricesFile) {
    loadPriceOverrides(options.pricesFile).then(usePriceOverrides, (error: unknown) =>
      logger.warn(`could not load price overrides from ${options.pricesFile}; using the bundled prices`, error),
    );
  }
}

/** The resource of a provider Sightline creates (owned mode adds OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES itself). */
function ownResource(options: InitOptions, readEnv: boolean) {
  const attributes = { ...options.resourceAttributes };
  if (options.environment) attributes[DEPLOYMENT_ENVIRONMENT_NAME] = options.environment;
  if (options.serviceName) attributes[SERVICE_NAME] = options.serviceName;
  const base = readEnv ? defaultResource().merge(detectResources({ detectors: [envDetector] })) : defaultResource();
  return base.merge(resourceFromAttributes(attributes));
}

const disabledHandle: SightlineHandle = Object.freeze({
  mode: 'disabled' as const,
  droppedSpans: () => 0,
  flush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
});

/**
 * Starts Sightline: exports spans over OTLP/HTTP and instruments openai and @anthropic-ai/sdk.
 * Joins a TracerProvider the app registered first instead of replacing it. Never throws: a
 * failure is logged through OTel diag and the app runs on uninstrumented.
 */
export function init(options: InitOptions = {}): SightlineHandle {
  if (running) {
    logger.warn('init() was called again; the first configuration stays in effect');
    return running.handle;
  }
  if (options.disabled) return disabledHandle;
  try {
    return start(options);
  } catch (error) {
    logger.error('Sightline could not start; the app runs uninstrumented', error);
    return disabledHandle;
  }
}

function start(options: InitOptions): SightlineHandle {
  configure(options);
  const { processor, exporter, destination } = createProcessorParts(options);
  const enabled = enabledSdks(options);
  const instrumentations = createInstrumentations(enabled);

  let mode: InitMode;
  let stopTracing: () => Promise<void>;
  const existing = registeredTracerProvider();
  if (existing) {
    let privateProvider: TracerProvider | undefined;
    if (addProcessorToProvider(existing, processor)) {
      mode = 'attached';
      // The app's processors and exporters see Sightline's spans too: completed before they end.
      deferAttributesToExport(false);
    } else {
      mode = 'alongside';
      privateProvider = new TracerProvider({ resource: ownResource(options, true), spanProcessors: [processor] });
      usePrivateTracerProvider(privateProvider);
      deferAttributesToExport(true);
      logger.warn(
        'the registered TracerProvider takes no extra span processor; Sightline exports its own spans alongside it',
      );
    }
    registerEsmLoaderHook();
    const unregister = registerInstrumentations({ instrumentations });
    stopTracing = async () => {
      unregister();
      await processor.shutdown();
      await privateProvider?.shutdown();
      usePrivateTracerProvider(undefined);
    };
  } else {
    mode = 'owned';
    const owned = startOwnedTracing(ownResource(options, false), options.serviceName, processor);
    // OTEL_SDK_DISABLED: nothing registered, no module hooks (as the NodeSDK's start() did).
    if (owned) registerEsmLoaderHook();
    // Its own provider: every span it starts leaves through its exporter, which completes them.
    deferAttributesToExport(owned !== undefined);
    // And through its batching processor: LLM spans can end after the app's await (a flush ends them first).
    endSpansAfterCalls(owned !== undefined && options.exportImmediately !== true);
    // And are created there too, from an identity settled at the call's start (late-span-start.ts),
    // or at the end when nothing reads the active span during the call (active-llm-span.ts).
    const late = owned !== undefined && options.exportImmediately !== true;
    startSpansLate(late ? owned.sampler : undefined, owned?.samplerRecordsRootsAndSampled ?? false);
    // Kept Anthropic SDK spans nest under Sightline's: active on every call.
    if (late)
      watchForContextReaders(options.anthropicNativeSpans === 'keep' ? 'always' : (options.activeLlmSpan ?? 'auto'));
    const unregister = owned ? registerInstrumentations({ instrumentations }) : () => undefined;
    stopTracing = async () => {
      unregister();
      await (owned ? owned.shutdown() : processor.shutdown());
    };
  }
  const undoPatches = patchLoadedModules(options, enabled);
  const cancelWarmUp = warmUpLater({ tokenizer: options.streamUsage === 'estimate' });

  // Short scripts end before the batch timer fires: export what is left when the event loop drains.
  const onBeforeExit = () => {
    if (processor.hasUnflushedSpans) processor.forceFlush().catch(() => undefined);
  };
  process.on('beforeExit', onBeforeExit);

  const handle: SightlineHandle = {
    mode,
    droppedSpans: () => exporter.droppedSpans,
    flush: () => processor.forceFlush(),
    shutdown,
  };
  running = {
    handle,
    flush: () => processor.forceFlush(),
    async stop() {
      process.off('beforeExit', onBeforeExit);
      cancelWarmUp();
      for (const undo of undoPatches) undo();
      unwrapResponseMethods();
      endSpansAfterCalls(false);
      startSpansLate(undefined);
      stopWatchingForContextReaders();
      await stopTracing();
      deferAttributesToExport(false);
    },
  };
  logger.debug(`started (${mode}); exporting to ${destination}`);
  return handle;
}

/** Exports the spans still queued (call before process.exit() or at the end of a serverless invocation). */
export async function flush(): Promise<void> {
  await running?.flush();
}

/** Flushes, removes the patches, and stops what init() started. The app's own provider keeps running. */
export async function shutdown(): Promise<void> {
  const stopping = running;
  running = undefined;
  if (!stopping) return;
  try {
    await stopping.stop();
  } catch (error) {
    logger.warn('shutdown did not complete cleanly', error);
  }
}
