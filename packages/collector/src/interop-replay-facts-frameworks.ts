// Interop facts: OpenLLMetry (Traceloop) and the official OTel OpenAI instrumentation with GenAI log records.
import {
  call,
  type FileFacts,
  HAIKU,
  MINI,
  SONNET,
  type SpanView,
  SYSTEM_USER,
  span,
  type Tokens,
  type TraceView,
  trace,
  USER,
  WEATHER_ANSWER_INPUT,
  WEATHER_CALL,
  wrapper,
} from './interop-replay-view.ts';

/** An OpenLLMetry workflow root: its entity input (and output, when returned) kept as opaque values. */
function workflow(name: string, output: string[] = []): SpanView {
  return span(name, { ...USER, spanType: 'workflow', messagesSource: 'span', input: ['user:other'], output });
}

/** OpenLLMetry's Anthropic span over the SDK's native span; the native one is counted. */
function openLlmetryAnthropic(model: string, tokens: Tokens, wrapped: Partial<SpanView>, native: Partial<SpanView>) {
  return [
    wrapper(`chat ${model}`, 'anthropic', model, tokens, { ...USER, ...wrapped }),
    call('anthropic.messages.create', 'anthropic', model, tokens, { ...USER, messagesSource: 'none', ...native }),
  ];
}

export const OPENLLMETRY_FACTS: Record<string, FileFacts> = {
  'openllmetry-0.27.0-anthropic-messages.json': {
    signal: 'traces',
    // The OpenLLMetry spans report input without cache (3 and 4): stored as 83 and 84, like the native spans.
    traces: [
      trace(
        'anthropic_workflow.workflow',
        [167, 13, 80, 80, 0],
        [SONNET],
        [
          workflow('anthropic_workflow.workflow'),
          ...openLlmetryAnthropic(
            SONNET,
            [83, 6, 0, 80, 0],
            { finishReasons: ['stop'], input: SYSTEM_USER, output: ['assistant:text'] },
            { finishReasons: ['end_turn'] },
          ),
          ...openLlmetryAnthropic(
            SONNET,
            [84, 7, 80, 0, 0],
            { finishReasons: ['stop'], input: SYSTEM_USER, output: ['assistant:text'] },
            { finishReasons: ['end_turn'] },
          ),
        ],
        USER,
      ),
    ],
  },
  'openllmetry-0.27.0-anthropic-stream-tool.json': {
    signal: 'traces',
    traces: [
      trace(
        'anthropic_stream_workflow.workflow',
        [16, 2, 0, 0, 0],
        [HAIKU],
        [
          workflow('anthropic_stream_workflow.workflow'),
          // The streamed tool call carries an empty finish reason and no arguments: no reason is stored.
          ...openLlmetryAnthropic(
            HAIKU,
            [16, 2, 0, 0, 0],
            { input: ['user:text'], output: WEATHER_CALL },
            { finishReasons: ['tool_use'], timeToFirstTokenMs: 59 },
          ),
        ],
        USER,
      ),
    ],
  },
  'openllmetry-0.27.0-openai-chat.json': {
    signal: 'traces',
    // 80 cached prompt tokens came back from the API, but OpenLLMetry reports no cache attribute.
    traces: [
      trace(
        'support_workflow.workflow',
        [86, 9, 0, 0, 0],
        [MINI],
        [
          workflow('support_workflow.workflow', ['assistant:other']),
          span('answer_question.task', {
            ...USER,
            spanType: 'chain',
            messagesSource: 'span',
            input: ['user:other'],
            output: ['assistant:other'],
          }),
          call(`chat ${MINI}`, 'openai', MINI, [86, 9, 0, 0, 0], {
            ...USER,
            finishReasons: ['stop'],
            input: SYSTEM_USER,
            output: ['assistant:text'],
          }),
        ],
        USER,
      ),
    ],
  },
  'openllmetry-0.27.0-openai-chat-stream.json': {
    signal: 'traces',
    // OpenLLMetry's own token estimate (the API reported 7/19); nothing on the span says it is estimated.
    traces: [
      trace(
        'streaming_workflow.workflow',
        [7, 11, 0, 0, 0],
        ['o4-mini'],
        [
          workflow('streaming_workflow.workflow'),
          call('chat o4-mini', 'openai', 'o4-mini', [7, 11, 0, 0, 0], {
            ...USER,
            finishReasons: ['stop'],
            input: ['user:text'],
            output: ['assistant:text'],
          }),
        ],
        USER,
      ),
    ],
  },
  'openllmetry-0.27.0-openai-responses.json': {
    signal: 'traces',
    traces: [
      trace(
        'responses_workflow.workflow',
        [6, 7, 0, 0, 0],
        ['gpt-4.1'],
        [
          workflow('responses_workflow.workflow', ['assistant:other']),
          call('chat gpt-4.1', 'openai', 'gpt-4.1', [6, 7, 0, 0, 0], {
            ...USER,
            finishReasons: ['stop'],
            input: ['user:text'],
            output: ['assistant:text'],
          }),
        ],
        USER,
      ),
    ],
  },
  'openllmetry-0.27.0-openai-tool-call.json': {
    signal: 'traces',
    traces: [
      trace(
        'weather_workflow.workflow',
        [40, 13, 0, 0, 0],
        [MINI],
        [
          workflow('weather_workflow.workflow'),
          call(`chat ${MINI}`, 'openai', MINI, [16, 2, 0, 0, 0], {
            ...USER,
            finishReasons: ['tool_call'],
            input: ['user:text'],
            output: WEATHER_CALL,
            tools: ['get_weather'],
          }),
          span('get_weather.tool', {
            ...USER,
            spanType: 'tool',
            toolName: 'get_weather',
            messagesSource: 'span',
            input: WEATHER_CALL,
            output: ['tool:tool_call_response'],
          }),
          call(`chat ${MINI}`, 'openai', MINI, [24, 11, 0, 0, 0], {
            ...USER,
            finishReasons: ['stop'],
            input: WEATHER_ANSWER_INPUT,
            output: ['assistant:text'],
            tools: ['get_weather'],
          }),
        ],
        USER,
      ),
    ],
  },
};

/** The official OTel instrumentation: one CLIENT span per call, its messages in GenAI log records. */
function otelCall(name: string, model: string, tokens: Tokens, fields: Partial<SpanView>): TraceView {
  const spanView = call(name, 'openai', model, tokens, { messagesSource: 'log_events', ...fields });
  return trace(name, tokens, [model], [spanView]);
}

export const OTEL_OPENAI_FACTS: Record<string, FileFacts> = {
  'otel-openai-0.22.0-chat.json': {
    signal: 'traces',
    traces: [
      otelCall(`chat ${MINI}`, MINI, [86, 9, 0, 0, 0], {
        finishReasons: ['stop'],
        input: SYSTEM_USER,
        output: ['assistant:text'],
      }),
    ],
  },
  'otel-openai-0.22.0-chat-logs.json': { signal: 'logs', scenario: 'otel-openai-0.22.0-chat.json', records: 3 },
  'otel-openai-0.22.0-chat-stream.json': {
    signal: 'traces',
    traces: [
      otelCall('chat o4-mini', 'o4-mini', [7, 19, 0, 0, 0], {
        finishReasons: ['stop'],
        input: ['user:text'],
        output: ['assistant:text'],
      }),
    ],
  },
  'otel-openai-0.22.0-chat-stream-logs.json': {
    signal: 'logs',
    scenario: 'otel-openai-0.22.0-chat-stream.json',
    records: 2,
  },
  'otel-openai-0.22.0-tool-call.json': {
    signal: 'traces',
    traces: [
      otelCall(`chat ${MINI}`, MINI, [16, 2, 0, 0, 0], {
        finishReasons: ['tool_calls'],
        input: ['user:text'],
        output: WEATHER_CALL,
      }),
      otelCall(`chat ${MINI}`, MINI, [24, 11, 0, 0, 0], {
        finishReasons: ['stop'],
        input: WEATHER_ANSWER_INPUT,
        output: ['assistant:text'],
      }),
    ],
  },
  'otel-openai-0.22.0-tool-call-logs.json': {
    signal: 'logs',
    scenario: 'otel-openai-0.22.0-tool-call.json',
    records: 6,
  },
  'otel-openai-0.22.0-embeddings.json': {
    signal: 'traces',
    traces: [
      otelCall('embeddings text-embedding-3-small', 'text-embedding-3-small', [9, 0, 0, 0, 0], {
        spanType: 'embedding',
        messagesSource: 'none',
      }),
    ],
  },
  'otel-openai-0.22.0-responses.json': {
    signal: 'traces',
    // The span holds the system instructions; the details records hold the whole input and the output.
    traces: [
      otelCall('chat o4-mini', 'o4-mini', [6, 13, 0, 0, 0], {
        finishReasons: ['stop'],
        input: SYSTEM_USER,
        output: ['assistant:text'],
      }),
    ],
  },
  'otel-openai-0.22.0-responses-logs.json': {
    signal: 'logs',
    scenario: 'otel-openai-0.22.0-responses.json',
    records: 2,
  },
};
