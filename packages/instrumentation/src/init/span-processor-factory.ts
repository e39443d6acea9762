import { DropCountingExporter } from './drop-counting-exporter.ts';
import { LazyOtlpExporter } from './lazy-otlp-exporter.ts';
import { exportHeaders, type InitOptions, tracesUrl } from './options.ts';
import { SightlineSpanProcessor } from './sightline-span-processor.ts';

export type SpanProcessorOptions = Pick<
  InitOptions,
  | 'endpoint'
  | 'tracesEndpoint'
  | 'headers'
  | 'apiKey'
  | 'spanExporter'
  | 'exportImmediately'
  | 'exportTimeoutMillis'
  | 'maxQueueSize'
>;

export interface CreatedProcessor {
  processor: SightlineSpanProcessor;
  exporter: DropCountingExporter;
  destination: string;
}

export function createProcessorParts(options: SpanProcessorOptions): CreatedProcessor {
  const destination = options.spanExporter ? 'the configured exporter' : tracesUrl(options);
  const exporter = new DropCountingExporter(
    options.spanExporter ??
      new LazyOtlpExporter({
        url: tracesUrl(options),
        headers: exportHeaders(options),
        timeoutMillis: options.exportTimeoutMillis ?? 5000,
      }),
    destination,
  );
  const processor = new SightlineSpanProcessor(exporter, {
    exportImmediately: options.exportImmediately ?? false,
    maxQueueSize: options.maxQueueSize ?? 2048,
  });
  return { processor, exporter, destination };
}

/**
 * Sightline's span processor (OTLP/HTTP to the collector, bounded queue, drops logged once), for an
 * app that builds its own OTel SDK: `new NodeSDK({ spanProcessors: [createSightlineSpanProcessor()],
 * instrumentations: [new OpenAIInstrumentation(), new AnthropicInstrumentation()] })`.
 */
export function createSightlineSpanProcessor(options: SpanProcessorOptions = {}): SightlineSpanProcessor {
  return createProcessorParts(options).processor;
}
