import type { TokenUsage } from '@sightline/core';

// Langfuse usage_details are mutually exclusive buckets: `input` excludes every other `input_*` bucket
// (cache reads and writes included) and `output` excludes `output_*` (reasoning included); `total` is
// their sum. OTel counts cache inside input and reasoning inside output, so the buckets are summed back.

/** Spellings of one "all cache reads" bucket: several present at once are aliases, not separate buckets. */
const CACHE_READ_ALIASES = new Set([
  'input_cached_tokens',
  'input_cache_read',
  'input_cache_read_tokens',
  'input_cached',
  'cache_read_input_tokens',
  'cache_read_tokens',
  'cache_read',
  'cached_tokens',
  'cached_input_tokens',
  'prompt_cached_tokens',
]);
const CACHE_WRITE_ALIASES = new Set([
  'input_cache_creation',
  'input_cache_creation_tokens',
  'input_cache_write',
  'input_cache_write_tokens',
  'cache_creation_input_tokens',
  'cache_write_input_tokens',
  'cache_creation_tokens',
  'cache_write_tokens',
  'cache_creation',
  'cache_write',
]);
const REASONING_ALIASES = new Set([
  'output_reasoning_tokens',
  'output_reasoning',
  'reasoning_tokens',
  'reasoning',
  'completion_reasoning_tokens',
  'thoughts_tokens',
]);
const INPUT_ALIASES = ['input', 'input_tokens', 'prompt_tokens', 'prompt', 'promptTokens', 'inputTokens'];
const OUTPUT_ALIASES = [
  'output',
  'output_tokens',
  'completion_tokens',
  'completion',
  'completionTokens',
  'outputTokens',
];
const TOTAL_ALIASES = ['total', 'total_tokens', 'totalTokens'];

type Bucket = 'cacheRead' | 'cacheWrite' | 'reasoning' | 'input' | 'output' | 'other';

/** Buckets that are not aliases of the main ones: per-modality cache reads, TTL-specific cache writes, audio, ... */
function bucketOf(key: string): Bucket {
  const lower = key.toLowerCase();
  if (lower.includes('cache'))
    return lower.includes('creation') || lower.includes('write') ? 'cacheWrite' : 'cacheRead';
  if (lower.includes('reasoning') || lower.includes('thought')) return 'reasoning';
  if (lower.startsWith('input') || lower.startsWith('prompt')) return 'input';
  if (lower.startsWith('output') || lower.startsWith('completion')) return 'output';
  return 'other';
}

function first(details: Record<string, number>, keys: readonly string[]): number | undefined {
  for (const key of keys) if (details[key] !== undefined) return details[key];
  return undefined;
}

/** The largest of the alias spellings present, plus the sum of the bucket's non-alias keys. */
function bucketTotal(details: Record<string, number>, bucket: Bucket, aliases: ReadonlySet<string>) {
  let alias: number | undefined;
  let others = 0;
  let found = false;
  for (const [key, count] of Object.entries(details)) {
    if (aliases.has(key)) {
      alias = Math.max(alias ?? 0, count);
      found = true;
    } else if (bucketOf(key) === bucket && !INPUT_ALIASES.includes(key) && !OUTPUT_ALIASES.includes(key)) {
      others += count;
      found = true;
    }
  }
  return { alias, others, found };
}

/** Converts Langfuse usage buckets to OTel token semantics (input includes cache, output includes reasoning). */
export function langfuseUsageToOtel(details: Record<string, number>): Partial<TokenUsage> {
  const inputBase = first(details, INPUT_ALIASES);
  const outputBase = first(details, OUTPUT_ALIASES);
  const total = first(details, TOTAL_ALIASES);
  const read = bucketTotal(details, 'cacheRead', CACHE_READ_ALIASES);
  const write = bucketTotal(details, 'cacheWrite', CACHE_WRITE_ALIASES);
  const reasoning = bucketTotal(details, 'reasoning', REASONING_ALIASES);
  const extraInput = bucketTotal(details, 'input', new Set()).others;
  const extraOutput = bucketTotal(details, 'output', new Set()).others;
  const cacheReadTokens = (read.alias ?? 0) + read.others;
  // A TTL split (input_cache_creation_5m/_1h) that exactly adds up to the aggregate restates it.
  const cacheWriteTokens =
    write.alias !== undefined && write.others > 0 && write.alias === write.others
      ? write.alias
      : (write.alias ?? 0) + write.others;
  const reasoningTokens = (reasoning.alias ?? 0) + reasoning.others;
  const exclusiveInput = (inputBase ?? 0) + extraInput;
  const exclusiveOutput = (outputBase ?? 0) + extraOutput;
  // A sender that ignored the bucket contract reports a total without the cache and reasoning buckets.
  const inclusive =
    total !== undefined &&
    cacheReadTokens + cacheWriteTokens + reasoningTokens > 0 &&
    total === exclusiveInput + exclusiveOutput;
  const usage: Partial<TokenUsage> = {};
  if (inputBase !== undefined || extraInput > 0 || read.found || write.found) {
    usage.inputTokens = inclusive ? exclusiveInput : exclusiveInput + cacheReadTokens + cacheWriteTokens;
  }
  if (outputBase !== undefined || extraOutput > 0 || reasoning.found) {
    usage.outputTokens = inclusive ? exclusiveOutput : exclusiveOutput + reasoningTokens;
  }
  if (read.found) usage.cacheReadTokens = cacheReadTokens;
  if (write.found) usage.cacheWriteTokens = cacheWriteTokens;
  if (reasoning.found) usage.reasoningTokens = reasoningTokens;
  return usage;
}
