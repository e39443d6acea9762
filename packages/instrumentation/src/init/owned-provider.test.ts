import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { SERVICE_NAME } from '@sightline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type OwnedTracing, startOwnedTracing } from './owned-provider.ts';

const VARIABLES = [
  'OTEL_SDK_DISABLED',
  'OTEL_TRACES_SAMPLER',
  'OTEL_PROPAGATORS',
  'OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT',
  'OTEL_NODE_RESOURCE_DETECTORS',
];

let exporter: InMemorySpanExporter;
let processor: SimpleSpanProcessor;
let owned: OwnedTracing | undefined;

/** The ended spans, once exported (the resource's detected attributes may arrive asynchronously). */
async function finishedSpans() {
  await processor.forceFlush();
  return exporter.getFinishedSpans();
}

function start(env: Record<string, string> = {}): OwnedTracing | undefined {
  Object.assign(process.env, env);
  exporter = new InMemorySpanExporter();
  processor = new SimpleSpanProcessor({ exporter });
  owned = startOwnedTracing(resourceFromAttributes({ 'deployment.environment.name': 'test' }), 'owned-test', processor);
  return owned;
}

afterEach(async () => {
  await owned?.shutdown();
  owned = undefined;
  for (const name of VARIABLES) delete process.env[name];
});

describe('startOwnedTracing', () => {
  it('registers a provider, context manager and W3C propagators, and unregisters them on shutdown', async () => {
    start();
    const tracer = trace.getTracer('test');
    const carrier: Record<string, string> = {};
    tracer.startActiveSpan('parent', (parent) => {
      tracer.startSpan('child').end();
      propagation.inject(context.active(), carrier);
      parent.end();
    });
    const [child, parent] = await finishedSpans();
    expect(child?.parentSpanContext?.spanId).toBe(parent?.spanContext().spanId);
    expect(carrier.traceparent).toBe(`00-${parent?.spanContext().traceId}-${parent?.spanContext().spanId}-01`);
    expect(parent?.resource.attributes).toMatchObject({
      [SERVICE_NAME]: 'owned-test',
      'deployment.environment.name': 'test',
      'process.pid': process.pid,
    });

    await owned?.shutdown();
    owned = undefined;
    expect(trace.getTracer('test').startSpan('after').isRecording()).toBe(false);
    const afterCarrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(ROOT_CONTEXT, parent as never), afterCarrier);
    expect(afterCarrier).toEqual({});
  });

  it('reads the sampler, propagators, span limits and resource detectors from OTEL_* variables', async () => {
    start({
      OTEL_TRACES_SAMPLER: 'always_off',
      OTEL_PROPAGATORS: 'b3',
      OTEL_NODE_RESOURCE_DETECTORS: 'none',
    });
    const span = trace.getTracer('test').startSpan('sampled out');
    expect(span.isRecording()).toBe(false);
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(ROOT_CONTEXT, span), carrier);
    expect(Object.keys(carrier)).toEqual(['b3']);
    span.end();
    expect(await finishedSpans()).toEqual([]);
  });

  it('applies OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT and leaves out undetected resource attributes', async () => {
    start({ OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: '2', OTEL_NODE_RESOURCE_DETECTORS: 'none' });
    trace
      .getTracer('test')
      .startSpan('limited', { attributes: { a: 1, b: 2, c: 3 } })
      .end();
    const [span] = await finishedSpans();
    expect(Object.keys(span?.attributes ?? {})).toHaveLength(2);
    expect(span?.resource.attributes['process.pid']).toBeUndefined();
    expect(span?.resource.attributes[SERVICE_NAME]).toBe('owned-test');
  });

  it('registers nothing under OTEL_SDK_DISABLED', () => {
    expect(start({ OTEL_SDK_DISABLED: 'true' })).toBeUndefined();
    expect(trace.getTracer('test').startSpan('nothing').isRecording()).toBe(false);
  });
});
