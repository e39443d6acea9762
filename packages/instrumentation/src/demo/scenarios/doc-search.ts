// RAG: embed the question (OpenAI embeddings), find the nearest help-centre documents (a retrieval
// span), then answer from them with Anthropic (rag-answer prompt), streamed half the time.

import { GEN_AI_DATA_SOURCE_ID, GEN_AI_RETRIEVAL_QUERY_TEXT } from '@sightline/core';
import { embeddingFor } from '@sightline/mock-llm';
import { span } from '../../spans/span-helpers.ts';
import type { DemoApp } from '../demo-app.ts';
import { type DemoDocument, DOC_QUESTIONS, DOCUMENTS } from '../population.ts';
import type { Random } from '../seeded-random.ts';
import type { DemoTrace, Outcome, Scenario } from './scenario.ts';

const DIMENSIONS = 16;
// The mock's embeddings are deterministic, so the index can be built without calling it.
const INDEX = DOCUMENTS.map((document) => ({ document, vector: embeddingFor(document.text, DIMENSIONS) }));

function cosine(left: readonly number[], right: readonly number[]): number {
  let dot = 0;
  for (let index = 0; index < left.length; index += 1) dot += (left[index] ?? 0) * (right[index] ?? 0);
  return dot;
}

function nearest(vector: readonly number[], count: number): DemoDocument[] {
  return INDEX.map((entry) => ({ document: entry.document, score: cosine(vector, entry.vector) }))
    .sort((left, right) => right.score - left.score)
    .slice(0, count)
    .map((entry) => entry.document);
}

async function answer(app: DemoApp, random: Random, question: string, documents: DemoDocument[]): Promise<string> {
  const prompt = app.prompts.render('rag-answer', {
    question,
    documents: documents.map((document) => `[${document.title}] ${document.text}`).join('\n'),
  });
  const { model = 'claude-haiku-4-5', max_tokens = 200, temperature } = prompt.config;
  const body = {
    model,
    max_tokens,
    ...(temperature === undefined ? {} : { temperature }),
    messages: [{ role: 'user' as const, content: prompt.text }],
  };
  return prompt.run(async () => {
    const options = app.requestOptions(random, 'chat');
    if (!random.chance(0.5)) {
      const message = await app.anthropic.messages.create(body, options);
      return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    }
    const events = await app.anthropic.messages.create({ ...body, stream: true }, options);
    let text = '';
    for await (const event of events) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
    }
    return text;
  });
}

export const docSearch: Scenario = {
  name: 'doc-search',
  feature: 'doc-search',
  weight: 20,
  run: (app, { random }: DemoTrace) =>
    span(
      'doc-search',
      async (): Promise<Outcome> => {
        const question = random.pick(DOC_QUESTIONS);
        const embedding = await app.openai.embeddings.create(
          { model: 'text-embedding-3-small', input: question, dimensions: DIMENSIONS },
          app.requestOptions(random, 'embedding'),
        );
        const vector = embedding.data[0]?.embedding ?? [];
        const documents = await span('search help centre', async () => nearest(vector, 3), {
          type: 'retrieval',
          attributes: { [GEN_AI_DATA_SOURCE_ID]: 'help-centre', [GEN_AI_RETRIEVAL_QUERY_TEXT]: question },
        });
        await answer(app, random, question, documents);
        return 'ok';
      },
      { type: 'workflow' },
    ),
};
