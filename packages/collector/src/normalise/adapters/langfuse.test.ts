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
import { langfuseAdapter } from './langfuse.ts';
import { langfuseUsageToOtel } from './langfuse-usage.ts';

const JS_GENERATION = 'langfuse-tracing-4.x-generation-openai';
const PYTHON_TRACE = 'langfuse-python-3.x-trace-root-and-anthropic-generation';

describe('langfuseAdapter', () => {
  it('maps a JS SDK 4.x generation: usage buckets to OTel semantics, provided cost, prompt link, TTFT', () => {
    const [span] = loadFixture('langfuse', JS_GENERATION);
    if (!span) throw new Error('empty fixture');
    const pricer = new NoPricePricer();
    expect(canonicalView(normalise(span, pricer))).toEqual({
      ...spanBasics(span),
      environment: 'production',
      sourceConvention: 'langfuse',
      spanType: 'llm',
      operation: 'chat',
      provider: '',
      requestModel: 'gpt-4o',
      responseModel: '',
      sessionId: 'sess-77',
      userId: 'user-5',
      agentName: '',
      toolName: '',
      promptName: 'ticket-classifier',
      promptVersion: '7',
      feature: '',
      tags: ['triage', 'prod'],
      finishReasons: [],
      errorType: '',
      // Buckets are exclusive: input 176 + cached 1024, output 88 + reasoning 64.
      usage: { inputTokens: 1200, outputTokens: 152, cacheReadTokens: 1024, cacheWriteTokens: 0, reasoningTokens: 64 },
      usageDetails: { input: 176, input_cached_tokens: 1024, output: 88, output_reasoning_tokens: 64, total: 1352 },
      countsInTotals: true,
      costUsd: 0.00324,
      costSource: 'provided',
      costDetails: { input: 0.00044, input_cached_tokens: 0.00128, output: 0.00152 },
      priceVersion: '',
      timeToFirstTokenMs: 350,
      input: [
        { role: 'system', parts: [{ type: 'text', content: 'Classify the ticket.' }] },
        { role: 'user', parts: [{ type: 'text', content: 'My card was charged twice.' }] },
      ],
      output: [{ role: 'assistant', parts: [{ type: 'text', content: 'billing' }] }],
      requestParameters: { temperature: 0.2, max_tokens: 500 },
      // The generation offers the model no tools.
      toolDefinitions: null,
      metadata: {
        region: 'eu',
        retries: '0',
        flags: '{"beta":true}',
        trace_name: 'support-triage',
        release: '2025.07.1',
        version: '1.4.0',
      },
      mapping: {
        conventions: ['langfuse'],
        mapped: {
          'langfuse.observation.type': 'langfuse:spanType',
          'langfuse.observation.model.name': 'langfuse:requestModel',
          'langfuse.observation.model.parameters': 'langfuse:requestParameters',
          'langfuse.observation.usage_details': 'langfuse:usage',
          'langfuse.observation.cost_details': 'langfuse:providedCostUsd',
          'langfuse.observation.completion_start_time': 'langfuse:timeToFirstTokenMs',
          'langfuse.observation.input': 'langfuse:input',
          'langfuse.observation.output': 'langfuse:output',
          'langfuse.observation.prompt.name': 'langfuse:promptName',
          'langfuse.observation.prompt.version': 'langfuse:promptVersion',
          'session.id': 'langfuse:sessionId',
          'user.id': 'langfuse:userId',
          'langfuse.trace.tags': 'langfuse:tags',
          'langfuse.environment': 'langfuse:environment',
          'langfuse.observation.metadata': 'langfuse:metadata',
          'langfuse.trace.name': 'langfuse:metadata',
          'langfuse.release': 'langfuse:metadata',
          'langfuse.version': 'langfuse:metadata',
        },
        raw: [],
        errors: [],
      },
    });
    // A provided cost is never re-priced.
    expect(pricer.requests).toEqual([]);
  });

  it('maps a Python SDK 3.x trace: trace I/O on the root, legacy ids, flattened metadata, error level', () => {
    const spans = normaliseFixture('langfuse', PYTHON_TRACE);
    const root = spanNamed(spans, 'summarise-doc');
    expect(root).toMatchObject({
      spanType: 'other',
      sessionId: 'sess-legacy',
      userId: 'user-legacy',
      input: [{ role: 'user', parts: [{ type: 'text', content: '{"document_id":"doc-9"}' }] }],
      output: [{ role: 'assistant', parts: [{ type: 'text', content: 'Short summary.' }] }],
      metadata: { team: 'search', trace_name: 'summarise-doc' },
      countsInTotals: false,
    });
    expect(root.mapping.raw).toEqual([]);

    const generation = spanNamed(spans, 'anthropic.messages');
    expect(generation).toMatchObject({
      spanType: 'llm',
      requestModel: 'claude-sonnet-4-20250514',
      sessionId: 'sess-legacy',
      userId: 'user-legacy',
      errorType: 'Rate limited, retried',
      statusCode: 'ERROR',
      // 12 + 2048 read + 1076 written; the 1h split restates the write total, the web search count is no token.
      usage: {
        inputTokens: 3136,
        outputTokens: 340,
        cacheReadTokens: 2048,
        cacheWriteTokens: 1076,
        reasoningTokens: 0,
      },
      usageDetails: {
        input: 12,
        output: 340,
        cache_read_input_tokens: 2048,
        cache_creation_input_tokens: 1076,
        input_cache_creation_1h: 1076,
        web_search_requests: 2,
      },
      timeToFirstTokenMs: 123.456,
      finishReasons: ['end_turn'],
      input: [
        { role: 'system', parts: [{ type: 'text', content: 'Be brief.' }] },
        { role: 'user', parts: [{ type: 'text', content: 'Summarise doc-9.' }] },
      ],
      output: [{ role: 'assistant', finish_reason: 'end_turn', parts: [{ type: 'text', content: 'Short summary.' }] }],
      metadata: {
        team: 'search',
        customer_tier: 'gold',
        attempt: '2',
        level: 'ERROR',
        status_message: 'Rate limited, retried',
      },
    });
    expect(generation.mapping.raw).toEqual([]);
  });

  it('uses trace input and output only on the root span', () => {
    const [root, child] = loadFixture('langfuse', PYTHON_TRACE);
    if (!root || !child) throw new Error('fixture too short');
    const nested = normalise({ ...root, parentSpanId: '9000000000000000' });
    expect([nested.input, nested.output]).toEqual([[], []]);
    expect(nested.mapping.raw.sort()).toEqual(['langfuse.trace.input', 'langfuse.trace.output']);
  });

  it('keeps a span with malformed values and reports them as raw', () => {
    const span = spanNamed(normaliseFixture('langfuse', 'malformed-langfuse-values'), 'generation');
    expect(span.mapping.errors).toEqual([]);
    expect(span).toMatchObject({
      // The unknown observation type says nothing; the model makes it an LLM call.
      spanType: 'llm',
      requestModel: 'gpt-4o-mini',
      usage: { inputTokens: 0, outputTokens: 12, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
      usageDetails: { output: 12 },
      costUsd: null,
      costSource: 'none',
      timeToFirstTokenMs: null,
      requestParameters: {},
      metadata: {},
      tags: [],
      // Unparseable JSON input is kept as its text.
      input: [{ role: 'user', parts: [{ type: 'text', content: '{"messages": [' }] }],
    });
    expect(span.mapping.raw.sort()).toEqual([
      'langfuse.observation.completion_start_time',
      'langfuse.observation.cost_details',
      'langfuse.observation.metadata',
      'langfuse.observation.model.parameters',
      'langfuse.observation.type',
      'langfuse.trace.tags',
    ]);
  });

  it('wins field by field over the AI SDK attributes on a span carrying both', () => {
    const [, step] = loadFixture('vercel-ai', 'ai-4.x-generate-text-openai-tool-loop');
    if (!step) throw new Error('fixture too short');
    const span = normalise({
      ...step,
      attributes: {
        ...step.attributes,
        'langfuse.observation.prompt.name': 'weather-system',
        'langfuse.observation.prompt.version': 2,
        'langfuse.observation.usage_details': JSON.stringify({ input: 12, input_cached_tokens: 128, output: 18 }),
      },
    });
    expect(span).toMatchObject({
      sourceConvention: 'langfuse',
      spanType: 'llm',
      provider: 'openai',
      responseModel: 'gpt-4o-2024-08-06',
      promptName: 'weather-system',
      promptVersion: '2',
      usage: { inputTokens: 140, outputTokens: 18, cacheReadTokens: 128, cacheWriteTokens: 0, reasoningTokens: 0 },
    });
    expect(span.mapping.conventions).toEqual(['langfuse', 'vercel_ai']);
  });

  it('detects Langfuse attributes or the Langfuse SDK scope only', () => {
    const [span] = loadFixture('langfuse', JS_GENERATION);
    if (!span) throw new Error('empty fixture');
    expect(langfuseAdapter.detect({ ...span, attributes: { 'user.id': 'u' } })).toBe(true);
    const foreign = { ...span, scope: { name: 'ai', version: '5.0.0' } };
    expect(langfuseAdapter.detect({ ...foreign, attributes: { 'user.id': 'u', 'session.id': 's' } })).toBe(false);
    expect(langfuseAdapter.detect({ ...foreign, attributes: { 'langfuse.trace.name': 't' } })).toBe(true);
  });

  it('never fails on a value of the wrong shape in any attribute of any fixture', () => {
    const spans = loadAllFixtures('langfuse');
    expect(spans.length).toBeGreaterThan(3);
    expect(failuresWithWrongValues(spans)).toEqual([]);
  });
});

describe('langfuseUsageToOtel', () => {
  it('sums exclusive buckets into OTel input and output', () => {
    expect(
      langfuseUsageToOtel({
        input: 100,
        input_audio: 20,
        input_cached_tokens: 300,
        output: 50,
        output_reasoning_tokens: 30,
      }),
    ).toEqual({ inputTokens: 420, outputTokens: 80, cacheReadTokens: 300, reasoningTokens: 30 });
  });

  it('treats several spellings of one bucket as aliases', () => {
    expect(
      langfuseUsageToOtel({
        input: 10,
        input_cached_tokens: 500,
        cache_read_input_tokens: 500,
        cache_creation_input_tokens: 40,
      }),
    ).toEqual({ inputTokens: 550, cacheReadTokens: 500, cacheWriteTokens: 40 });
  });

  it('adds TTL-specific cache writes unless they restate the total', () => {
    expect(
      langfuseUsageToOtel({
        input: 2,
        input_cache_creation: 0,
        input_cache_creation_5m: 10,
        input_cache_creation_1h: 5,
      }),
    ).toEqual({
      inputTokens: 17,
      cacheWriteTokens: 15,
    });
    expect(
      langfuseUsageToOtel({
        input: 2,
        input_cache_creation: 15,
        input_cache_creation_5m: 10,
        input_cache_creation_1h: 5,
      }),
    ).toEqual({
      inputTokens: 17,
      cacheWriteTokens: 15,
    });
  });

  it('recognises a sender that reported inclusive counts from its total', () => {
    // total = input + output: the cache and reasoning were already inside them.
    expect(
      langfuseUsageToOtel({
        input: 1200,
        input_cached_tokens: 1024,
        output: 300,
        output_reasoning_tokens: 200,
        total: 1500,
      }),
    ).toEqual({
      inputTokens: 1200,
      outputTokens: 300,
      cacheReadTokens: 1024,
      reasoningTokens: 200,
    });
  });

  it('accepts OpenAI-style key names', () => {
    expect(langfuseUsageToOtel({ prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 })).toEqual({
      inputTokens: 7,
      outputTokens: 3,
    });
  });
});
