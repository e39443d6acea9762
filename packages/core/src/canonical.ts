// The canonical LLM span model every convention is normalised into. Token semantics follow
// OTel GenAI: input includes cache read/write tokens, output includes reasoning tokens.

export const SPAN_TYPES = [
  'llm',
  'embedding',
  'tool',
  'agent',
  'workflow',
  'retriever',
  'chain',
  'guardrail',
  'evaluator',
  'other',
] as const;
export type SpanType = (typeof SPAN_TYPES)[number];

export const COST_SOURCES = ['none', 'provided', 'calculated'] as const;
/** provided: cost carried on the span; calculated: priced by Sightline; none: no price known (never a silent $0). */
export type CostSource = (typeof COST_SOURCES)[number];

export const SOURCE_CONVENTIONS = [
  'otel_genai',
  'openinference',
  'openllmetry',
  'vercel_ai',
  'langfuse',
  'openlit',
  'anthropic_sdk',
  'sightline',
  'unknown',
] as const;
export type SourceConvention = (typeof SOURCE_CONVENTIONS)[number];

/** One part of a message, in the OTel GenAI `parts` shape (gen_ai.input/output.messages). */
export type MessagePart =
  | { type: 'text'; content: string }
  | { type: 'reasoning'; content: string }
  | { type: 'tool_call'; id?: string; name: string; arguments?: unknown }
  | { type: 'tool_call_response'; id?: string; response: unknown }
  | { type: 'blob' | 'uri' | 'file'; modality?: string; mime_type?: string; uri?: string; file_id?: string }
  | { type: 'other'; value: unknown };

export interface ChatMessage {
  role: string;
  name?: string;
  parts: MessagePart[];
  finish_reason?: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
}

export const ZERO_USAGE: TokenUsage = Object.freeze({
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
});

export interface Cost {
  costUsd: number | null;
  costSource: CostSource;
  /** Per-bucket cost (input, output, cache_read, cache_write, ...). */
  costDetails: Record<string, number>;
  /** Price-table version used for calculated costs, or the override file's version. */
  priceVersion: string;
}
