// Public and internal types of the mock LLM server.

export interface MockLlmLatency {
  /** Delay before the first streamed event (and before a non-streamed body). Default 0. */
  firstChunkDelayMs?: number;
  /** Delay between streamed text/argument chunks (a non-streamed body waits this once per chunk). Default 0. */
  chunkDelayMs?: number;
}

export interface MockLlmServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  host?: string;
  latency?: MockLlmLatency;
  /** A system prompt of at least this many tokens (words) is cached. Default 64. */
  cacheMinTokens?: number;
  /** Dimensions of embedding vectors when the request names none. Default 16. */
  embeddingDimensions?: number;
  /** When set, requests must carry this key (`Authorization: Bearer …` or `x-api-key`), else 401. */
  apiKey?: string;
  /** Clock for `created` timestamps, in milliseconds. Default Date.now. */
  now?: () => number;
  /** Called after each request has been answered (or the stream ended), e.g. to log it. */
  onRequest?: (request: RecordedRequest) => void;
}

export type MockLlmProtocol = 'openai.chat' | 'openai.responses' | 'openai.embeddings' | 'anthropic.messages' | 'other';

export interface RecordedRequest {
  /** 1-based position among the requests this server received. */
  sequence: number;
  method: string;
  /** The request path as sent, e.g. `/v1/chat/completions`. */
  path: string;
  protocol: MockLlmProtocol;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  stream: boolean;
  /** The HTTP status the mock answered with. */
  status: number;
  /** The scripted behaviours that applied (see README), e.g. `['tool-call']`. */
  behaviours: string[];
}

export interface MockLlmServer {
  /** Base URL without a path, e.g. `http://127.0.0.1:18080`. */
  url: string;
  /** `${url}/v1`: the `baseURL` for the `openai` SDK and `@ai-sdk/openai`. */
  openaiBaseUrl: string;
  /** `url`: the `baseURL` for `@anthropic-ai/sdk`; `@ai-sdk/anthropic` takes `${url}/v1`. */
  anthropicBaseUrl: string;
  port: number;
  /** Every request received so far, in arrival order (mutable: tests may clear it). */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** A tool the request offers, reduced to what the mock needs. */
export interface ToolOffer {
  name: string;
  /** JSON Schema of the tool's arguments. */
  parameters: unknown;
}

export type ToolChoice = { kind: 'auto' } | { kind: 'none' } | { kind: 'required' } | { kind: 'named'; name: string };

/** A request of any protocol, reduced to what decides the reply. */
export interface Conversation {
  model: string;
  /** System/developer instructions joined. */
  systemText: string;
  /** Text of the last user message ('' when none). */
  lastUserText: string;
  /** Text of the trailing tool results, when the conversation ends with them. */
  toolResultText: string | undefined;
  /** All prompt text (system, messages, tool call arguments and results, tool definitions): the input token count. */
  promptText: string;
  tools: ToolOffer[];
  toolChoice: ToolChoice;
  /** Output limit the request set, if any. */
  maxOutputTokens: number | undefined;
  /** The request asked for reasoning (reasoning effort, Anthropic thinking). */
  reasoningRequested: boolean;
  /** Anthropic only: the request has a cache_control breakpoint. */
  hasCacheBreakpoint: boolean;
}

export interface ToolCallPlan {
  id: string;
  name: string;
  /** JSON-encoded arguments. */
  arguments: string;
}

/** Usage in OTel GenAI terms: input includes cache tokens, output includes reasoning tokens. */
export interface PlannedUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
}

/** What the mock answers, before it is rendered in a protocol's shape. */
export interface ReplyPlan {
  text: string;
  /** Present when the reply is a tool call (the text is then '' for OpenAI and a short preamble for Anthropic). */
  toolCall: ToolCallPlan | undefined;
  /** Reasoning text, when reasoning was requested or the model reasons. */
  reasoningText: string | undefined;
  finishReason: 'stop' | 'tool_calls' | 'length';
  usage: PlannedUsage;
}
