// Records the spans that the real @anthropic-ai/sdk emits natively, against a loopback server that
// answers like the Messages API. `node record-anthropic-sdk.ts` rewrites the committed fixture
// anthropic-sdk-typescript-1.12.0.json; the adapter test records again and compares.
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { betaTool } from '@anthropic-ai/sdk/helpers/beta/json-schema';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Attributes, SpanKind, StatusCode } from '../../../otlp/types.ts';

export interface RecordedSpan {
  name: string;
  kind: SpanKind;
  scope: { name: string; version: string };
  status: { code: StatusCode; message: string };
  traceId: string;
  spanId: string;
  parentSpanId: string;
  startTimeUnixUs: number;
  endTimeUnixUs: number;
  attributes: Attributes;
  events: Array<{ name: string; timeUnixUs: number; attributes: Attributes }>;
}

const KINDS: readonly SpanKind[] = ['INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUSES: readonly StatusCode[] = ['UNSET', 'OK', 'ERROR'];

function microseconds([seconds, nanoseconds]: [number, number]): number {
  return seconds * 1_000_000 + Math.floor(nanoseconds / 1000);
}

function toRecorded(span: ReadableSpan): RecordedSpan {
  return {
    name: span.name,
    kind: KINDS[span.kind] ?? 'UNSPECIFIED',
    scope: { name: span.instrumentationScope.name, version: span.instrumentationScope.version ?? '' },
    status: { code: STATUSES[span.status.code] ?? 'UNSET', message: span.status.message ?? '' },
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? '',
    startTimeUnixUs: microseconds(span.startTime),
    endTimeUnixUs: microseconds(span.endTime),
    attributes: JSON.parse(JSON.stringify(span.attributes)) as Attributes,
    events: span.events.map((event) => ({
      name: event.name,
      timeUnixUs: microseconds(event.time),
      attributes: JSON.parse(JSON.stringify(event.attributes ?? {})) as Attributes,
    })),
  };
}

const USAGE = { input_tokens: 14, output_tokens: 48, cache_read_input_tokens: 2048, cache_creation_input_tokens: 312 };

function message(content: unknown[], stopReason: string, usage: Record<string, unknown>): Record<string, unknown> {
  return {
    id: `msg_${stopReason}`,
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-6',
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage,
  };
}

function sse(response: ServerResponse, events: Array<[string, unknown]>): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': 'req_stream' });
  for (const [name, data] of events) response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  response.end();
}

function streamedAnswer(response: ServerResponse): void {
  const start = message([], 'end_turn', { input_tokens: 9, output_tokens: 1, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
  sse(response, [
    ['message_start', { type: 'message_start', message: { ...start, stop_reason: null, model: 'claude-haiku-4-5-20251001' } }],
    ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Bonjour' } }],
    ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' !' } }],
    ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ['message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 6 } }],
    ['message_stop', { type: 'message_stop' }],
  ]);
}

function answer(body: Record<string, unknown>, response: ServerResponse): void {
  const json = (status: number, payload: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${status}` });
    response.end(JSON.stringify(payload));
  };
  if (body.model === 'claude-overloaded') {
    json(529, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    return;
  }
  if (body.stream === true) {
    streamedAnswer(response);
    return;
  }
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ content: unknown }>) : [];
  const last = messages.at(-1)?.content;
  // The tool runner sends only the new turn on a message thread, so the tool result is the last message.
  const answeredTool = Array.isArray(last) && last.some((block) => (block as { type?: string }).type === 'tool_result');
  if (answeredTool) {
    json(200, message([{ type: 'text', text: 'It is 18°C in Paris.' }], 'end_turn', { input_tokens: 450, output_tokens: 12 }));
    return;
  }
  if (Array.isArray(body.tools)) {
    json(
      200,
      message([{ type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } }], 'tool_use', {
        input_tokens: 380,
        output_tokens: 40,
      }),
    );
    return;
  }
  json(
    200,
    message(
      [
        { type: 'thinking', thinking: 'The user wants the capital.', signature: 'c2lnbmF0dXJl' },
        { type: 'text', text: 'Paris.' },
      ],
      'end_turn',
      {
        ...USAGE,
        cache_creation: { ephemeral_5m_input_tokens: 312, ephemeral_1h_input_tokens: 0 },
        service_tier: 'standard',
        output_tokens_details: { thinking_tokens: 30 },
      },
    ),
  );
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

/** Runs the SDK through five calls and returns the spans it emitted, in end order. */
export async function recordAnthropicSdkSpans(): Promise<RecordedSpan[]> {
  const server = createServer((request, response) => {
    void readJson(request).then((body) => {
      if (request.url?.startsWith('/v1/messages/count_tokens')) {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ input_tokens: 42 }));
        return;
      }
      answer(body, response);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  // Parent/child links need a context manager, as any Node application with the OTel SDK has.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const client = new Anthropic({
    apiKey: 'test-key',
    baseURL: `http://127.0.0.1:${port}`,
    maxRetries: 0,
    openTelemetry: { tracerProvider: provider, propagation: false, traces: { contentMode: 'content' } },
  });
  try {
    await client.messages.create(
      {
        model: 'claude-sonnet-4-6',
        max_tokens: 1024,
        system: 'Answer in one word.',
        thinking: { type: 'enabled', budget_tokens: 512 },
        messages: [{ role: 'user', content: 'What is the capital of France?' }],
      },
      { openTelemetry: { conversationId: 'conv-capitals' } },
    );
    const stream = client.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Say hello in French.' }] });
    await stream.finalMessage();
    await client.messages
      .create({ model: 'claude-overloaded', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] })
      .catch(() => undefined);
    await client.messages.countTokens({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'Count me.' }] });
    const weather = betaTool({
      name: 'get_weather',
      description: 'Current weather for a city',
      inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      run: async ({ city }) => `18°C and sunny in ${String(city)}`,
    });
    await client.beta.messages.toolRunner({
      model: 'claude-sonnet-4-6',
      max_tokens: 256,
      tools: [weather],
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
    });
    return exporter.getFinishedSpans().map(toRecorded);
  } finally {
    server.close();
    await provider.shutdown();
    context.disable();
  }
}

export const FIXTURE_FILE = new URL('./anthropic-sdk-typescript-1.12.0.json', import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  const spans = await recordAnthropicSdkSpans();
  const fixture = {
    source: [
      'Recorded with @anthropic-ai/sdk 1.12.0 (native OpenTelemetry tracing, contentMode "content") against a loopback',
      'server answering like the Messages API: messages.create with thinking + prompt cache, messages.stream,',
      'an overloaded_error, messages.countTokens, and beta.messages.toolRunner with one tool. Regenerate with',
      '`node packages/collector/src/normalise/adapters/__fixtures__/record-anthropic-sdk.ts`.',
    ].join(' '),
    spans,
  };
  writeFileSync(FIXTURE_FILE, `${JSON.stringify(fixture, null, 2)}\n`);
}
