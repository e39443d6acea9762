// Decode throughput for 2,000 realistic LLM spans, protobuf vs OTLP/JSON, on one core.
// Run: node packages/collector/src/otlp/bench/decode.bench.ts
import { gzipSync } from 'node:zlib';
import { decodeTraceRequest } from '../decode-traces.ts';
import { encodeTraceRequest } from '../encode-request.ts';
import type { OtlpFormat } from '../format.ts';
import { opentelemetry } from '../generated/otlp.gen.js';
import type { OtlpSpan } from '../types.ts';

const SPAN_COUNT = 2_000;
const ROUNDS = 30;

function hex(value: number, length: number): string {
  return value.toString(16).padStart(length, '0').slice(-length);
}

function llmSpan(index: number): OtlpSpan {
  const trace = Math.floor(index / 10);
  const start = 1_735_787_045_000_000 + index * 1_000;
  const kind = index % 10 === 0 ? 'agent' : index % 3 === 0 ? 'tool' : 'chat';
  const question = `Question ${index}: how do I rotate the API keys for project ${trace}? `.repeat(8);
  const answer = `Answer ${index}: open Settings → Keys, create a new key, deploy it, then revoke the old one. `.repeat(
    6,
  );
  return {
    traceId: hex(0xabc000 + trace, 32),
    spanId: hex(0x100000 + index, 16),
    parentSpanId: index % 10 === 0 ? '' : hex(0x100000 + index - (index % 10), 16),
    name: kind === 'chat' ? 'chat gpt-4o-mini' : kind === 'tool' ? 'execute_tool search_docs' : 'invoke_agent support',
    kind: 'CLIENT',
    startTimeUnixUs: start,
    endTimeUnixUs: start + 850_000,
    status: { code: index % 50 === 0 ? 'ERROR' : 'UNSET', message: index % 50 === 0 ? 'rate limited' : '' },
    attributes: {
      'gen_ai.operation.name': kind,
      'gen_ai.system': 'openai',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
      'gen_ai.response.id': `chatcmpl-${index}`,
      'gen_ai.request.temperature': 0.2,
      'gen_ai.request.max_tokens': 1024,
      'gen_ai.usage.input_tokens': 900 + (index % 300),
      'gen_ai.usage.output_tokens': 120 + (index % 80),
      'gen_ai.usage.cache_read.input_tokens': 256,
      'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.conversation.id': `conversation-${trace}`,
      'gen_ai.input.messages': JSON.stringify([
        { role: 'system', parts: [{ type: 'text', content: 'You are a helpful support agent.' }] },
        { role: 'user', parts: [{ type: 'text', content: question }] },
      ]),
      'gen_ai.output.messages': JSON.stringify([
        { role: 'assistant', parts: [{ type: 'text', content: answer }], finish_reason: 'stop' },
      ]),
      'server.address': 'api.openai.com',
      'server.port': 443,
      'user.id': `user-${trace % 37}`,
      'session.id': `session-${trace}`,
      'app.stream': index % 2 === 0,
    },
    events: [],
    links: [],
    resource: { 'service.name': 'support-bot', 'service.version': '2.3.1', 'telemetry.sdk.language': 'nodejs' },
    scope: { name: '@opentelemetry/instrumentation-openai', version: '0.5.0' },
  };
}

const { ExportTraceServiceRequest } = opentelemetry.proto.collector.trace.v1;

/** Median milliseconds of `run` after warm-up rounds (which let the JIT settle). */
function medianMs(run: () => void): number {
  const timings: number[] = [];
  for (let round = 0; round < ROUNDS + 5; round++) {
    const started = performance.now();
    run();
    if (round >= 5) timings.push(performance.now() - started);
  }
  timings.sort((left, right) => left - right);
  return timings[Math.floor(timings.length / 2)] ?? Number.NaN;
}

function decodeAll(format: OtlpFormat, body: Uint8Array): void {
  const decoded = decodeTraceRequest(body, format);
  if (decoded.spans.length !== SPAN_COUNT) throw new Error(`decoded ${decoded.spans.length} spans`);
}

/** The parser alone (protobufjs decode or JSON.parse), to show what the flattening walk adds. */
function parseOnly(format: OtlpFormat, body: Uint8Array): void {
  if (format === 'protobuf') ExportTraceServiceRequest.decode(body);
  else JSON.parse(new TextDecoder().decode(body));
}

const spans = Array.from({ length: SPAN_COUNT }, (_, index) => llmSpan(index));
const bodies: Record<OtlpFormat, Uint8Array> = {
  protobuf: encodeTraceRequest(spans, 'protobuf'),
  json: new TextEncoder().encode(encodeTraceRequest(spans, 'json')),
};

console.log(
  `${SPAN_COUNT} LLM spans, 20 attributes each, median of ${ROUNDS} decodes after warm-up (Node ${process.version})`,
);
for (const format of ['protobuf', 'json'] as const) {
  const body = bodies[format];
  const median = medianMs(() => decodeAll(format, body));
  const parserMedian = medianMs(() => parseOnly(format, body));
  const sizes = `${(body.length / 1e6).toFixed(2)} MB (${(gzipSync(body).length / 1e3).toFixed(0)} KB gzipped)`;
  const rate = Math.round(SPAN_COUNT / (median / 1000)).toLocaleString('en-US');
  console.log(
    `${format.padEnd(8)} ${sizes.padEnd(28)} decode ${median.toFixed(1)} ms → ${rate} spans/s (parser alone ${parserMedian.toFixed(1)} ms)`,
  );
}
