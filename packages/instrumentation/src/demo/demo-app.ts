// The sample app's shared parts: SDK clients pointed at the mock LLM server, the prompt registry
// over packages/instrumentation/prompts, and per-request latency and failure scripting.
import { fileURLToPath } from 'node:url';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { createPromptRegistry, type PromptRegistry } from '../prompts/prompt-registry.ts';
import type { Random } from './seeded-random.ts';

export type LatencyMode = 'realistic' | 'none';

export interface DemoApp {
  openai: OpenAI;
  anthropic: Anthropic;
  prompts: PromptRegistry;
  /**
   * Questions the support bot has taken, for its semantic cache. Marked when a question arrives
   * (before any await), so which traces hit the cache does not depend on timing.
   */
  seenQuestions: Set<string>;
  /**
   * Options for one SDK call: model-like latency (embeddings are faster than chat) and scripted
   * mock behaviours such as fail-429 or stream-error.
   */
  requestOptions(
    random: Random,
    kind: 'chat' | 'embedding',
    behaviours?: readonly string[],
  ): { headers: Record<string, string> };
}

export const DEMO_PROMPTS_DIRECTORY = fileURLToPath(new URL('../../prompts', import.meta.url));

export interface DemoAppOptions {
  openaiBaseUrl: string;
  anthropicBaseUrl: string;
  /** Only for prompt traffic splits that are not sticky. */
  random: Random;
  latency: LatencyMode;
}

export function createDemoApp(options: DemoAppOptions): DemoApp {
  // The app retries and falls back itself (withRetry / withFallback), so the SDKs' own retries are off.
  const openai = new OpenAI({ baseURL: options.openaiBaseUrl, apiKey: 'demo-key', maxRetries: 0 });
  const anthropic = new Anthropic({ baseURL: options.anthropicBaseUrl, apiKey: 'demo-key', maxRetries: 0 });
  const prompts = createPromptRegistry({ directory: DEMO_PROMPTS_DIRECTORY, random: () => options.random.next() });
  return {
    openai,
    anthropic,
    prompts,
    seenQuestions: new Set(),
    requestOptions(random, kind, behaviours = []) {
      const headers: Record<string, string> = {};
      if (options.latency === 'realistic') {
        const firstChunk = kind === 'embedding' ? random.integer(40, 140) : random.integer(250, 1200);
        headers['x-mock-first-chunk-delay-ms'] = String(firstChunk);
        headers['x-mock-chunk-delay-ms'] = String(kind === 'embedding' ? 0 : random.integer(12, 40));
      }
      if (behaviours.length > 0) {
        headers['x-mock-behaviour'] = behaviours.join(',');
        headers['x-mock-retry-after'] = options.latency === 'realistic' ? '0.4' : '0.001';
      }
      return { headers };
    },
  };
}
