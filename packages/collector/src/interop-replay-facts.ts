// What the collector must store for each real third-party payload in normalise/__fixtures__/interop/,
// one entry per file (interop-replay.test.ts replays them). Token tuples are OTel semantics: input
// includes cache reads and writes, output includes reasoning.

/** [input, output, cache read, cache write, reasoning]. */
export type Tokens = [number, number, number, number, number];

/** A stored span, reduced to the canonical fields the facts are about. */
export interface SpanView {
  name: string;
  spanType: string;
  provider: string;
  requestModel: string;
  responseModel: string;
  tokens: Tokens;
  countsInTotals: boolean;
  costSource: string;
  userId: string;
  sessionId: string;
  agentName: string;
  toolName: string;
  finishReasons: string[];
  timeToFirstTokenMs: number | null;
  /** One entry per message: `role:part+part`, a tool call as `tool_call(name)`. */
  input: string[];
  output: string[];
  messagesSource: string;
  /** Names of the tool definitions offered to the model. */
  tools: string[];
}

export interface TraceView {
  name: string;
  userId: string;
  sessionId: string;
  spanCount: number;
  /** Each provider call once: aggregate roots and wrappers over native SDK spans are left out. */
  totals: Tokens;
  models: string[];
  promptNames: string[];
  /** Ordered by start time, then name. */
  spans: SpanView[];
}

export type FileFacts =
  /** Traces ordered by their earliest span. */
  | { signal: 'traces'; traces: TraceView[] }
  /** GenAI log records joined to the spans of `scenario` (a traces file) as their messages. */
  | { signal: 'logs'; scenario: string; records: number };

const NONE: Tokens = [0, 0, 0, 0, 0];
const USER = { userId: 'user-42', sessionId: 'session-7' };
const SESSION = { sessionId: 'session-7' };

function span(name: string, fields: Partial<SpanView>): SpanView {
  return {
    name,
    spanType: 'other',
    provider: '',
    requestModel: '',
    responseModel: '',
    tokens: NONE,
    countsInTotals: false,
    costSource: 'none',
    userId: '',
    sessionId: '',
    agentName: '',
    toolName: '',
    finishReasons: [],
    timeToFirstTokenMs: null,
    input: [],
    output: [],
    messagesSource: 'none',
    tools: [],
    ...fields,
  };
}

/** A provider call counted in totals and priced from the price table. */
function call(name: string, provider: string, model: string, tokens: Tokens, fields: Partial<SpanView>): SpanView {
  return span(name, {
    spanType: 'llm',
    provider,
    requestModel: model,
    responseModel: model,
    tokens,
    countsInTotals: true,
    costSource: 'calculated',
    messagesSource: 'span',
    ...fields,
  });
}

/** A span whose usage repeats the provider call beneath it (instrumentation wrapper, aggregate root). */
function wrapper(name: string, provider: string, model: string, tokens: Tokens, fields: Partial<SpanView>) {
  return call(name, provider, model, tokens, { countsInTotals: false, ...fields });
}

function trace(name: string, totals: Tokens, models: string[], spans: SpanView[], identity = {}): TraceView {
  return {
    name,
    userId: '',
    sessionId: '',
    spanCount: spans.length,
    totals,
    models,
    promptNames: [],
    spans,
    ...identity,
  };
}

const SONNET = 'claude-sonnet-4-6';
const HAIKU = 'claude-haiku-4-5';
const MINI = 'gpt-4o-mini';
const SYSTEM_USER = ['system:text', 'user:text'];
const WEATHER_CALL = ['assistant:tool_call(get_weather)'];
const WEATHER_ANSWER_INPUT = ['user:text', 'assistant:tool_call(get_weather)', 'tool:tool_call_response'];

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

const ANTHROPIC_SDK: Record<string, FileFacts> = {
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

const OPENINFERENCE: Record<string, FileFacts> = {
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

export const INTEROP_FACTS: Record<string, FileFacts> = { ...ANTHROPIC_SDK, ...OPENINFERENCE };
