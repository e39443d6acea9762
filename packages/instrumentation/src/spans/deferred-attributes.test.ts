import { type DiagLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import { type ReadableSpan, type SpanLimits, TracerProvider } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import { completeDeferredAttributes, deferAttributes, deferAttributesToExport } from './deferred-attributes.ts';

function endedSpan(spanLimits: SpanLimits = {}, complete = (current: Record<string, unknown>) => current) {
  const provider = new TracerProvider({ spanLimits });
  const span = provider
    .getTracer('test')
    .startSpan('chat gpt-4o-mini', { attributes: { 'gen_ai.operation.name': 'chat' } });
  const deferred = deferAttributes(span, 4, (current) => complete(current) as never);
  span.end();
  return { span: span as unknown as ReadableSpan, deferred };
}

afterEach(() => {
  deferAttributesToExport(false);
  diag.disable();
});

describe('deferring an LLM span attributes to its export', () => {
  it('leaves them off the span until the exporter completes it, then adds them once', () => {
    deferAttributesToExport(true);
    let completions = 0;
    const { span, deferred } = endedSpan({}, (current) => {
      completions += 1;
      return { ...current, 'gen_ai.input.messages': '[]', 'sightline.cost.usd': 0.001 };
    });
    expect(deferred).toBe(true);
    expect(span.attributes).toEqual({ 'gen_ai.operation.name': 'chat' });
    expect(completions).toBe(0);
    completeDeferredAttributes(span);
    completeDeferredAttributes(span);
    expect(completions).toBe(1);
    expect(span.attributes).toEqual({
      'gen_ai.operation.name': 'chat',
      'gen_ai.input.messages': '[]',
      'sightline.cost.usd': 0.001,
    });
  });

  it('is declined when spans are not exported only through Sightline (an app provider): the caller sets them now', () => {
    expect(endedSpan().deferred).toBe(false);
  });

  it('is declined when the span limits would cut or drop what setAttribute() would keep', () => {
    deferAttributesToExport(true);
    expect(endedSpan({ attributeValueLengthLimit: 100 }).deferred).toBe(false);
    expect(endedSpan({ attributeCountLimit: 3 }).deferred).toBe(false);
    expect(endedSpan({ attributeCountLimit: 5 }).deferred).toBe(true);
  });

  it('keeps the span as it was, and logs, when completing it fails', () => {
    const warnings: string[] = [];
    const logger: DiagLogger = {
      error: () => undefined,
      warn: (...args) => warnings.push(args.map(String).join(' ')),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    };
    diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
    deferAttributesToExport(true);
    const { span } = endedSpan({}, () => {
      throw new Error('broken');
    });
    completeDeferredAttributes(span);
    expect(span.attributes).toEqual({ 'gen_ai.operation.name': 'chat' });
    expect(warnings.some((warning) => warning.includes('completing the attributes of an LLM span failed'))).toBe(true);
  });
});
