import { describe, expect, it } from 'vitest';
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
} from './adapter-test-support.ts';
import { openInferenceProvider } from './openinference.ts';

const TOOL_CALLS = 'openinference-instrumentation-openai-2.x-chat-tool-calls';
const ZERO_CACHE = { cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
const NO_COST = { costUsd: null, costSource: 'none', costDetails: {}, priceVersion: '' };
const EMPTY_IDS = {
  sessionId: '',
  userId: '',
  agentName: '',
  toolName: '',
  promptName: '',
  promptVersion: '',
  feature: '',
};

describe('openInferenceAdapter', () => {
  it('maps an OpenAI chat completion with tool calls and tool results (instrumentation-openai 2.x)', () => {
    const [span] = loadFixture('openinference', TOOL_CALLS);
    if (!span) throw new Error('empty fixture');
    const pricer = new NoPricePricer();
    const normalised = normalise(span, pricer);
    expect(canonicalView(normalised)).toEqual({
      ...spanBasics(span),
      ...EMPTY_IDS,
      ...NO_COST,
      environment: 'staging',
      sourceConvention: 'openinference',
      spanType: 'llm',
      operation: 'chat',
      provider: 'openai',
      requestModel: 'gpt-3.5-turbo',
      responseModel: 'gpt-3.5-turbo-0613',
      sessionId: 'session-7f3a',
      userId: 'user-42',
      tags: [],
      finishReasons: ['tool_calls'],
      errorType: '',
      usage: { inputTokens: 86, outputTokens: 15, ...ZERO_CACHE },
      usageDetails: { prompt: 86, completion: 15, total: 101 },
      countsInTotals: true,
      timeToFirstTokenMs: null,
      input: [
        { role: 'user', parts: [{ type: 'text', content: 'How is the weather this week?' }] },
        {
          role: 'assistant',
          parts: [
            { type: 'tool_call', id: 'call_5ERYvu4iTGSvDlcDQjDP3g3J', name: 'getCurrentLocation', arguments: {} },
          ],
        },
        {
          role: 'tool',
          parts: [{ type: 'tool_call_response', id: 'call_5ERYvu4iTGSvDlcDQjDP3g3J', response: 'Boston' }],
        },
      ],
      output: [
        {
          role: 'assistant',
          finish_reason: 'tool_calls',
          parts: [
            {
              type: 'tool_call',
              id: 'call_0LCdYLkdRUt3rV3dawoIFHBf',
              name: 'getWeather',
              arguments: { location: 'Boston' },
            },
          ],
        },
      ],
      requestParameters: expect.objectContaining({ model: 'gpt-3.5-turbo', tool_choice: 'auto', stream: false }),
      // llm.tools.N.tool.json_schema, in slot order, as the instrumentation reported them.
      toolDefinitions: [
        {
          type: 'function',
          function: {
            name: 'getCurrentLocation',
            parameters: { type: 'object', properties: {} },
            description: 'Get the current location of the user.',
          },
        },
        {
          type: 'function',
          function: {
            name: 'getWeather',
            parameters: { type: 'object', properties: { location: { type: 'string' } } },
            description: 'Get the weather for a location.',
          },
        },
      ],
      metadata: {},
      mapping: {
        conventions: ['openinference'],
        mapped: {
          'openinference.span.kind': 'openinference:spanType',
          'llm.system': 'openinference:provider',
          'llm.provider': 'openinference:provider',
          'llm.invocation_parameters': 'openinference:requestParameters',
          'llm.model_name': 'openinference:responseModel',
          'llm.input_messages.0.message.content': 'openinference:input',
          'llm.input_messages.0.message.role': 'openinference:input',
          'llm.input_messages.1.message.role': 'openinference:input',
          'llm.input_messages.1.message.tool_calls.0.tool_call.function.arguments': 'openinference:input',
          'llm.input_messages.1.message.tool_calls.0.tool_call.function.name': 'openinference:input',
          'llm.input_messages.1.message.tool_calls.0.tool_call.id': 'openinference:input',
          'llm.input_messages.2.message.content': 'openinference:input',
          'llm.input_messages.2.message.role': 'openinference:input',
          'llm.input_messages.2.message.tool_call_id': 'openinference:input',
          'llm.output_messages.0.message.role': 'openinference:output',
          'llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments': 'openinference:output',
          'llm.output_messages.0.message.tool_calls.0.tool_call.function.name': 'openinference:output',
          'llm.output_messages.0.message.tool_calls.0.tool_call.id': 'openinference:output',
          'output.value': 'openinference:finishReasons',
          'output.mime_type': 'openinference:finishReasons',
          'llm.token_count.completion': 'openinference:usage',
          'llm.token_count.prompt': 'openinference:usage',
          'llm.token_count.total': 'openinference:usage',
          'llm.tools.0.tool.json_schema': 'openinference:toolDefinitions',
          'llm.tools.1.tool.json_schema': 'openinference:toolDefinitions',
          'session.id': 'openinference:sessionId',
          'user.id': 'openinference:userId',
        },
        raw: ['input.mime_type', 'input.value'],
        errors: [],
      },
    });
    // Priced with the response model (the pricer answers 'none': pricing is tested elsewhere).
    expect(pricer.requests).toEqual([
      {
        provider: 'openai',
        model: 'gpt-3.5-turbo-0613',
        usage: { inputTokens: 86, outputTokens: 15, ...ZERO_CACHE },
        at: new Date(span.startTimeUnixUs / 1000),
      },
    ]);
  });

  it('keeps cached prompt tokens inside input and reasoning inside output (OpenAI o-series)', () => {
    const span = spanNamed(
      normaliseFixture('openinference', 'openinference-instrumentation-openai-2.x-chat-cached-reasoning'),
      'OpenAI Chat Completions',
    );
    expect(span.usage).toEqual({
      inputTokens: 1200,
      outputTokens: 300,
      cacheReadTokens: 1024,
      cacheWriteTokens: 0,
      reasoningTokens: 192,
    });
    expect(span.usageDetails).toEqual({
      prompt: 1200,
      completion: 300,
      total: 1500,
      'prompt_details.cache_read': 1024,
      'completion_details.reasoning': 192,
    });
    expect([span.requestModel, span.responseModel]).toEqual(['o4-mini', 'o4-mini-2025-04-16']);
    expect(span.requestParameters).toEqual({ model: 'o4-mini', reasoning_effort: 'low', stream: false });
    expect(span.input.map((message) => message.role)).toEqual(['system', 'user']);
    expect(span.output).toEqual([
      { role: 'assistant', finish_reason: 'stop', parts: [{ type: 'text', content: 'The contract renews yearly.' }] },
    ]);
  });

  it('rebuilds Anthropic content blocks: system prompt, image, reasoning, and a tool call listed twice only once', () => {
    const span = spanNamed(
      normaliseFixture('openinference', 'openinference-instrumentation-anthropic-0.x-messages-thinking-tool-use'),
      'Anthropic Messages',
    );
    expect([span.provider, span.requestModel, span.responseModel]).toEqual([
      'anthropic',
      'claude-sonnet-4-20250514',
      'claude-sonnet-4-20250514',
    ]);
    expect(span.usage).toEqual({ inputTokens: 1450, outputTokens: 320, ...ZERO_CACHE });
    expect(span.input).toEqual([
      { role: 'system', parts: [{ type: 'text', content: 'You read receipts.' }] },
      {
        role: 'user',
        parts: [
          { type: 'text', content: 'Who issued this receipt?' },
          { type: 'blob', modality: 'image', mime_type: 'image/png' },
        ],
      },
    ]);
    expect(span.output).toEqual([
      {
        role: 'assistant',
        finish_reason: 'tool_use',
        parts: [
          { type: 'reasoning', content: 'The logo says ACME.' },
          { type: 'text', content: 'Let me look that up.' },
          {
            type: 'tool_call',
            id: 'toolu_01A09q90qw90lq917835lq9',
            name: 'lookup_vendor',
            arguments: { name: 'ACME' },
          },
        ],
      },
    ]);
    expect(span.finishReasons).toEqual(['tool_use']);
    expect(span.mapping.raw.sort()).toEqual(['input.mime_type', 'input.value']);
  });

  it('maps Claude on Bedrock with provided cost, prompt template, metadata, tags and ids (openinference-core 1.x)', () => {
    const span = spanNamed(
      normaliseFixture('openinference', 'openinference-core-1.x-manual-bedrock-claude-cost-prompt-template'),
      'bedrock.converse',
    );
    const { attributes: _attributes, resourceAttributes: _resource, events: _events, links: _links, ...rest } = span;
    expect(rest).toMatchObject({
      spanType: 'llm',
      provider: 'aws.bedrock',
      requestModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      responseModel: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      sessionId: 'sess-1',
      userId: 'user-9',
      promptName: 'capital-qa',
      promptVersion: 'v3',
      tags: ['geo', 'bedrock'],
      finishReasons: ['end_turn'],
      // The prompt count already includes the cache (5210 ≥ 4096 + 1024), so it is kept as is.
      usage: { inputTokens: 5210, outputTokens: 14, cacheReadTokens: 4096, cacheWriteTokens: 1024, reasoningTokens: 0 },
      countsInTotals: true,
      costUsd: 0.00511,
      costSource: 'provided',
      costDetails: { input: 0.0049, output: 0.00021, cache_read: 0.0012 },
      requestParameters: { temperature: 0.1, max_tokens: 800 },
      metadata: {
        tenant: 'acme',
        experiment: '{"arm":"b"}',
        'prompt_template.template': 'Answer in {language}.',
        'prompt_template.variables': '{"language":"French"}',
        'prompt.vendor': 'phoenix',
      },
      input: [
        { role: 'system', parts: [{ type: 'text', content: 'Answer in French.' }] },
        { role: 'user', parts: [{ type: 'text', content: 'What is the capital of Peru?' }] },
      ],
      output: [{ role: 'assistant', parts: [{ type: 'text', content: 'La capitale du Pérou est Lima.' }] }],
    });
    expect(span.mapping.raw).toEqual([]);
    expect(span.mapping.mapped.find((entry) => entry.attribute === 'llm.cost.total')?.field).toBe('providedCostUsd');
  });

  it('maps embedding, tool and retriever spans', () => {
    const spans = normaliseFixture(
      'openinference',
      'openinference-instrumentation-langchain-0.1-embedding-tool-retriever',
    );
    const embedding = spanNamed(spans, 'OpenAI Embeddings');
    expect(embedding).toMatchObject({
      spanType: 'embedding',
      operation: 'embeddings',
      provider: 'openai',
      requestModel: 'text-embedding-3-small',
      responseModel: 'text-embedding-3-small',
      usage: { inputTokens: 8, outputTokens: 0, ...ZERO_CACHE },
      countsInTotals: true,
      input: [
        {
          role: 'user',
          parts: [
            { type: 'text', content: 'A happy moment' },
            { type: 'text', content: 'A sad moment' },
          ],
        },
      ],
    });
    // Vectors are kept raw only.
    expect(embedding.mapping.raw.sort()).toEqual([
      'embedding.embeddings.0.embedding.vector',
      'embedding.embeddings.1.embedding.vector',
      'input.mime_type',
      'input.value',
    ]);

    const tool = spanNamed(spans, 'get_weather');
    expect(tool).toMatchObject({
      spanType: 'tool',
      operation: 'execute_tool',
      toolName: 'get_weather',
      countsInTotals: false,
      input: [
        { role: 'assistant', parts: [{ type: 'tool_call', name: 'get_weather', arguments: "{'city': 'Lima'}" }] },
      ],
      output: [{ role: 'tool', parts: [{ type: 'tool_call_response', response: { temperature: 19, unit: 'C' } }] }],
      metadata: { langgraph_step: '2' },
    });
    expect(tool.mapping.raw).toEqual([]);

    const retriever = spanNamed(spans, 'VectorStoreRetriever');
    expect(retriever).toMatchObject({
      spanType: 'retriever',
      operation: 'retrieval',
      input: [{ role: 'user', parts: [{ type: 'text', content: 'capital of Peru' }] }],
      output: [
        {
          role: 'tool',
          parts: [
            {
              type: 'other',
              value: {
                id: 'doc-1',
                content: 'Lima is the capital of Peru.',
                score: 0.92,
                metadata: { source: 'wiki' },
              },
            },
            { type: 'other', value: { id: 'doc-2', content: 'Peru is in South America.', score: 0.71 } },
          ],
        },
      ],
      metadata: { 'retrieval.document_count': '2' },
    });
  });

  it('keeps a span with malformed values and reports them as raw', () => {
    const span = spanNamed(normaliseFixture('openinference', 'malformed-openinference-values'), 'ChatOpenAI');
    expect(span.mapping.errors).toEqual([]);
    expect(span).toMatchObject({
      spanType: 'llm',
      provider: 'openai',
      requestModel: 'gpt-4o-mini',
      usage: { inputTokens: 0, outputTokens: 0, ...ZERO_CACHE },
      usageDetails: { total: 12 },
      costUsd: null,
      costSource: 'none',
      requestParameters: {},
      metadata: {},
      tags: [],
      input: [{ role: 'user', parts: [{ type: 'text', content: 'hello' }] }],
      // Unparseable tool arguments are kept as the string they arrived as.
      output: [{ role: 'assistant', parts: [{ type: 'tool_call', name: 'broken', arguments: '{"a":' }] }],
    });
    expect(span.mapping.raw.sort()).toEqual([
      'llm.cost.total',
      'llm.input_messages.5000.message.content',
      'llm.input_messages.x.message.content',
      'llm.invocation_parameters',
      'llm.token_count.completion',
      'llm.token_count.prompt',
      'metadata',
      'tag.tags',
    ]);
  });

  it('caps flattened message slots', () => {
    const [template] = loadFixture('openinference', TOOL_CALLS);
    if (!template) throw new Error('empty fixture');
    const attributes: Record<string, string> = { 'openinference.span.kind': 'LLM' };
    for (const index of [0, 1, 999, 1000, 123456789]) {
      attributes[`llm.input_messages.${index}.message.role`] = 'user';
      attributes[`llm.input_messages.${index}.message.content`] = `message ${index}`;
    }
    const span = normalise({ ...template, attributes });
    expect(span.input.map((message) => message.parts)).toEqual([
      [{ type: 'text', content: 'message 0' }],
      [{ type: 'text', content: 'message 1' }],
      [{ type: 'text', content: 'message 999' }],
    ]);
  });

  it('combines llm.system and llm.provider into OTel provider names', () => {
    expect(openInferenceProvider('openai', 'openai')).toBe('openai');
    expect(openInferenceProvider('openai', 'azure')).toBe('azure.ai.openai');
    expect(openInferenceProvider('anthropic', 'aws')).toBe('aws.bedrock');
    expect(openInferenceProvider('anthropic', 'google')).toBe('gcp.vertex_ai');
    expect(openInferenceProvider('vertexai', undefined)).toBe('gcp.vertex_ai');
    expect(openInferenceProvider(undefined, 'google')).toBe('gcp.gemini');
    expect(openInferenceProvider('mistralai', undefined)).toBe('mistral_ai');
    expect(openInferenceProvider(undefined, 'groq')).toBe('groq');
    expect(openInferenceProvider(undefined, undefined)).toBeUndefined();
  });

  it('does not claim spans of other conventions', () => {
    const [template] = loadFixture('openinference', TOOL_CALLS);
    if (!template) throw new Error('empty fixture');
    const openLlmetry = normalise({
      ...template,
      scope: { name: '@traceloop/instrumentation-openai', version: '0.11.0' },
      attributes: { 'llm.request.type': 'chat', 'llm.usage.total_tokens': 10, 'gen_ai.system': 'openai' },
    });
    expect(openLlmetry.mapping.conventions).toEqual([]);
  });

  it('never fails on a value of the wrong shape in any attribute of any fixture', () => {
    const spans = loadAllFixtures('openinference');
    expect(spans.length).toBeGreaterThan(3);
    expect(failuresWithWrongValues(spans)).toEqual([]);
  });
});
