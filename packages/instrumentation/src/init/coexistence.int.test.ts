import { context, type DiagLogger, DiagLogLevel, diag, type TracerProvider, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  InMemorySpanExporter,
  TracerProvider as SdkTracerProvider,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI, * as openaiModule from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InMemoryTracing, startInMemoryTracing } from '../test-support/in-memory-tracing.ts';

// An APM-style provider that wraps the OTel SDK but exposes no way to add a span processor.
class ClosedProvider implements TracerProvider {
  readonly #inner: SdkTracerProvider;
  constructor(inner: SdkTracerProvider) {
    this.#inner = inner;
  }
  getTracer(name: string, version?: string) {
    return this.#inner.getTracer(name, version);
  }
}

const warnings: string[] = [];
const collectingLogger: DiagLogger = {
  error: (...args) => warnings.push(args.map(String).join(' ')),
  warn: (...args) => warnings.push(args.map(String).join(' ')),
  info: () => undefined,
  debug: () => undefined,
  verbose: () => undefined,
};

let server: MockLlmServer;
let tracing: InMemoryTracing;
let client: OpenAI;
const appExporter = new InMemorySpanExporter();

beforeAll(async () => {
  server = await startMockLlmServer();
  diag.setLogger(collectingLogger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const appProvider = new SdkTracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: appExporter })] });
  trace.setGlobalTracerProvider(new ClosedProvider(appProvider));
  tracing = startInMemoryTracing({ modules: { openai: openaiModule } });
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});

afterAll(async () => {
  await tracing.stop();
  await server.close();
});

describe('a registered provider that takes no extra processor', () => {
  it('stays in place; Sightline exports its own spans alongside, parented to the app span', async () => {
    expect(tracing.handle.mode).toBe('alongside');
    const appSpan = await trace.getTracer('app').startActiveSpan('app-request', async (root) => {
      await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
      root.end();
      return root;
    });
    await tracing.handle.flush();
    expect(appExporter.getFinishedSpans().map((span) => span.name)).toEqual(['app-request']);
    const llm = tracing.spanNamed('chat gpt-4o-mini');
    expect(llm.parentSpanContext?.spanId).toBe(appSpan.spanContext().spanId);
    expect(llm.spanContext().traceId).toBe(appSpan.spanContext().traceId);
    expect(warnings.some((warning) => warning.includes('exports its own spans alongside'))).toBe(true);
  });
});

describe('a failure inside the instrumentation', () => {
  it('is logged through diag and the call goes on untraced', async () => {
    tracing.exporter.reset();
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'still answered' }] };
    // Only Sightline reads this property (JSON.stringify skips it): reading it throws.
    Object.defineProperty(body, 'stream_options', {
      enumerable: false,
      get() {
        throw new Error('instrumentation bug');
      },
    });
    const completion = await client.chat.completions.create(body);
    expect(completion.choices[0]?.message.content).toBe('Mock reply to: still answered');
    await tracing.handle.flush();
    expect(tracing.spans()).toEqual([]);
    expect(warnings.some((warning) => warning.includes('starting an LLM span failed'))).toBe(true);
  });
});
