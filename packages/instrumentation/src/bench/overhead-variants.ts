// How each benchmarked variant sets up tracing before the app loads openai. Each returns a flush
// (export what is queued) so the parent can check spans really left the process. Every variant
// captures prompts and completions, as each does by default (stated here so a default cannot drift).
export type Variant = 'uninstrumented' | 'sightline' | 'openllmetry' | 'openinference';
export const VARIANTS: readonly Variant[] = ['uninstrumented', 'sightline', 'openllmetry', 'openinference'];

export interface VariantSetup {
  flush(): Promise<void>;
  /** The openai module, instrumented. */
  openai: typeof import('openai');
}

async function sightline(sinkUrl: string): Promise<VariantSetup> {
  // The built package, as an app installs it (overhead.bench.ts builds it first when stale).
  const { init } = await import('@sightline/instrumentation');
  const openai = await import('openai');
  const handle = init({ endpoint: sinkUrl, serviceName: 'overhead-bench', captureContent: true, modules: { openai } });
  return { flush: () => handle.flush(), openai };
}

async function openllmetry(sinkUrl: string): Promise<VariantSetup> {
  const traceloop = await import('@traceloop/node-server-sdk');
  const openai = await import('openai');
  traceloop.initialize({
    appName: 'overhead-bench',
    baseUrl: sinkUrl,
    apiKey: 'bench',
    silenceInitializationMessage: true,
    traceloopSyncEnabled: false,
    traceContent: true,
    // ESM: module hooks cannot see openai, so it is handed over as OpenLLMetry documents.
    instrumentModules: { openAI: openai.OpenAI as never },
  });
  return { flush: () => traceloop.forceFlush(), openai };
}

async function openinference(sinkUrl: string): Promise<VariantSetup> {
  const { context, trace } = await import('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const { BatchSpanProcessor, TracerProvider } = await import('@opentelemetry/sdk-trace');
  const { OpenAIInstrumentation } = await import('@arizeai/openinference-instrumentation-openai');
  const provider = new TracerProvider({
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${sinkUrl}/v1/traces` }) })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
  const openai = await import('openai');
  const instrumentation = new OpenAIInstrumentation({ traceConfig: { hideInputs: false, hideOutputs: false } });
  // Its typings name another copy of openai; the module object is what it patches.
  instrumentation.manuallyInstrument(openai as unknown as Parameters<typeof instrumentation.manuallyInstrument>[0]);
  return { flush: () => provider.forceFlush(), openai };
}

export async function setUpVariant(variant: Variant, sinkUrl: string): Promise<VariantSetup> {
  switch (variant) {
    case 'sightline':
      return sightline(sinkUrl);
    case 'openllmetry':
      return openllmetry(sinkUrl);
    case 'openinference':
      return openinference(sinkUrl);
    default:
      return { flush: async () => undefined, openai: await import('openai') };
  }
}
