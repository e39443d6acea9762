// AI SDK 7's `OpenTelemetry` integration (`@ai-sdk/otel`, scope `gen_ai`) emits GenAI semconv spans
// (`invoke_agent` > `step N` > `chat` / `execute_tool`, `embeddings`), which the generic adapter maps.
// What is specific to the AI SDK is read here: the runtime context (user, session), the reasoning
// tokens it reports only as `ai.usage.outputTokenDetails.reasoningTokens`, its time-to-first-chunk
// attribute, and the fact that `invoke_agent` sums the usage of the model calls beneath it.
import {
  GEN_AI_OPERATION_NAME,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  GenAiOperation,
  VERCEL_AI_CLIENT_TIME_TO_FIRST_CHUNK,
  VERCEL_AI_USAGE_OUTPUT_REASONING_TOKENS,
  VERCEL_AI_USAGE_PREFIX,
} from '@sightline/core';
import type { OtlpSpan } from '../../otlp/types.ts';
import type { AttributeReader } from '../attribute-reader.ts';
import type { SpanFields } from '../types.ts';
import { secondsAsMs } from './read-fields.ts';
import { compact, readCount } from './structured-values.ts';
import { readContext } from './vercel-ai-telemetry.ts';

/** `ai.usage.*` token details of a span that reports usage, and the reasoning share of its output. */
function readUsageDetails(reader: AttributeReader): Pick<SpanFields, 'usage' | 'usageDetails'> {
  // Step spans repeat their chat span's details without any usage of their own: those stay raw.
  if (!reader.has(GEN_AI_USAGE_INPUT_TOKENS) && !reader.has(GEN_AI_USAGE_OUTPUT_TOKENS)) return {};
  const details: Record<string, number> = {};
  for (const key of reader.keysWithPrefix(VERCEL_AI_USAGE_PREFIX)) {
    const count = readCount(reader, key, key === VERCEL_AI_USAGE_OUTPUT_REASONING_TOKENS ? 'usage' : 'usageDetails');
    if (count !== undefined) details[key.slice(VERCEL_AI_USAGE_PREFIX.length)] = count;
  }
  const reasoningTokens = details['outputTokenDetails.reasoningTokens'];
  return compact<Pick<SpanFields, 'usage' | 'usageDetails'>>({
    // Part of gen_ai.usage.output_tokens (OTel semantics), which the generic adapter reads.
    usage: reasoningTokens === undefined ? undefined : { reasoningTokens },
    usageDetails: Object.keys(details).length > 0 ? details : undefined,
  });
}

export function mapGenAiSpan(span: OtlpSpan, reader: AttributeReader): SpanFields {
  const isAgent = span.attributes[GEN_AI_OPERATION_NAME] === GenAiOperation.invokeAgent;
  return compact<SpanFields>({
    ...readContext(reader),
    ...readUsageDetails(reader),
    timeToFirstTokenMs: secondsAsMs(reader, VERCEL_AI_CLIENT_TIME_TO_FIRST_CHUNK, 'timeToFirstTokenMs'),
    aggregatesChildren: isAgent ? true : undefined,
  });
}
