// Interop facts: the Anthropic SDK's own spans and the OpenInference instrumentations.
import {
  call,
  type FileFacts,
  HAIKU,
  MINI,
  NONE,
  SESSION,
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

/** The Anthropic SDK's own span: input includes cache, the conversation id is the session. */
function anthropicSdk(tokens: Tokens, fields: Partial<SpanView>): TraceView {
  const create = call('anthropic.messages.create', 'anthropic', SONNET, tokens, {
    ...SESSION,
    finishReasons: ['end_turn'],
    output: ['assistant:text'],
    ...fields,
  });
  return trace('anthropic.messages.create', tokens, [SONNET], [create], SESSION);
}

export const ANTHROPIC_SDK_FACTS: Record<string, FileFacts> = {
  'anthropic-sdk-1.12.0-messages.json': {
    signal: 'traces',
    traces: [anthropicSdk([4, 5, 0, 0, 0], { input: SYSTEM_USER })],
  },
  'anthropic-sdk-1.12.0-messages-stream.json': {
    signal: 'traces',
    traces: [anthropicSdk([3, 6, 0, 0, 0], { input: ['user:text'], timeToFirstTokenMs: 40 })],
  },
  'anthropic-sdk-1.12.0-prompt-caching.json': {
    signal: 'traces',
    traces: [
      anthropicSdk([83, 6, 0, 80, 0], { input: SYSTEM_USER }),
      anthropicSdk([83, 6, 80, 0, 0], { input: SYSTEM_USER, timeToFirstTokenMs: 19 }),
    ],
  },
  'anthropic-sdk-1.12.0-thinking.json': {
    signal: 'traces',
    traces: [anthropicSdk([4, 13, 0, 0, 6], { input: ['user:text'], output: ['assistant:reasoning+text'] })],
  },
  'anthropic-sdk-1.12.0-tool-use.json': {
    signal: 'traces',
    traces: [
      anthropicSdk([16, 2, 0, 0, 0], { input: ['user:text'], output: WEATHER_CALL, finishReasons: ['tool_use'] }),
      anthropicSdk([24, 11, 0, 0, 0], {
        input: ['user:text', 'assistant:tool_call(get_weather)', 'user:tool_call_response'],
      }),
    ],
  },
};

/** An OpenInference Anthropic LLM span over the SDK's native span, which lacks user and session. */
function openInferenceAnthropic(model: string, tokens: Tokens, root: Partial<SpanView>, native: Partial<SpanView>) {
  return trace(
    'Anthropic Messages',
    tokens,
    [model],
    [
      wrapper('Anthropic Messages', 'anthropic', model, tokens, { ...USER, ...root }),
      call('anthropic.messages.create', 'anthropic', model, tokens, { messagesSource: 'none', ...native }),
    ],
    USER,
  );
}

export const OPENINFERENCE_FACTS: Record<string, FileFacts> = {
  'openinference-anthropic-0.2.8-messages.json': {
    signal: 'traces',
    traces: [
      openInferenceAnthropic(
        SONNET,
        [83, 6, 0, 80, 0],
        { finishReasons: ['end_turn'], input: SYSTEM_USER, output: ['assistant:text'] },
        { finishReasons: ['end_turn'] },
      ),
      openInferenceAnthropic(
        SONNET,
        [84, 7, 80, 0, 0],
        { finishReasons: ['end_turn'], input: SYSTEM_USER, output: ['assistant:text'] },
        { finishReasons: ['end_turn'] },
      ),
    ],
  },
  'openinference-anthropic-0.2.8-stream-tool.json': {
    signal: 'traces',
    traces: [
      openInferenceAnthropic(
        HAIKU,
        [16, 2, 0, 0, 0],
        { finishReasons: ['tool_use'], input: ['user:text'], output: WEATHER_CALL, tools: ['get_weather'] },
        { finishReasons: ['tool_use'], timeToFirstTokenMs: 42 },
      ),
    ],
  },
  'openinference-openai-4.2.7-chat.json': {
    signal: 'traces',
    traces: [
      trace(
        'OpenAI Chat Completions',
        [86, 9, 80, 0, 0],
        [MINI],
        [
          call('OpenAI Chat Completions', 'openai', MINI, [86, 9, 80, 0, 0], {
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
  'openinference-openai-4.2.7-chat-stream.json': {
    signal: 'traces',
    // The instrumentation records no token counts for this stream: there is nothing to price.
    traces: [
      trace(
        'OpenAI Chat Completions',
        NONE,
        ['o4-mini'],
        [
          call('OpenAI Chat Completions', 'openai', 'o4-mini', NONE, {
            ...USER,
            costSource: 'none',
            finishReasons: ['stop'],
            input: ['user:text'],
            output: ['assistant:text'],
          }),
        ],
        USER,
      ),
    ],
  },
  'openinference-openai-4.2.7-embeddings.json': {
    signal: 'traces',
    traces: [
      trace(
        'OpenAI Embeddings',
        NONE,
        ['text-embedding-3-small'],
        [
          call('OpenAI Embeddings', 'openai', 'text-embedding-3-small', NONE, {
            ...USER,
            spanType: 'embedding',
            costSource: 'none',
            input: ['user:text+text'],
          }),
        ],
        USER,
      ),
    ],
  },
  'openinference-openai-4.2.7-responses.json': {
    signal: 'traces',
    traces: [
      trace(
        'OpenAI Responses',
        [6, 13, 0, 0, 6],
        ['o4-mini'],
        [
          call('OpenAI Responses', 'openai', 'o4-mini', [6, 13, 0, 0, 6], {
            ...USER,
            input: SYSTEM_USER,
            // A reasoning item without summary text, then the answer (`output_text`).
            output: ['assistant:reasoning', 'assistant:text'],
          }),
        ],
        USER,
      ),
    ],
  },
  'openinference-openai-4.2.7-tool-call.json': {
    signal: 'traces',
    traces: [
      trace(
        'weather-agent',
        [40, 13, 0, 0, 0],
        [MINI],
        [
          span('weather-agent', { ...USER, spanType: 'agent', agentName: 'weather-agent' }),
          call('OpenAI Chat Completions', 'openai', MINI, [16, 2, 0, 0, 0], {
            ...USER,
            finishReasons: ['tool_calls'],
            input: ['user:text'],
            output: WEATHER_CALL,
            tools: ['get_weather'],
          }),
          call('OpenAI Chat Completions', 'openai', MINI, [24, 11, 0, 0, 0], {
            ...USER,
            finishReasons: ['stop'],
            input: WEATHER_ANSWER_INPUT,
            output: ['assistant:text'],
            tools: ['get_weather'],
          }),
          span('get_weather', {
            ...USER,
            spanType: 'tool',
            toolName: 'get_weather',
            messagesSource: 'span',
            input: WEATHER_CALL,
            output: ['tool:tool_call_response'],
          }),
        ],
        USER,
      ),
    ],
  },
};
