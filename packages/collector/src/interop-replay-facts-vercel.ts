// Interop facts: the Vercel AI SDK, 5 and 6 (`ai.*` telemetry with metadata), 7 with its legacy
// integration (`ai.*` spans, runtime context) and 7 with `@ai-sdk/otel` (GenAI-named spans).
import {
  call,
  type FileFacts,
  MINI,
  NONE,
  SONNET,
  type SpanView,
  SYSTEM_USER,
  span,
  type Tokens,
  trace,
  USER,
  WEATHER_ANSWER_INPUT,
  WEATHER_CALL,
  wrapper,
} from './interop-replay-view.ts';

const EMBEDDING_MODEL = 'text-embedding-3-small';
const WEATHER_ANSWER_WITH_SYSTEM = ['system:text', ...WEATHER_ANSWER_INPUT];
const WEATHER_TOOL = { tools: ['get_weather'] };

/** A generateText/streamText root (or `invoke_agent`): an agent repeating its model calls' usage, not priced. */
function agentRoot(name: string, provider: string, model: string, tokens: Tokens, fields: Partial<SpanView>) {
  return wrapper(name, provider, model, tokens, {
    spanType: 'agent',
    responseModel: '',
    costSource: 'none',
    finishReasons: ['stop'],
    ...fields,
  });
}

function toolExecution(name: string, identity: object): SpanView {
  return span(name, {
    ...identity,
    spanType: 'tool',
    toolName: 'get_weather',
    messagesSource: 'span',
    input: WEATHER_CALL,
    output: ['tool:tool_call_response'],
  });
}

interface LegacyVariant {
  reasoning: number;
  toolSteps: [Tokens, Tokens];
  toolRoot: Tokens;
  toolTotals: Tokens;
  toolRootOutput: string[];
  streamTimeToFirstTokenMs: number;
}

/** The four scenarios of an `ai.*` telemetry version: the root aggregates, the doGenerate/doStream/doEmbed calls count. */
function legacyScenarios(prefix: string, variant: LegacyVariant): Record<string, FileFacts> {
  const reasoning: Tokens = [4, 13, 0, 0, variant.reasoning];
  const stream: Tokens = [83, 6, 80, 0, 0];
  const embedding: Tokens = [4, 0, 0, 0, 0];
  const [firstStep, secondStep] = variant.toolSteps;
  const embedSpan = (name: string, countsInTotals: boolean) =>
    call(name, 'openai', EMBEDDING_MODEL, embedding, {
      ...USER,
      spanType: 'embedding',
      responseModel: '',
      countsInTotals,
      input: ['user:text'],
    });
  return {
    [`${prefix}-embed.json`]: {
      signal: 'traces',
      traces: [
        trace(
          'ai.embed',
          embedding,
          [EMBEDDING_MODEL],
          [embedSpan('ai.embed', false), embedSpan('ai.embed.doEmbed', true)],
          USER,
        ),
      ],
    },
    [`${prefix}-generate-text-reasoning.json`]: {
      signal: 'traces',
      traces: [
        trace(
          'ai.generateText',
          reasoning,
          ['o4-mini'],
          [
            agentRoot('ai.generateText', 'openai', 'o4-mini', reasoning, {
              ...USER,
              agentName: 'reasoning-assistant',
              input: ['user:text'],
              output: ['assistant:text'],
            }),
            call('ai.generateText.doGenerate', 'openai', 'o4-mini', reasoning, {
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
    [`${prefix}-generate-text-tool.json`]: {
      signal: 'traces',
      traces: [
        trace(
          'ai.generateText',
          variant.toolTotals,
          [MINI],
          [
            agentRoot('ai.generateText', 'openai', MINI, variant.toolRoot, {
              ...USER,
              agentName: 'weather-assistant',
              input: SYSTEM_USER,
              output: variant.toolRootOutput,
            }),
            call('ai.generateText.doGenerate', 'openai', MINI, firstStep, {
              ...USER,
              ...WEATHER_TOOL,
              finishReasons: ['tool-calls'],
              input: SYSTEM_USER,
              output: WEATHER_CALL,
            }),
            toolExecution('ai.toolCall', USER),
            call('ai.generateText.doGenerate', 'openai', MINI, secondStep, {
              ...USER,
              ...WEATHER_TOOL,
              finishReasons: ['stop'],
              input: WEATHER_ANSWER_WITH_SYSTEM,
              output: ['assistant:text'],
            }),
          ],
          USER,
        ),
      ],
    },
    [`${prefix}-stream-text.json`]: {
      signal: 'traces',
      traces: [
        trace(
          'ai.streamText',
          stream,
          [SONNET],
          [
            agentRoot('ai.streamText', 'anthropic', SONNET, stream, {
              ...USER,
              agentName: 'rules-summary',
              input: SYSTEM_USER,
              output: ['assistant:text'],
            }),
            call('ai.streamText.doStream', 'anthropic', SONNET, stream, {
              ...USER,
              finishReasons: ['stop'],
              input: SYSTEM_USER,
              output: ['assistant:text'],
              timeToFirstTokenMs: variant.streamTimeToFirstTokenMs,
            }),
          ],
          USER,
        ),
      ],
    },
  };
}

/** AI SDK 7 GenAI spans: the user and session are on `invoke_agent`, the steps and embeddings, not on `chat`. */
function step(name: string): SpanView {
  return span(name, { ...USER });
}

const OTEL_7 = 'vercel-ai-otel-7.0.173';
const OTEL_7_SCENARIOS: Record<string, FileFacts> = {
  [`${OTEL_7}-embed.json`]: {
    signal: 'traces',
    traces: [
      trace(
        'embeddings text-embedding-3-small',
        [4, 0, 0, 0, 0],
        [EMBEDDING_MODEL],
        [
          // The root reports no usage of its own: nothing to price, and its child is the call.
          call('embeddings text-embedding-3-small', 'openai', EMBEDDING_MODEL, NONE, {
            ...USER,
            spanType: 'embedding',
            responseModel: '',
            countsInTotals: false,
            costSource: 'none',
            messagesSource: 'none',
          }),
          call('embeddings text-embedding-3-small', 'openai', EMBEDDING_MODEL, [4, 0, 0, 0, 0], {
            ...USER,
            spanType: 'embedding',
            responseModel: '',
            messagesSource: 'none',
          }),
        ],
        USER,
      ),
    ],
  },
  [`${OTEL_7}-generate-text-reasoning.json`]: {
    signal: 'traces',
    traces: [
      trace(
        'invoke_agent o4-mini',
        [4, 13, 0, 0, 6],
        ['o4-mini'],
        [
          agentRoot('invoke_agent o4-mini', 'openai', 'o4-mini', [4, 13, 0, 0, 6], {
            ...USER,
            agentName: 'reasoning-assistant',
            input: ['user:text'],
            output: ['assistant:text'],
          }),
          call('chat o4-mini', 'openai', 'o4-mini', [4, 13, 0, 0, 6], {
            finishReasons: ['stop'],
            input: ['user:text'],
            output: ['assistant:text'],
          }),
          step('step 1'),
        ],
        USER,
      ),
    ],
  },
  [`${OTEL_7}-generate-text-tool.json`]: {
    signal: 'traces',
    traces: [
      trace(
        `invoke_agent ${MINI}`,
        [202, 13, 160, 0, 0],
        [MINI],
        [
          agentRoot(`invoke_agent ${MINI}`, 'openai', MINI, [202, 13, 160, 0, 0], {
            ...USER,
            agentName: 'weather-assistant',
            input: SYSTEM_USER,
            output: ['assistant:text+tool_call(get_weather)+tool_call_response'],
          }),
          step('step 1'),
          call(`chat ${MINI}`, 'openai', MINI, [97, 2, 80, 0, 0], {
            ...WEATHER_TOOL,
            finishReasons: ['tool-calls'],
            input: SYSTEM_USER,
            output: WEATHER_CALL,
          }),
          toolExecution('execute_tool get_weather', {}),
          call(`chat ${MINI}`, 'openai', MINI, [105, 11, 80, 0, 0], {
            ...WEATHER_TOOL,
            finishReasons: ['stop'],
            input: WEATHER_ANSWER_WITH_SYSTEM,
            output: ['assistant:text'],
          }),
          step('step 2'),
        ],
        USER,
      ),
    ],
  },
  [`${OTEL_7}-stream-text.json`]: {
    signal: 'traces',
    traces: [
      trace(
        `invoke_agent ${SONNET}`,
        [83, 6, 80, 0, 0],
        [SONNET],
        [
          agentRoot(`invoke_agent ${SONNET}`, 'anthropic', SONNET, [83, 6, 80, 0, 0], {
            ...USER,
            agentName: 'rules-summary',
            input: SYSTEM_USER,
            output: ['assistant:text'],
          }),
          step('step 1'),
          call(`chat ${SONNET}`, 'anthropic', SONNET, [83, 6, 80, 0, 0], {
            finishReasons: ['stop'],
            input: SYSTEM_USER,
            output: ['assistant:text'],
            // gen_ai.client.operation.time_to_first_chunk, in seconds.
            timeToFirstTokenMs: 0.04531800700000002 * 1000,
          }),
        ],
        USER,
      ),
    ],
  },
};

export const VERCEL_AI_FACTS: Record<string, FileFacts> = {
  // ai 5 reports no cache for OpenAI Responses nor reasoning for o4-mini; its root repeats only the last step.
  ...legacyScenarios('vercel-ai-5.0.277', {
    reasoning: 0,
    toolSteps: [
      [97, 2, 0, 0, 0],
      [103, 11, 0, 0, 0],
    ],
    toolRoot: [103, 11, 0, 0, 0],
    toolTotals: [200, 13, 0, 0, 0],
    toolRootOutput: ['assistant:text'],
    streamTimeToFirstTokenMs: 48.45672999999999,
  }),
  ...legacyScenarios('vercel-ai-6.0.324', {
    reasoning: 6,
    toolSteps: [
      [97, 2, 80, 0, 0],
      [105, 11, 80, 0, 0],
    ],
    toolRoot: [202, 13, 160, 0, 0],
    toolTotals: [202, 13, 160, 0, 0],
    toolRootOutput: ['assistant:text'],
    streamTimeToFirstTokenMs: 63.21102700000006,
  }),
  ...legacyScenarios('vercel-ai-legacy-7.0.173', {
    reasoning: 6,
    toolSteps: [
      [97, 2, 80, 0, 0],
      [105, 11, 80, 0, 0],
    ],
    toolRoot: [202, 13, 160, 0, 0],
    toolTotals: [202, 13, 160, 0, 0],
    toolRootOutput: ['assistant:text+tool_call(get_weather)'],
    streamTimeToFirstTokenMs: 49.87445600000001,
  }),
  ...OTEL_7_SCENARIOS,
};
