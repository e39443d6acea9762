// Realistic OTLP traces for the end-to-end tests and the benchmark: agent runs with model calls,
// tool calls and reliability events, a trace full of hostile text, and a 10,000-span agent trace.
import { randomBytes } from 'node:crypto';
import { encodeLogsRequest, encodeTraceRequest } from '../../../collector/src/otlp/encode-request.ts';
import type { Attributes, OtlpLogRecord, OtlpSpan } from '../../../collector/src/otlp/types.ts';

export const XSS_SCRIPT = '<script>window.__sightlineXss = "script"</script>';
export const XSS_IMG = '<img src=x onerror="window.__sightlineXss = \'img\'">';

const newTraceId = () => randomBytes(16).toString('hex');
const newSpanId = () => randomBytes(8).toString('hex');
const RESOURCE = { 'service.name': 'support-bot', 'deployment.environment.name': 'production' };
const SCOPE = { name: 'opentelemetry.instrumentation.openai', version: '1.0.0' };

interface SpanInput {
  traceId: string;
  parentSpanId: string;
  name: string;
  startUs: number;
  durationUs: number;
  attributes: Attributes;
  error?: string;
  events?: OtlpSpan['events'];
  kind?: OtlpSpan['kind'];
}

function span(input: SpanInput): OtlpSpan {
  return {
    traceId: input.traceId,
    spanId: newSpanId(),
    parentSpanId: input.parentSpanId,
    name: input.name,
    kind: input.kind ?? 'INTERNAL',
    startTimeUnixUs: input.startUs,
    endTimeUnixUs: input.startUs + input.durationUs,
    status: input.error ? { code: 'ERROR', message: input.error } : { code: 'UNSET', message: '' },
    attributes: input.attributes,
    events: input.events ?? [],
    links: [],
    resource: RESOURCE,
    scope: SCOPE,
  };
}

const text = (role: string, content: string) => ({ role, parts: [{ type: 'text', content }] });

export interface AgentTraceOptions {
  minutesAgo: number;
  user: string;
  session: string;
  promptVersion: string;
  feature: string;
  question: string;
  answer: string;
  model?: string;
  failTool?: boolean;
}

/** An agent run: plan call (asks for a tool), the tool, a retried answer call with cache and guardrail events. */
export function agentTrace(options: AgentTraceOptions): OtlpSpan[] {
  const traceId = newTraceId();
  const start = Math.round((Date.now() - options.minutesAgo * 60_000) * 1000);
  const model = options.model ?? 'gpt-4o-mini';
  const context: Attributes = {
    'user.id': options.user,
    'session.id': options.session,
    'gen_ai.prompt.name': 'support-answer',
    'sightline.prompt.version': options.promptVersion,
    'sightline.feature': options.feature,
  };
  const root = span({
    traceId,
    parentSpanId: '',
    name: 'invoke_agent support',
    startUs: start,
    durationUs: 4_200_000,
    attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'support', ...context },
  });
  const system = text('system', 'You are a helpful support agent. Use tools to look up orders.');
  const user = text('user', options.question);
  const toolCall = {
    role: 'assistant',
    parts: [{ type: 'tool_call', id: 'call_1', name: 'lookup_order', arguments: { orderId: 'A-1042' } }],
    finish_reason: 'tool_calls',
  };
  const chat = (
    name: string,
    startUs: number,
    durationUs: number,
    input: unknown[],
    output: unknown[],
    extra: Attributes = {},
  ) =>
    span({
      traceId,
      parentSpanId: root.spanId,
      name,
      kind: 'CLIENT',
      startUs,
      durationUs,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': model,
        'gen_ai.response.model': model,
        'gen_ai.request.temperature': 0.2,
        'gen_ai.request.max_tokens': 512,
        'gen_ai.usage.input_tokens': 1450,
        'gen_ai.usage.output_tokens': 210,
        'gen_ai.usage.cache_read.input_tokens': 1024,
        'gen_ai.input.messages': JSON.stringify(input),
        'gen_ai.output.messages': JSON.stringify(output),
        'gen_ai.response.finish_reasons': ['stop'],
        'gen_ai.server.time_to_first_token': 0.32,
        'app.request.region': 'eu-west-1',
        ...context,
        ...extra,
      },
    });
  const plan = chat(`chat ${model}`, start + 100_000, 900_000, [system, user], [toolCall]);
  const tool = span({
    traceId,
    parentSpanId: root.spanId,
    name: 'execute_tool lookup_order',
    startUs: start + 1_050_000,
    durationUs: 350_000,
    attributes: {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': 'lookup_order',
      'gen_ai.tool.call.id': 'call_1',
    },
    ...(options.failTool ? { error: 'order service timed out' } : {}),
  });
  const answer = chat(
    `chat ${model}`,
    start + 1_500_000,
    2_500_000,
    [
      system,
      user,
      toolCall,
      { role: 'tool', parts: [{ type: 'tool_call_response', id: 'call_1', response: { status: 'shipped' } }] },
    ],
    [{ role: 'assistant', parts: [{ type: 'text', content: options.answer }], finish_reason: 'stop' }],
  );
  answer.events = [
    {
      timeUnixUs: start + 1_600_000,
      name: 'sightline.retry',
      attributes: { 'sightline.retry.attempt': 1, 'error.type': 'RateLimitError' },
    },
    { timeUnixUs: start + 1_700_000, name: 'sightline.cache.lookup', attributes: { 'sightline.cache.hit': false } },
    {
      timeUnixUs: start + 3_900_000,
      name: 'sightline.guardrail',
      attributes: { 'sightline.guardrail.name': 'pii', 'sightline.guardrail.outcome': 'pass' },
    },
  ];
  return [root, plan, tool, answer];
}

/** A trace whose names, messages and attributes carry script and onerror payloads. */
export function hostileTrace(minutesAgo: number): OtlpSpan[] {
  const traceId = newTraceId();
  const start = Math.round((Date.now() - minutesAgo * 60_000) * 1000);
  return [
    span({
      traceId,
      parentSpanId: '',
      name: `hostile ${XSS_IMG}`,
      kind: 'CLIENT',
      startUs: start,
      durationUs: 800_000,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 20,
        'gen_ai.usage.output_tokens': 10,
        'gen_ai.input.messages': JSON.stringify([text('user', XSS_SCRIPT)]),
        'gen_ai.output.messages': JSON.stringify([text('assistant', XSS_IMG)]),
        'user.id': XSS_IMG,
        'custom.payload': XSS_SCRIPT,
      },
    }),
  ];
}

/** A model call for a model no price table knows: its cost must show as unknown, not $0. */
export function unpricedTrace(minutesAgo: number): OtlpSpan[] {
  const traceId = newTraceId();
  const start = Math.round((Date.now() - minutesAgo * 60_000) * 1000);
  return [
    span({
      traceId,
      parentSpanId: '',
      name: 'chat in-house-model-7',
      kind: 'CLIENT',
      startUs: start,
      durationUs: 600_000,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'acme',
        'gen_ai.request.model': 'in-house-model-7',
        'gen_ai.usage.input_tokens': 300,
        'gen_ai.usage.output_tokens': 50,
        'gen_ai.input.messages': JSON.stringify([text('user', 'Summarise my last invoice')]),
        'user.id': 'user-unpriced',
      },
    }),
  ];
}

/**
 * A large agent trace: a root, `steps` agent steps each with a model call and tool calls (some
 * nested), to `spanCount` spans in all. Spans are spread over a few minutes.
 */
export function largeAgentTrace(spanCount: number, minutesAgo = 5): { traceId: string; spans: OtlpSpan[] } {
  const traceId = newTraceId();
  const start = Math.round((Date.now() - minutesAgo * 60_000) * 1000);
  const spans: OtlpSpan[] = [];
  const root = span({
    traceId,
    parentSpanId: '',
    name: 'invoke_agent research',
    startUs: start,
    durationUs: 240_000_000,
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'research',
      'user.id': 'user-big',
      'session.id': 'session-big',
    },
  });
  spans.push(root);
  let step = 0;
  while (spans.length < spanCount) {
    const stepStart = start + step * 20_000;
    const stepSpan = span({
      traceId,
      parentSpanId: root.spanId,
      name: `step ${step}`,
      startUs: stepStart,
      durationUs: 19_000,
      attributes: { 'sightline.span.type': 'chain' },
    });
    spans.push(stepSpan);
    const llm = span({
      traceId,
      parentSpanId: stepSpan.spanId,
      name: 'chat gpt-4o-mini',
      kind: 'CLIENT',
      startUs: stepStart + 500,
      durationUs: 9_000,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 800 + (step % 400),
        'gen_ai.usage.output_tokens': 60,
        'gen_ai.input.messages': JSON.stringify([
          text('user', `Research step ${step}: find sources about topic ${step % 17}`),
        ]),
        'gen_ai.output.messages': JSON.stringify([
          text('assistant', `Step ${step} findings: ${'lorem ipsum '.repeat(20)}`),
        ]),
      },
    });
    spans.push(llm);
    for (let toolIndex = 0; toolIndex < 2 && spans.length < spanCount; toolIndex += 1) {
      const tool = span({
        traceId,
        parentSpanId: stepSpan.spanId,
        name: `execute_tool search_${toolIndex}`,
        startUs: stepStart + 10_000 + toolIndex * 4_000,
        durationUs: 3_500,
        attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': `search_${toolIndex}` },
      });
      spans.push(tool);
      if (spans.length < spanCount) {
        spans.push(
          span({
            traceId,
            parentSpanId: tool.spanId,
            name: 'http GET',
            startUs: stepStart + 10_500 + toolIndex * 4_000,
            durationUs: 2_500,
            attributes: { 'http.request.method': 'GET' },
          }),
        );
      }
    }
    step += 1;
  }
  return { traceId, spans: spans.slice(0, spanCount) };
}

/** Sends spans to a collector as OTLP/protobuf, in batches. */
export async function sendSpans(
  baseUrl: string,
  spans: readonly OtlpSpan[],
  headers: Record<string, string> = {},
): Promise<void> {
  const batch = 2_000;
  for (let offset = 0; offset < spans.length; offset += batch) {
    const response = await fetch(`${baseUrl}/v1/traces`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf', ...headers },
      body: encodeTraceRequest(spans.slice(offset, offset + batch), 'protobuf') as Uint8Array<ArrayBuffer>,
    });
    if (!response.ok) throw new Error(`ingest failed: ${response.status} ${await response.text()}`);
  }
}

/**
 * An agent run whose model call carries no message attributes: its prompt and completion arrive as
 * OTLP log records (gen_ai.user.message, gen_ai.choice), as older instrumentations send them.
 */
export function logMessagesTrace(options: {
  minutesAgo: number;
  user: string;
  session: string;
  question: string;
  answer: string;
}): { spans: OtlpSpan[]; logs: OtlpLogRecord[] } {
  const traceId = newTraceId();
  const start = Math.round((Date.now() - options.minutesAgo * 60_000) * 1000);
  const context: Attributes = { 'user.id': options.user, 'session.id': options.session };
  const root = span({
    traceId,
    parentSpanId: '',
    name: 'invoke_agent support',
    startUs: start,
    durationUs: 2_000_000,
    attributes: { 'gen_ai.operation.name': 'invoke_agent', ...context },
  });
  const call = span({
    traceId,
    parentSpanId: root.spanId,
    name: 'chat gpt-4o-mini',
    kind: 'CLIENT',
    startUs: start + 100_000,
    durationUs: 1_500_000,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 300,
      'gen_ai.usage.output_tokens': 40,
      ...context,
    },
  });
  const record = (eventName: string, timeUnixUs: number, body: OtlpLogRecord['body']): OtlpLogRecord => ({
    traceId,
    spanId: call.spanId,
    timeUnixUs,
    eventName,
    severityText: 'INFO',
    body,
    attributes: { 'event.name': eventName, 'gen_ai.system': 'openai' },
    resource: RESOURCE,
    scope: SCOPE,
  });
  return {
    spans: [root, call],
    logs: [
      record('gen_ai.user.message', start + 100_000, { content: options.question }),
      record('gen_ai.choice', start + 1_600_000, {
        index: 0,
        finish_reason: 'stop',
        message: { role: 'assistant', content: options.answer },
      }),
    ],
  };
}

/** Sends log records to a collector as OTLP/protobuf. */
export async function sendLogs(
  baseUrl: string,
  records: readonly OtlpLogRecord[],
  headers: Record<string, string> = {},
): Promise<void> {
  const response = await fetch(`${baseUrl}/v1/logs`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf', ...headers },
    body: encodeLogsRequest(records, 'protobuf') as Uint8Array<ArrayBuffer>,
  });
  if (!response.ok) throw new Error(`log ingest failed: ${response.status} ${await response.text()}`);
}
