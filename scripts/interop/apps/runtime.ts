// What every interop app shares: where the mock LLM and the OTLP sink are, and an OTel 3.x SDK set-up
// exporting OTLP/HTTP JSON to the sink.

import { context, logs, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider } from '@opentelemetry/sdk-logs';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export interface InteropEnvironment {
  scenario: string;
  /** Mock LLM origin, e.g. http://127.0.0.1:41234. */
  mockUrl: string;
  /** OTLP sink origin. */
  sinkUrl: string;
}

export function readEnvironment(): InteropEnvironment {
  const scenario = process.argv[2];
  const mockUrl = process.env.INTEROP_MOCK_URL;
  const sinkUrl = process.env.INTEROP_SINK_URL;
  if (!scenario || !mockUrl || !sinkUrl) {
    throw new Error('usage: INTEROP_MOCK_URL=… INTEROP_SINK_URL=… node apps/<app>.ts <scenario> (run by generate.ts)');
  }
  return { scenario, mockUrl, sinkUrl };
}

// One export per signal per scenario: a long delay and a large batch, flushed at shutdown.
const BATCH = { scheduledDelayMillis: 60_000, maxExportBatchSize: 1000, maxQueueSize: 4000 };

export function traceExporter(environment: InteropEnvironment): OTLPTraceExporter {
  return new OTLPTraceExporter({ url: `${environment.sinkUrl}/v1/traces` });
}

export interface Telemetry {
  tracerProvider: TracerProvider;
  loggerProvider: LoggerProvider | undefined;
  /** Flushes every pending span and log record to the sink, then shuts down. */
  shutdown(): Promise<void>;
}

/** Registers a global OTel 3.x tracer provider (and logger provider when `withLogs`) exporting to the sink. */
export function startTelemetry(environment: InteropEnvironment, serviceName: string, withLogs = false): Telemetry {
  const resource = resourceFromAttributes({ 'service.name': serviceName });
  const tracerProvider = new TracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor({ exporter: traceExporter(environment), ...BATCH })],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(tracerProvider);
  const loggerProvider = withLogs
    ? new LoggerProvider({
        resource,
        processors: [
          new BatchLogRecordProcessor({
            exporter: new OTLPLogExporter({ url: `${environment.sinkUrl}/v1/logs` }),
            ...BATCH,
          }),
        ],
      })
    : undefined;
  if (loggerProvider) logs.setGlobalLoggerProvider(loggerProvider);
  return {
    tracerProvider,
    loggerProvider,
    shutdown: async () => {
      await tracerProvider.forceFlush();
      await loggerProvider?.forceFlush();
      await tracerProvider.shutdown();
      await loggerProvider?.shutdown();
    },
  };
}

/** Runs the named scenario, failing loudly on an unknown name. */
export async function runScenario(
  scenarios: Record<string, () => Promise<void>>,
  environment: InteropEnvironment,
): Promise<void> {
  const scenario = scenarios[environment.scenario];
  if (!scenario)
    throw new Error(`unknown scenario ${environment.scenario}; known: ${Object.keys(scenarios).join(', ')}`);
  await scenario();
}
