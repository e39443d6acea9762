import { createRequire } from 'node:module';
import { logger } from '../diagnostics/safely.ts';

type CountTokens = (text: string) => number;

let counter: CountTokens | undefined;

// Loaded on first use: the o200k table takes ~0.3 s and most calls report usage themselves.
function loadCounter(): CountTokens {
  if (counter) return counter;
  try {
    const tokenizer = createRequire(import.meta.url)('gpt-tokenizer/encoding/o200k_base') as {
      countTokens: CountTokens;
    };
    counter = (text) => tokenizer.countTokens(text);
  } catch (error) {
    logger.warn('gpt-tokenizer could not be loaded; estimating 4 characters per token', error);
    counter = (text) => Math.ceil(text.length / 4);
  }
  return counter;
}

/** Tokens in `texts` by the o200k tokenizer (an estimate for non-OpenAI models). */
export function estimateTokens(texts: readonly string[]): number {
  const count = loadCounter();
  let total = 0;
  for (const text of texts) if (text) total += count(text);
  return total;
}
