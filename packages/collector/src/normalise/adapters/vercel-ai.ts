import {
  type ChatMessage,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_FINISH_REASONS,
  GEN_AI_RESPONSE_ID,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_SYSTEM,
  GenAiOperation,
  type SpanType,
  VERCEL_AI_EVENT_STREAM_FIRST_CHUNK,
  VERCEL_AI_FINISH_REASON,
  VERCEL_AI_MODEL_ID,
  VERCEL_AI_MODEL_PROVIDER,
  VERCEL_AI_OPERATION_ID,
  VERCEL_AI_OPERATION_NAME,
  VERCEL_AI_PROMPT,
  VERCEL_AI_PROMPT_MESSAGES,
  VERCEL_AI_PROMPT_TOOLS,
  VERCEL_AI_RESPONSE_FINISH_REASON,
  VERCEL_AI_RESPONSE_ID,
  VERCEL_AI_RESPONSE_MODEL,
  VERCEL_AI_RESPONSE_MS_TO_FIRST_CHUNK,
  VERCEL_AI_RESPONSE_OBJECT,
  VERCEL_AI_RESPONSE_REASONING,
  VERCEL_AI_RESPONSE_TEXT,
  VERCEL_AI_RESPONSE_TOOL_CALLS,
  VERCEL_AI_RESULT_OBJECT,
  VERCEL_AI_RESULT_TEXT,
  VERCEL_AI_RESULT_TOOL_CALLS,
  VERCEL_AI_SCOPE_NAMES,
  VERCEL_AI_STREAM_MS_TO_FIRST_CHUNK,
  VERCEL_AI_TOOL_CALL_ARGS,
  VERCEL_AI_TOOL_CALL_ID,
  VERCEL_AI_TOOL_CALL_NAME,
  VERCEL_AI_TOOL_CALL_RESULT,
  VERCEL_AI_VALUE,
  VERCEL_AI_VALUES,
  VercelAiOperation,
} from '@sightline/core';
import type { AttributeValue, OtlpSpan } from '../../otlp/types.ts';
import { type AttributeReader, parseMaybeJson } from '../attribute-reader.ts';
import type { ConventionAdapter, SpanFields } from '../types.ts';
import { compact, lookup, readCount, toCount } from './structured-values.ts';
import { mapGenAiSpan } from './vercel-ai-genai.ts';
import {
  embeddingInput,
  promptMessages,
  type ResponseValues,
  responseMessages,
  rootPromptMessages,
  toolCallMessages,
} from './vercel-ai-messages.ts';
import { readContext, readSettings, readTelemetry } from './vercel-ai-telemetry.ts';
import { readVercelUsage } from './vercel-ai-usage.ts';

interface OperationKind {
  spanType: SpanType;
  operation: string;
  /** Roots (generateText, embedMany, ...) repeat the usage of the model calls beneath them. */
  aggregatesChildren?: boolean;
}

// Text/object roots run a multi-step loop around model calls and tools, like AI SDK 7's `invoke_agent`
// root; typing them `agent` (Langfuse files them as plain spans) keeps them out of inference totals.
const ROOT: OperationKind = { spanType: 'agent', operation: GenAiOperation.invokeAgent, aggregatesChildren: true };
const STEP: OperationKind = { spanType: 'llm', operation: GenAiOperation.chat };
const EMBED_ROOT: OperationKind = {
  spanType: 'embedding',
  operation: GenAiOperation.embeddings,
  aggregatesChildren: true,
};
const EMBED: OperationKind = { spanType: 'embedding', operation: GenAiOperation.embeddings };

const OPERATIONS: Record<string, OperationKind> = {
  [VercelAiOperation.generateText]: ROOT,
  [VercelAiOperation.streamText]: ROOT,
  [VercelAiOperation.generateObject]: ROOT,
  [VercelAiOperation.streamObject]: ROOT,
  [VercelAiOperation.generateTextDoGenerate]: STEP,
  [VercelAiOperation.streamTextDoStream]: STEP,
  [VercelAiOperation.generateObjectDoGenerate]: STEP,
  [VercelAiOperation.streamObjectDoStream]: STEP,
  [VercelAiOperation.embed]: EMBED_ROOT,
  [VercelAiOperation.embedMany]: EMBED_ROOT,
  [VercelAiOperation.embedDoEmbed]: EMBED,
  [VercelAiOperation.embedManyDoEmbed]: EMBED,
  [VercelAiOperation.toolCall]: { spanType: 'tool', operation: GenAiOperation.executeTool },
};

/** `ai.model.provider` prefixes (`openai.chat`, `anthropic.messages`, `google.vertex.chat`) → `gen_ai.provider.name`. */
const PROVIDER_PREFIXES: readonly [string, string][] = [
  ['google.vertex', 'gcp.vertex_ai'],
  ['google-vertex', 'gcp.vertex_ai'],
  ['vertex', 'gcp.vertex_ai'],
  ['google.generative-ai', 'gcp.gemini'],
  ['google', 'gcp.gemini'],
  ['amazon-bedrock', 'aws.bedrock'],
  ['bedrock', 'aws.bedrock'],
  ['azure-openai', 'azure.ai.openai'],
  // @ai-sdk/azure is Azure OpenAI.
  ['azure', 'azure.ai.openai'],
  ['anthropic', 'anthropic'],
  ['openai', 'openai'],
  ['mistral', 'mistral_ai'],
  ['xai', 'x_ai'],
];

export function vercelAiProvider(raw: string): string | undefined {
  const lower = raw.trim().toLowerCase();
  if (lower === '') return undefined;
  for (const [prefix, provider] of PROVIDER_PREFIXES) {
    if (lower === prefix || lower.startsWith(`${prefix}.`)) return provider;
  }
  return lower.split('.')[0];
}

/** `ai.operationId`, else the first word of `operation.name` (`ai.generateText my-function`). */
function readOperationId(reader: AttributeReader): string | undefined {
  const id = reader.string(VERCEL_AI_OPERATION_ID, 'spanType');
  const name = reader.peek(VERCEL_AI_OPERATION_NAME);
  if (typeof name === 'string' && name.startsWith('ai.')) {
    reader.use(VERCEL_AI_OPERATION_NAME, 'operation');
    return id ?? name.split(' ')[0];
  }
  return id;
}

function readTimeToFirstChunk(span: OtlpSpan, reader: AttributeReader): number | undefined {
  const fromAttributes =
    readCount(reader, VERCEL_AI_RESPONSE_MS_TO_FIRST_CHUNK, 'timeToFirstTokenMs') ??
    readCount(reader, VERCEL_AI_STREAM_MS_TO_FIRST_CHUNK, 'timeToFirstTokenMs');
  if (fromAttributes !== undefined) return fromAttributes;
  // Some exporters keep it only on the ai.stream.firstChunk event (events are not part of the mapping report).
  const event = span.events.find((candidate) => candidate.name === VERCEL_AI_EVENT_STREAM_FIRST_CHUNK);
  return toCount(event?.attributes[VERCEL_AI_RESPONSE_MS_TO_FIRST_CHUNK]);
}

function readToolDefinitions(reader: AttributeReader): unknown {
  const tools = reader.peek(VERCEL_AI_PROMPT_TOOLS);
  const list = Array.isArray(tools) ? tools : parseMaybeJson(tools ?? null);
  if (!Array.isArray(list) || list.length === 0) return undefined;
  reader.use(VERCEL_AI_PROMPT_TOOLS, 'toolDefinitions');
  return list.map((tool) => parseMaybeJson(tool) ?? tool);
}

/** Peeks a value and records it as mapped to `field` only when `convert` makes something of it. */
function take<T>(
  reader: AttributeReader,
  key: string,
  field: string,
  convert: (value: AttributeValue) => T | undefined,
): T | undefined {
  const value = reader.peek(key);
  if (value === undefined || value === null || value === '') return undefined;
  const converted = convert(value);
  if (converted !== undefined) reader.use(key, field);
  return converted;
}

function readOutput(reader: AttributeReader): ChatMessage[] | undefined {
  const finishReason =
    reader.string(VERCEL_AI_RESPONSE_FINISH_REASON, 'finishReasons') ??
    reader.string(VERCEL_AI_FINISH_REASON, 'finishReasons');
  const part = (keys: readonly string[], kind: keyof ResponseValues) => {
    for (const key of keys) {
      const value = take(reader, key, 'output', (candidate) =>
        responseMessages({ [kind]: candidate }) === undefined ? undefined : candidate,
      );
      if (value !== undefined) return value;
    }
    return undefined;
  };
  return responseMessages(
    compact<ResponseValues>({
      reasoning: part([VERCEL_AI_RESPONSE_REASONING], 'reasoning'),
      text: part([VERCEL_AI_RESPONSE_TEXT, VERCEL_AI_RESULT_TEXT], 'text'),
      object: part([VERCEL_AI_RESPONSE_OBJECT, VERCEL_AI_RESULT_OBJECT], 'object'),
      toolCalls: part([VERCEL_AI_RESPONSE_TOOL_CALLS, VERCEL_AI_RESULT_TOOL_CALLS], 'toolCalls'),
      finishReason,
    }),
  );
}

function readInputOutput(reader: AttributeReader, operationId: string | undefined) {
  if (operationId === VercelAiOperation.toolCall) {
    return toolCallMessages(
      reader.string(VERCEL_AI_TOOL_CALL_NAME, 'toolName'),
      reader.string(VERCEL_AI_TOOL_CALL_ID, 'input'),
      reader.value(VERCEL_AI_TOOL_CALL_ARGS, 'input'),
      reader.value(VERCEL_AI_TOOL_CALL_RESULT, 'output'),
    );
  }
  const io: { input?: ChatMessage[]; output?: ChatMessage[] } = {};
  const embedding = (value: AttributeValue) => embeddingInput(Array.isArray(value) ? value : [value]);
  const input =
    take(reader, VERCEL_AI_PROMPT_MESSAGES, 'input', promptMessages) ??
    take(reader, VERCEL_AI_PROMPT, 'input', rootPromptMessages) ??
    take(reader, VERCEL_AI_VALUES, 'input', embedding) ??
    take(reader, VERCEL_AI_VALUE, 'input', embedding);
  if (input) io.input = input;
  const output = readOutput(reader);
  if (output) io.output = output;
  return io;
}

/** Reads a gen_ai.* duplicate of a value already taken from `ai.*`, so the report shows it as recognised. */
function duplicate(reader: AttributeReader, key: string, field: string, value: unknown): void {
  if (value !== undefined) reader.use(key, field);
}

function mapLegacy(span: OtlpSpan, reader: AttributeReader, operationId: string | undefined): SpanFields {
  const kind = lookup(OPERATIONS, operationId);
  const rawProvider = reader.string(VERCEL_AI_MODEL_PROVIDER, 'provider') ?? reader.string(GEN_AI_SYSTEM, 'provider');
  const provider = rawProvider === undefined ? undefined : vercelAiProvider(rawProvider);
  duplicate(reader, GEN_AI_SYSTEM, 'provider', provider);
  const requestModel =
    reader.string(VERCEL_AI_MODEL_ID, 'requestModel') ?? reader.string(GEN_AI_REQUEST_MODEL, 'requestModel');
  duplicate(reader, GEN_AI_REQUEST_MODEL, 'requestModel', requestModel);
  const responseModel =
    reader.string(VERCEL_AI_RESPONSE_MODEL, 'responseModel') ?? reader.string(GEN_AI_RESPONSE_MODEL, 'responseModel');
  duplicate(reader, GEN_AI_RESPONSE_MODEL, 'responseModel', responseModel);
  const responseId = reader.string(VERCEL_AI_RESPONSE_ID, 'metadata') ?? reader.string(GEN_AI_RESPONSE_ID, 'metadata');
  duplicate(reader, GEN_AI_RESPONSE_ID, 'metadata', responseId);
  const io = readInputOutput(reader, operationId);
  const finishReason = io.output?.[0]?.finish_reason;
  duplicate(reader, GEN_AI_RESPONSE_FINISH_REASONS, 'finishReasons', finishReason);
  const telemetry = readTelemetry(reader);
  // AI SDK 7's legacy integration carries the user and session as runtime context, not telemetry metadata.
  const context = readContext(reader);
  const metadata = {
    ...context.metadata,
    ...telemetry.metadata,
    ...(responseId === undefined ? {} : { response_id: responseId }),
  };
  return compact<SpanFields>({
    spanType: kind?.spanType,
    operation: kind?.operation,
    aggregatesChildren: kind?.aggregatesChildren,
    provider,
    requestModel,
    responseModel,
    ...readVercelUsage(reader, rawProvider?.toLowerCase() ?? '', provider),
    timeToFirstTokenMs: readTimeToFirstChunk(span, reader),
    input: io.input,
    output: io.output,
    toolDefinitions: readToolDefinitions(reader),
    requestParameters: readSettings(reader),
    ...telemetry,
    userId: telemetry.userId ?? context.userId,
    sessionId: telemetry.sessionId ?? context.sessionId,
    // The functionId names the agent on roots, as AI SDK 7 maps it to gen_ai.agent.name.
    agentName: kind === ROOT ? telemetry.feature : undefined,
    metadata: Object.keys(metadata).length > 0 ? metadata : undefined,
    toolName:
      operationId === VercelAiOperation.toolCall ? reader.string(VERCEL_AI_TOOL_CALL_NAME, 'toolName') : undefined,
    finishReasons: finishReason === undefined ? undefined : [finishReason],
  });
}

function isVercelScope(span: OtlpSpan): boolean {
  return VERCEL_AI_SCOPE_NAMES.includes(span.scope.name);
}

function map(span: OtlpSpan, reader: AttributeReader): SpanFields {
  const operationId = readOperationId(reader);
  if (operationId !== undefined) return mapLegacy(span, reader, operationId);
  return mapGenAiSpan(span, reader);
}

function hasAiOperation(attributes: Record<string, AttributeValue>): boolean {
  if (VERCEL_AI_OPERATION_ID in attributes) return true;
  const name = attributes[VERCEL_AI_OPERATION_NAME];
  return typeof name === 'string' && name.startsWith('ai.');
}

/** Vercel AI SDK spans: `ai.*` telemetry (ai v3–v6, v7 legacy integration) or the AI SDK's instrumentation scopes. */
export const vercelAiAdapter: ConventionAdapter = {
  name: 'vercel_ai',
  detect(span: OtlpSpan): boolean {
    return hasAiOperation(span.attributes) || isVercelScope(span);
  },
  map,
};
