import { costAttributes } from './cost.ts';
import { estimateTokens } from './estimate-tokens.ts';

/** Long enough for an app to have started; most apps make their first LLM call later still. */
const WARM_UP_DELAY_MS = 2000;

/**
 * Loads the price table (and the tokenizer, when streams are counted with it) in the background a
 * while after init(), so that neither the app's start-up nor, usually, its first call pays for the
 * load (~40 ms and ~150 ms). A call before then loads them when it needs them. Returns a cancel.
 */
export function warmUpLater(options: { tokenizer: boolean; delayMs?: number }): () => void {
  const timer = setTimeout(() => {
    try {
      costAttributes('openai', 'gpt-4o-mini', { inputTokens: 0, outputTokens: 0 }, new Date());
      if (options.tokenizer) estimateTokens(['warm-up']);
    } catch {
      // Loaded on first use instead, where a failure is logged.
    }
  }, options.delayMs ?? WARM_UP_DELAY_MS);
  timer.unref();
  return () => clearTimeout(timer);
}
