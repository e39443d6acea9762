import { describe, expect, it } from 'vitest';
import { AttributeReader } from '../attribute-reader.ts';
import { InferenceParentIndex } from '../double-counting.ts';
import { normaliseSpan } from '../normalise-span.ts';
import type { ConventionAdapter } from '../types.ts';
import {
  canonicalView,
  failuresWithWrongValues,
  loadAllFixtures,
  loadFixture,
  NoPricePricer,
  normalise,
  normaliseFixture,
  spanBasics,
  spanNamed,
  TEST_ADAPTERS,
} from './adapter-test-support.ts';
import { vercelAiAdapter, vercelAiProvider } from './vercel-ai.ts';

const TOOL_LOOP = 'ai-4.x-generate-text-openai-tool-loop';
const NO_COST = { costUsd: null, costSource: 'none', costDetails: {}, priceVersion: '' };
const TELEMETRY_MAPPING = {
  'ai.telemetry.functionId': 'vercel_ai:feature',
  'resource.name': 'vercel_ai:feature',
  'ai.telemetry.metadata.userId': 'vercel_ai:userId',
  'ai.telemetry.metadata.sessionId': 'vercel_ai:sessionId',
  'ai.telemetry.metadata.plan': 'vercel_ai:metadata',
  'ai.telemetry.metadata.beta': 'vercel_ai:metadata',
};

function toolLoop() {
  const spans = loadFixture('vercel-ai', TOOL_LOOP);
  return { spans, normalised: spans.map((span) => normalise(span)) };
}

describe('vercelAiAdapter', () => {
  it('maps an ai 4.x generateText step that answers from a tool result', () => {
    const { spans, normalised } = toolLoop();
    const [source, step] = [spans[3], normalised[3]];
    if (!source || !step) throw new Error('fixture too short');
    expect(canonicalView(step)).toEqual({
      ...spanBasics(source),
      ...NO_COST,
      environment: 'staging',
      sourceConvention: 'vercel_ai',
      spanType: 'llm',
      operation: 'chat',
      provider: 'openai',
      requestModel: 'gpt-4o',
      responseModel: 'gpt-4o-2024-08-06',
      sessionId: 'chat-88',
      userId: 'user-17',
      agentName: '',
      toolName: '',
      promptName: '',
      promptVersion: '',
      feature: 'weather-agent',
      tags: [],
      finishReasons: ['stop'],
      errorType: '',
      // OpenAI's prompt tokens include the cached ones (provider metadata cachedPromptTokens).
      usage: { inputTokens: 172, outputTokens: 18, cacheReadTokens: 128, cacheWriteTokens: 0, reasoningTokens: 0 },
      usageDetails: { promptTokens: 172, completionTokens: 18, accepted_prediction: 0, rejected_prediction: 0 },
      countsInTotals: true,
      timeToFirstTokenMs: null,
      input: [
        { role: 'system', parts: [{ type: 'text', content: 'You are a weather bot.' }] },
        { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
        {
          role: 'assistant',
          parts: [{ type: 'tool_call', id: 'call_Wx4', name: 'weather', arguments: { city: 'Paris' } }],
        },
        {
          role: 'tool',
          parts: [{ type: 'tool_call_response', id: 'call_Wx4', response: { temperature: 18, condition: 'sunny' } }],
        },
      ],
      output: [
        {
          role: 'assistant',
          finish_reason: 'stop',
          parts: [{ type: 'text', content: 'It is 18°C and sunny in Paris.' }],
        },
      ],
      requestParameters: { maxRetries: 2, maxSteps: 3, temperature: 0.3, toolChoice: { type: 'auto' } },
      // ai.prompt.tools: one JSON string per tool.
      toolDefinitions: [
        {
          type: 'function',
          name: 'weather',
          description: 'Get the weather for a city',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' } },
            required: ['city'],
            additionalProperties: false,
            $schema: 'http://json-schema.org/draft-07/schema#',
          },
        },
      ],
      metadata: { plan: 'pro', beta: 'false', response_id: 'chatcmpl-AX2' },
      mapping: {
        conventions: ['vercel_ai'],
        mapped: {
          ...TELEMETRY_MAPPING,
          'ai.operationId': 'vercel_ai:spanType',
          'operation.name': 'vercel_ai:operation',
          'ai.model.provider': 'vercel_ai:provider',
          'gen_ai.system': 'vercel_ai:provider',
          'ai.model.id': 'vercel_ai:requestModel',
          'gen_ai.request.model': 'vercel_ai:requestModel',
          'ai.response.model': 'vercel_ai:responseModel',
          'gen_ai.response.model': 'vercel_ai:responseModel',
          'ai.response.id': 'vercel_ai:metadata',
          'gen_ai.response.id': 'vercel_ai:metadata',
          'ai.prompt.messages': 'vercel_ai:input',
          'ai.response.finishReason': 'vercel_ai:finishReasons',
          'gen_ai.response.finish_reasons': 'vercel_ai:finishReasons',
          'ai.response.text': 'vercel_ai:output',
          'ai.usage.promptTokens': 'vercel_ai:usage',
          'ai.usage.completionTokens': 'vercel_ai:usage',
          'gen_ai.usage.input_tokens': 'vercel_ai:usage',
          'gen_ai.usage.output_tokens': 'vercel_ai:usage',
          'ai.response.providerMetadata': 'vercel_ai:usage',
          'ai.prompt.tools': 'vercel_ai:toolDefinitions',
          'ai.settings.maxRetries': 'vercel_ai:requestParameters',
          'ai.settings.maxSteps': 'vercel_ai:requestParameters',
          'ai.settings.temperature': 'vercel_ai:requestParameters',
          'ai.prompt.toolChoice': 'vercel_ai:requestParameters',
          'gen_ai.request.temperature': 'vercel_ai:requestParameters',
        },
        raw: ['ai.prompt.format', 'ai.response.timestamp'],
        errors: [],
      },
    });
  });

  it('maps the root, the tool-calling step and the tool execution of the same loop', () => {
    const { normalised } = toolLoop();
    const [root, firstStep, toolCall] = normalised;
    expect(root).toMatchObject({
      spanType: 'agent',
      operation: 'invoke_agent',
      agentName: 'weather-agent',
      feature: 'weather-agent',
      usage: { inputTokens: 312, outputTokens: 36 },
      countsInTotals: false,
      costSource: 'none',
      input: [
        { role: 'system', parts: [{ type: 'text', content: 'You are a weather bot.' }] },
        { role: 'user', parts: [{ type: 'text', content: 'Weather in Paris?' }] },
      ],
    });
    expect(firstStep).toMatchObject({
      spanType: 'llm',
      finishReasons: ['tool-calls'],
      output: [
        {
          role: 'assistant',
          finish_reason: 'tool-calls',
          parts: [{ type: 'tool_call', id: 'call_Wx4', name: 'weather', arguments: { city: 'Paris' } }],
        },
      ],
    });
    expect(toolCall).toMatchObject({
      spanType: 'tool',
      operation: 'execute_tool',
      toolName: 'weather',
      countsInTotals: false,
      input: [
        {
          role: 'assistant',
          parts: [{ type: 'tool_call', id: 'call_Wx4', name: 'weather', arguments: { city: 'Paris' } }],
        },
      ],
      output: [
        {
          role: 'tool',
          parts: [{ type: 'tool_call_response', id: 'call_Wx4', response: { temperature: 18, condition: 'sunny' } }],
        },
      ],
    });
    expect(toolCall?.mapping.raw).toEqual([]);
  });

  it('counts only the model calls of an aggregating root, also through the inference parent index', () => {
    const { normalised } = toolLoop();
    new InferenceParentIndex().apply(normalised);
    const counted = normalised.filter((span) => span.countsInTotals);
    expect(counted.map((span) => span.spanId)).toEqual(['1000000000000002', '1000000000000004']);
    const countedInput = counted.reduce((sum, span) => sum + span.usage.inputTokens, 0);
    const countedOutput = counted.reduce((sum, span) => sum + span.usage.outputTokens, 0);
    // The root repeats exactly what its steps used.
    expect([countedInput, countedOutput]).toEqual([
      normalised[0]?.usage.inputTokens,
      normalised[0]?.usage.outputTokens,
    ]);

    const embeddings = loadFixture('vercel-ai', 'ai-5.x-embed-many-openai').map((span) => normalise(span));
    new InferenceParentIndex().apply(embeddings);
    expect(embeddings.map((span) => [span.name, span.spanType, span.countsInTotals])).toEqual([
      ['ai.embedMany', 'embedding', false],
      ['ai.embedMany.doEmbed', 'embedding', true],
    ]);
    expect(embeddings[1]?.input).toEqual([
      {
        role: 'user',
        parts: [
          { type: 'text', content: 'sunny day at the beach' },
          { type: 'text', content: 'rainy afternoon in the city' },
        ],
      },
    ]);
  });

  it('adds cache to the cache-exclusive input of ai 5.x Anthropic calls and reads the time to first chunk', () => {
    const spans = normaliseFixture('vercel-ai', 'ai-5.x-stream-text-anthropic-cache');
    const stream = spanNamed(spans, 'ai.streamText.doStream');
    expect(stream).toMatchObject({
      spanType: 'llm',
      provider: 'anthropic',
      requestModel: 'claude-sonnet-4-20250514',
      responseModel: 'claude-sonnet-4-20250514',
      // 42 uncached + 2048 read + 1024 written (the write only appears in provider metadata).
      usage: { inputTokens: 3114, outputTokens: 96, cacheReadTokens: 2048, cacheWriteTokens: 1024, reasoningTokens: 0 },
      usageDetails: {
        inputTokens: 42,
        outputTokens: 96,
        totalTokens: 138,
        cachedInputTokens: 2048,
        cache_write_5m: 1024,
        cache_write_1h: 0,
      },
      timeToFirstTokenMs: 412.5,
      requestParameters: { maxRetries: 2, maxOutputTokens: 1024 },
      input: [
        { role: 'system', parts: [{ type: 'text', content: 'You are a support bot.' }] },
        {
          role: 'user',
          parts: [
            { type: 'text', content: 'Reset my password' },
            { type: 'uri', uri: 'https://example.com/screenshot.png', mime_type: 'image/png' },
          ],
        },
      ],
    });
    expect(stream.mapping.raw.sort()).toEqual([
      'ai.response.avgOutputTokensPerSecond',
      'ai.response.msToFinish',
      'ai.response.timestamp',
    ]);
    expect(spanNamed(spans, 'ai.streamText')).toMatchObject({ spanType: 'agent', countsInTotals: false });

    // Older exporters keep the time to first chunk only on the ai.stream.firstChunk event.
    const [, source] = loadFixture('vercel-ai', 'ai-5.x-stream-text-anthropic-cache');
    if (!source) throw new Error('fixture too short');
    const { 'ai.response.msToFirstChunk': _dropped, ...attributes } = source.attributes;
    expect(normalise({ ...source, attributes }).timeToFirstTokenMs).toBe(412.5);
  });

  it('unwraps usage exported as {"intValue": …} JSON', () => {
    const span = spanNamed(
      normaliseFixture('vercel-ai', 'ai-5.x-generate-text-intvalue-json-usage'),
      'ai.generateText.doGenerate',
    );
    expect(span.usage).toEqual({
      inputTokens: 1500,
      outputTokens: 220,
      cacheReadTokens: 1024,
      cacheWriteTokens: 0,
      reasoningTokens: 128,
    });
    expect(span.usageDetails).toEqual({
      inputTokens: 1500,
      outputTokens: 220,
      totalTokens: 1720,
      cachedInputTokens: 1024,
      reasoningTokens: 128,
    });
    expect(span.mapping.raw).toEqual([]);
  });

  it('keeps ai 6.x cache-inclusive totals and reads reasoning, objects, prompt links and tags', () => {
    const spans = normaliseFixture('vercel-ai', 'ai-6.x-token-details-reasoning-object');
    const text = spanNamed(spans, 'ai.generateText.doGenerate');
    expect(text.usage).toEqual({
      inputTokens: 3114,
      outputTokens: 400,
      cacheReadTokens: 2048,
      cacheWriteTokens: 1024,
      reasoningTokens: 304,
    });
    expect(text.output).toEqual([
      {
        role: 'assistant',
        finish_reason: 'stop',
        parts: [
          { type: 'reasoning', content: "Euclid's argument works." },
          {
            type: 'text',
            content: 'Assume finitely many primes p1..pn; p1·…·pn + 1 has a prime factor not in the list.',
          },
        ],
      },
    ]);
    const object = spanNamed(spans, 'ai.generateObject.doGenerate');
    expect(object).toMatchObject({
      provider: 'gcp.gemini',
      requestModel: 'gemini-2.5-flash',
      feature: 'extract-invoice',
      agentName: '',
      promptName: 'invoice-extractor',
      promptVersion: '4',
      tags: ['billing', 'extraction'],
      usage: { inputTokens: 900, outputTokens: 60, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 40 },
      output: [
        {
          role: 'assistant',
          finish_reason: 'stop',
          parts: [{ type: 'text', content: '{"total":42.5,"currency":"EUR"}' }],
        },
      ],
    });
    expect(object.mapping.raw).toEqual([]);
  });

  it('marks the AI SDK 7 invoke_agent root as aggregating and leaves GenAI names to the generic adapter', () => {
    const [root, step, chat] = loadFixture('vercel-ai', 'ai-sdk-otel-7.x-genai-invoke-agent');
    if (!root || !step || !chat) throw new Error('fixture too short');
    expect(vercelAiAdapter.map(root, new AttributeReader(root.attributes))).toEqual({ aggregatesChildren: true });
    expect(vercelAiAdapter.map(chat, new AttributeReader(chat.attributes))).toEqual({});
    expect(normalise(root).mapping).toMatchObject({ conventions: ['vercel_ai'], mapped: [] });

    // A minimal stand-in for the generic GenAI adapter (another module), reading the usage it would read.
    const genAiStandIn: ConventionAdapter = {
      name: 'otel_genai',
      detect: (span) => 'gen_ai.operation.name' in span.attributes,
      map: (_span, reader) => ({
        spanType: reader.string('gen_ai.operation.name', 'operation') === 'agent_step' ? 'chain' : 'llm',
        requestModel: reader.string('gen_ai.request.model', 'requestModel') ?? '',
        usage: {
          inputTokens: reader.number('gen_ai.usage.input_tokens', 'usage') ?? 0,
          outputTokens: reader.number('gen_ai.usage.output_tokens', 'usage') ?? 0,
        },
      }),
    };
    const options = { projectId: 'project-1', adapters: [...TEST_ADAPTERS, genAiStandIn], pricer: new NoPricePricer() };
    const spans = [root, step, chat].map((span) => normaliseSpan(span, options));
    new InferenceParentIndex().apply(spans);
    expect(spans.map((span) => [span.name, span.countsInTotals])).toEqual([
      ['invoke_agent gpt-4o', false],
      ['step 1', false],
      ['chat gpt-4o', true],
    ]);
  });

  it('keeps a span with malformed values and reports them as raw', () => {
    const span = spanNamed(normaliseFixture('vercel-ai', 'malformed-ai-values'), 'ai.generateText.doGenerate');
    expect(span.mapping.errors).toEqual([]);
    expect(span).toMatchObject({
      spanType: 'llm',
      provider: 'openai',
      requestModel: 'gpt-4o-mini',
      // ai.usage.* are unreadable; the gen_ai.* duplicates stand in.
      usage: { inputTokens: 77, outputTokens: 5, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
      timeToFirstTokenMs: null,
      input: [],
      output: [],
      metadata: { tags: '5' },
    });
    expect(span.mapping.raw.sort()).toEqual([
      'ai.prompt.messages',
      'ai.prompt.tools',
      'ai.response.msToFirstChunk',
      'ai.response.providerMetadata',
      'ai.response.toolCalls',
      'ai.usage.completionTokens',
      'ai.usage.promptTokens',
    ]);
  });

  it('maps AI SDK provider ids to OTel provider names', () => {
    expect(vercelAiProvider('openai.chat')).toBe('openai');
    expect(vercelAiProvider('openai.responses')).toBe('openai');
    expect(vercelAiProvider('anthropic.messages')).toBe('anthropic');
    expect(vercelAiProvider('google.generative-ai')).toBe('gcp.gemini');
    expect(vercelAiProvider('google.vertex.chat')).toBe('gcp.vertex_ai');
    expect(vercelAiProvider('amazon-bedrock')).toBe('aws.bedrock');
    expect(vercelAiProvider('azure-openai.chat')).toBe('azure.ai.openai');
    expect(vercelAiProvider('mistral.chat')).toBe('mistral_ai');
    expect(vercelAiProvider('xai.chat')).toBe('x_ai');
    expect(vercelAiProvider('groq.chat')).toBe('groq');
    expect(vercelAiProvider('')).toBeUndefined();
  });

  it('does not claim spans of other conventions', () => {
    const [template] = loadFixture('vercel-ai', TOOL_LOOP);
    if (!template) throw new Error('empty fixture');
    const other = { ...template, scope: { name: 'openinference.instrumentation.openai', version: '0.1.0' } };
    expect(vercelAiAdapter.detect({ ...other, attributes: { 'llm.model_name': 'gpt-4o' } })).toBe(false);
    expect(vercelAiAdapter.detect({ ...other, attributes: { 'operation.name': 'chat gpt-4o' } })).toBe(false);
  });

  it('never fails on a value of the wrong shape in any attribute of any fixture', () => {
    const spans = loadAllFixtures('vercel-ai');
    expect(spans.length).toBeGreaterThan(3);
    expect(failuresWithWrongValues(spans)).toEqual([]);
  });
});
