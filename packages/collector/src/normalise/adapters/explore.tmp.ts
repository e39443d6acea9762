import { createServer } from 'node:http';
import Anthropic from '@anthropic-ai/sdk';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';

const message = {
  id: 'msg_01', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929',
  content: [{ type: 'thinking', thinking: 'Consider.', signature: 'sig' }, { type: 'text', text: 'Paris.' }],
  stop_reason: 'end_turn', stop_sequence: null,
  usage: { input_tokens: 12, output_tokens: 30, cache_read_input_tokens: 2000, cache_creation_input_tokens: 300,
    cache_creation: { ephemeral_5m_input_tokens: 300, ephemeral_1h_input_tokens: 0 }, service_tier: 'standard',
    output_tokens_details: { thinking_tokens: 20 } },
};
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (c) => (body += c));
  request.on('end', () => {
    if (JSON.parse(body).stream) {
      response.setHeader('content-type', 'text/event-stream');
      const ev = (t: string, d: unknown) => `event: ${t}\ndata: ${JSON.stringify(d)}\n\n`;
      response.write(ev('message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 12, output_tokens: 1, cache_read_input_tokens: 2000, cache_creation_input_tokens: 0 } } }));
      response.write(ev('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
      response.write(ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Par' } }));
      response.write(ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'is.' } }));
      response.write(ev('content_block_stop', { type: 'content_block_stop', index: 0 }));
      response.write(ev('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 5 } }));
      response.end(ev('message_stop', { type: 'message_stop' }));
      return;
    }
    response.setHeader('content-type', 'application/json');
    response.setHeader('request-id', 'req_1');
    response.end(JSON.stringify(message));
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const client = new Anthropic({ apiKey: 'test', baseURL: `http://127.0.0.1:${port}`, openTelemetry: { tracerProvider: provider, traces: { contentMode: 'content' } } });
await client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 1024, system: 'Be brief.', messages: [{ role: 'user', content: 'Capital of France?' }], temperature: 0.2 }, { openTelemetry: { conversationId: 'conv-1' } });
const stream = client.messages.stream({ model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: 'Hi' }] });
await stream.finalMessage();
for (const span of exporter.getFinishedSpans()) console.log(JSON.stringify({ name: span.name, kind: span.kind, scope: span.instrumentationScope, attributes: span.attributes, events: span.events, status: span.status }, null, 1));
server.close();
