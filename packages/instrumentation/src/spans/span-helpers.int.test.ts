import { SpanStatusCode } from '@opentelemetry/api';
import {
  ERROR_TYPE,
  GEN_AI_AGENT_NAME,
  GEN_AI_OPERATION_NAME,
  GEN_AI_PROMPT_NAME,
  GEN_AI_TOOL_NAME,
  GEN_AI_WORKFLOW_NAME,
  SIGHTLINE_FEATURE,
  SIGHTLINE_METADATA_PREFIX,
  SIGHTLINE_PROMPT_VERSION,
  SIGHTLINE_SESSION_ID,
  SIGHTLINE_SPAN_TYPE,
  SIGHTLINE_TAGS,
  SIGHTLINE_USER_ID,
} from '@sightline/core';
import { type MockLlmServer, startMockLlmServer } from '@sightline/mock-llm';
import OpenAI, * as openaiModule from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withContext } from '../context/sightline-context.ts';
import { type InMemoryTracing, startInMemoryTracing } from '../test-support/in-memory-tracing.ts';
import { span, traced } from './span-helpers.ts';

let server: MockLlmServer;
let tracing: InMemoryTracing;
let client: OpenAI;

beforeAll(async () => {
  server = await startMockLlmServer();
  tracing = startInMemoryTracing({ modules: { openai: openaiModule } });
  client = new OpenAI({ baseURL: server.openaiBaseUrl, apiKey: 'test-key', maxRetries: 0 });
});

beforeEach(() => tracing.exporter.reset());

afterAll(async () => {
  await tracing.stop();
  await server.close();
});

function ask(question: string) {
  return client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: question }] });
}

describe('withContext', () => {
  it('puts user, session, feature, tags, metadata and prompt on every LLM span inside, merging nested contexts', async () => {
    await withContext(
      { userId: 'user-1', sessionId: 'session-1', feature: 'support', tags: ['beta'], metadata: { plan: 'pro' } },
      async () => {
        await ask('outer question');
        await withContext(
          { feature: 'triage', tags: ['urgent'], metadata: { region: 'eu' }, prompt: { name: 'triage', version: '3' } },
          () => ask('inner question'),
        );
      },
    );
    await ask('outside any context');
    await tracing.handle.flush();
    const [outer, inner, outside] = tracing.spans();
    expect(outer?.attributes).toMatchObject({
      [SIGHTLINE_USER_ID]: 'user-1',
      [SIGHTLINE_SESSION_ID]: 'session-1',
      [SIGHTLINE_FEATURE]: 'support',
      [SIGHTLINE_TAGS]: ['beta'],
      [`${SIGHTLINE_METADATA_PREFIX}plan`]: 'pro',
    });
    expect(outer?.attributes[GEN_AI_PROMPT_NAME]).toBeUndefined();
    expect(inner?.attributes).toMatchObject({
      [SIGHTLINE_USER_ID]: 'user-1',
      [SIGHTLINE_SESSION_ID]: 'session-1',
      [SIGHTLINE_FEATURE]: 'triage',
      [SIGHTLINE_TAGS]: ['beta', 'urgent'],
      [`${SIGHTLINE_METADATA_PREFIX}plan`]: 'pro',
      [`${SIGHTLINE_METADATA_PREFIX}region`]: 'eu',
      [GEN_AI_PROMPT_NAME]: 'triage',
      [SIGHTLINE_PROMPT_VERSION]: '3',
    });
    const contextKeys = Object.keys(outside?.attributes ?? {}).filter(
      (key) =>
        key.startsWith('user.') ||
        key.startsWith('session.') ||
        key.startsWith('sightline.metadata') ||
        key === SIGHTLINE_FEATURE ||
        key === SIGHTLINE_TAGS,
    );
    expect(contextKeys).toEqual([]);
  });

  it('keeps concurrent contexts apart', async () => {
    await Promise.all(['a', 'b', 'c'].map((userId) => withContext({ userId }, () => ask(`question from ${userId}`))));
    await tracing.handle.flush();
    const byQuestion = Object.fromEntries(
      tracing
        .spans()
        .map((llmSpan) => [
          JSON.parse(String(llmSpan.attributes['gen_ai.input.messages']))[0].parts[0].content,
          llmSpan.attributes[SIGHTLINE_USER_ID],
        ]),
    );
    expect(byQuestion).toEqual({ 'question from a': 'a', 'question from b': 'b', 'question from c': 'c' });
  });
});

describe('span() and traced()', () => {
  it('shows a multi-step pipeline as a tree', async () => {
    const retrieve = traced(
      async function retrieve(query: string) {
        return [`doc about ${query}`];
      },
      { type: 'retrieval' },
    );
    const answer = await span(
      'answer-question',
      async () => {
        const documents = await retrieve('cats');
        const lookup = await span('lookup-weather', async () => 'sunny', { type: 'tool' });
        const completion = await ask(`${documents.join(' ')} ${lookup}`);
        return completion.choices[0]?.message.content;
      },
      { type: 'workflow' },
    );
    expect(answer).toBe('Mock reply to: doc about cats sunny');
    await tracing.handle.flush();
    const workflow = tracing.spanNamed('answer-question');
    const retrieval = tracing.spanNamed('retrieve');
    const tool = tracing.spanNamed('lookup-weather');
    const llm = tracing.spanNamed('chat gpt-4o-mini');
    for (const child of [retrieval, tool, llm]) {
      expect(child.parentSpanContext?.spanId).toBe(workflow.spanContext().spanId);
      expect(child.spanContext().traceId).toBe(workflow.spanContext().traceId);
    }
    expect(workflow.attributes).toEqual({
      [SIGHTLINE_SPAN_TYPE]: 'workflow',
      [GEN_AI_OPERATION_NAME]: 'invoke_workflow',
      [GEN_AI_WORKFLOW_NAME]: 'answer-question',
    });
    expect(retrieval.attributes).toEqual({ [SIGHTLINE_SPAN_TYPE]: 'retriever', [GEN_AI_OPERATION_NAME]: 'retrieval' });
    expect(tool.attributes).toEqual({
      [SIGHTLINE_SPAN_TYPE]: 'tool',
      [GEN_AI_OPERATION_NAME]: 'execute_tool',
      [GEN_AI_TOOL_NAME]: 'lookup-weather',
    });
  });

  it('defaults to a chain step, works for sync functions and agent steps, and carries the context', () => {
    const result = withContext({ userId: 'user-9' }, () =>
      span('plan', () => span('agent-loop', () => 42, { type: 'agent' })),
    );
    expect(result).toBe(42);
    return tracing.handle.flush().then(() => {
      expect(tracing.spanNamed('plan').attributes).toEqual({
        [SIGHTLINE_SPAN_TYPE]: 'chain',
        [SIGHTLINE_USER_ID]: 'user-9',
      });
      expect(tracing.spanNamed('agent-loop').attributes).toEqual({
        [SIGHTLINE_SPAN_TYPE]: 'agent',
        [GEN_AI_OPERATION_NAME]: 'invoke_agent',
        [GEN_AI_AGENT_NAME]: 'agent-loop',
        [SIGHTLINE_USER_ID]: 'user-9',
      });
    });
  });

  it('marks a failing step and rethrows the same error', async () => {
    const failure = new TypeError('bad input');
    await expect(span('validate', async () => Promise.reject(failure))).rejects.toBe(failure);
    expect(() =>
      span('validate-sync', () => {
        throw failure;
      }),
    ).toThrow(failure);
    await tracing.handle.flush();
    for (const name of ['validate', 'validate-sync']) {
      const failed = tracing.spanNamed(name);
      expect(failed.status).toEqual({ code: SpanStatusCode.ERROR, message: 'bad input' });
      expect(failed.attributes[ERROR_TYPE]).toBe('TypeError');
    }
  });

  it('passes this and arguments through traced()', async () => {
    const counter = {
      base: 10,
      add: traced(function add(this: { base: number }, value: number) {
        return this.base + value;
      }),
    };
    expect(counter.add(5)).toBe(15);
    expect(counter.add.name).toBe('add');
    await tracing.handle.flush();
    expect(tracing.spanNamed('add').attributes[SIGHTLINE_SPAN_TYPE]).toBe('chain');
  });
});
