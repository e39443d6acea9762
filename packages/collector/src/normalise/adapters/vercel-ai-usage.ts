import {
  GEN_AI_USAGE_COMPLETION_TOKENS,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GEN_AI_USAGE_PROMPT_TOKENS,
  type TokenUsage,
  VERCEL_AI_RESPONSE_PROVIDER_METADATA,
  VERCEL_AI_USAGE_PREFIX,
} from '@sightline/core';
import type { AttributeValue } from '../../otlp/types.ts';
import { type AttributeReader, parseMaybeJson } from '../attribute-reader.ts';
import type { SpanFields } from '../types.ts';
import { compact, firstCount, isRecord, type JsonRecord, readCount, toCount } from './structured-values.ts';

/** Token counts found in `ai.response.providerMetadata`, keyed by canonical token kind or raw bucket name. */
interface MetadataUsage {
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
  details: Record<string, number>;
}

function recordAt(value: AttributeValue | undefined, key: string): JsonRecord | undefined {
  if (!isRecord(value)) return undefined;
  const entry = value[key];
  return isRecord(entry) ? entry : undefined;
}

/**
 * Provider metadata carries what the usage object lacked before ai v6: Anthropic cache writes
 * (`cacheCreationInputTokens`, raw `usage` with the 5m/1h split), OpenAI `cachedPromptTokens` and
 * `reasoningTokens`, Bedrock `usage.cacheRead/WriteInputTokens`.
 */
function metadataUsage(metadata: AttributeValue | undefined): MetadataUsage {
  const result: MetadataUsage = { details: {} };
  const anthropic = recordAt(metadata, 'anthropic');
  const anthropicUsage = recordAt(anthropic, 'usage');
  const openai = recordAt(metadata, 'openai');
  const bedrockUsage = recordAt(recordAt(metadata, 'bedrock'), 'usage');
  const cacheRead =
    toCount(anthropicUsage?.cache_read_input_tokens) ??
    toCount(anthropic?.cacheReadInputTokens) ??
    toCount(openai?.cachedPromptTokens) ??
    toCount(bedrockUsage?.cacheReadInputTokens);
  const cacheWrite =
    toCount(anthropicUsage?.cache_creation_input_tokens) ??
    toCount(anthropic?.cacheCreationInputTokens) ??
    toCount(bedrockUsage?.cacheWriteInputTokens);
  const reasoning = toCount(openai?.reasoningTokens);
  if (cacheRead !== undefined) result.cacheReadTokens = cacheRead;
  if (cacheWrite !== undefined) result.cacheWriteTokens = cacheWrite;
  if (reasoning !== undefined) result.reasoningTokens = reasoning;
  const split = recordAt(anthropicUsage, 'cache_creation');
  const write5m = toCount(split?.ephemeral_5m_input_tokens);
  const write1h = toCount(split?.ephemeral_1h_input_tokens);
  if (write5m !== undefined) result.details.cache_write_5m = write5m;
  if (write1h !== undefined) result.details.cache_write_1h = write1h;
  const accepted = toCount(openai?.acceptedPredictionTokens);
  const rejected = toCount(openai?.rejectedPredictionTokens);
  if (accepted !== undefined) result.details.accepted_prediction = accepted;
  if (rejected !== undefined) result.details.rejected_prediction = rejected;
  return result;
}

function contributes(usage: MetadataUsage): boolean {
  return (
    usage.cacheReadTokens !== undefined ||
    usage.cacheWriteTokens !== undefined ||
    usage.reasoningTokens !== undefined ||
    Object.keys(usage.details).length > 0
  );
}

/** Provider families whose SDK packages reported input without cache before ai v6 (Anthropic, Bedrock). */
function excludesCacheBeforeV6(rawProvider: string, provider: string | undefined): boolean {
  return rawProvider.includes('anthropic') || provider === 'aws.bedrock';
}

/** Gemini's SDK package reported thoughts apart from output tokens before ai v6. */
function excludesReasoningBeforeV6(rawProvider: string, provider: string | undefined): boolean {
  return (provider === 'gcp.gemini' || provider === 'gcp.vertex_ai') && !rawProvider.includes('anthropic');
}

/**
 * Usage of an AI SDK span in OTel semantics. ai ≤ v4 reports promptTokens/completionTokens, v5
 * inputTokens/outputTokens (whose cache and reasoning inclusion follows the provider package), v6+
 * cache-inclusive totals plus `inputTokenDetails`/`outputTokenDetails`. Raw counts go to usageDetails.
 */
export function readVercelUsage(
  reader: AttributeReader,
  rawProvider: string,
  provider: string | undefined,
): Pick<SpanFields, 'usage' | 'usageDetails' | 'inputIncludesCache'> {
  const details: Record<string, number> = {};
  for (const key of reader.keysWithPrefix(VERCEL_AI_USAGE_PREFIX)) {
    const count = readCount(reader, key, 'usage');
    if (count !== undefined) details[key.slice(VERCEL_AI_USAGE_PREFIX.length)] = count;
  }
  // The gen_ai.* duplicates on step spans are fallbacks only (they repeat ai.usage.*).
  const otelInput = firstCount(reader, [GEN_AI_USAGE_INPUT_TOKENS, GEN_AI_USAGE_PROMPT_TOKENS], 'usage');
  const otelOutput = firstCount(reader, [GEN_AI_USAGE_OUTPUT_TOKENS, GEN_AI_USAGE_COMPLETION_TOKENS], 'usage');
  const metadataValue = parseMaybeJson(reader.peek(VERCEL_AI_RESPONSE_PROVIDER_METADATA) ?? null);
  const fromMetadata = metadataUsage(metadataValue ?? undefined);
  if (contributes(fromMetadata)) reader.use(VERCEL_AI_RESPONSE_PROVIDER_METADATA, 'usage');

  let output = details.outputTokens ?? details.completionTokens ?? otelOutput;
  let input = details.inputTokens ?? details.promptTokens ?? details.tokens ?? otelInput;
  if (input === undefined && details.totalTokens !== undefined && output !== undefined) {
    input = Math.max(details.totalTokens - output, 0);
  }
  const hasInputDetails = Object.keys(details).some((key) => key.startsWith('inputTokenDetails.'));
  const hasOutputDetails = Object.keys(details).some((key) => key.startsWith('outputTokenDetails.'));
  const cacheReadTokens =
    details['inputTokenDetails.cacheReadTokens'] ?? details.cachedInputTokens ?? fromMetadata.cacheReadTokens;
  const cacheWriteTokens = details['inputTokenDetails.cacheWriteTokens'] ?? fromMetadata.cacheWriteTokens;
  const reasoningTokens =
    details['outputTokenDetails.reasoningTokens'] ?? details.reasoningTokens ?? fromMetadata.reasoningTokens;
  if (
    !hasOutputDetails &&
    reasoningTokens &&
    output !== undefined &&
    excludesReasoningBeforeV6(rawProvider, provider)
  ) {
    output += reasoningTokens;
  }
  const usage = compact<Partial<TokenUsage>>({
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens,
    cacheWriteTokens,
    reasoningTokens,
  });
  const usageDetails = { ...details, ...fromMetadata.details };
  return compact<Pick<SpanFields, 'usage' | 'usageDetails' | 'inputIncludesCache'>>({
    usage: Object.keys(usage).length > 0 ? usage : undefined,
    usageDetails: Object.keys(usageDetails).length > 0 ? usageDetails : undefined,
    inputIncludesCache: hasInputDetails
      ? true
      : excludesCacheBeforeV6(rawProvider, provider) && input !== undefined
        ? false
        : undefined,
  });
}
