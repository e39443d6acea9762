import { runtimeSettings } from '../runtime/settings.ts';
import type { LlmCallResult, LlmCallStart } from '../spans/llm-call.ts';
import { serverAttributes } from '../spans/request-attributes.ts';
import { callTraced, type StreamAccumulator, type TracedCallPlan } from '../spans/traced-sdk-call.ts';
import { unwrapMethod, wrapMethod } from '../spans/wrap-method.ts';
import { ChatStreamAccumulator, ChunksChatResult, chatCallStart, chatResult } from './chat-completions.ts';
import { embeddingsCallStart, embeddingsResult } from './embeddings.ts';
import { isRecord } from './message-parts.ts';
import { ResponsesStreamAccumulator, responsesCallStart, responsesResult } from './responses-api.ts';

type Json = Record<string, unknown>;

interface ResourceThis {
  _client?: { baseURL?: unknown; constructor?: { name?: string } };
}

// The last client class seen and its provider: reading a class's `name` is a native accessor call,
// and apps make their calls through one or a few client classes.
let lastClientClass: unknown;
let lastProvider = 'openai';

function providerOf(resource: ResourceThis): string {
  const clientClass = resource._client?.constructor;
  if (clientClass !== lastClientClass) {
    lastProvider = clientClass?.name === 'AzureOpenAI' ? 'azure.ai.openai' : 'openai';
    lastClientClass = clientClass;
  }
  return lastProvider;
}

/**
 * A chat stream's chunks. When Sightline asked for streamed usage the app did not, the usage-only
 * final chunk is hidden and the `usage: null` field the request added to other chunks is removed, so
 * each chunk is looked at as it comes; otherwise the chunks are only kept, and read at export.
 */
class ChatChunks implements StreamAccumulator {
  readonly #body: Json;
  readonly #injectedUsage: boolean;
  readonly #accumulator: ChatStreamAccumulator | undefined;
  readonly #chunks: unknown[] = [];

  constructor(body: Json, injectedUsage: boolean) {
    this.#body = body;
    this.#injectedUsage = injectedUsage;
    if (injectedUsage) this.#accumulator = new ChatStreamAccumulator(body);
  }

  get hidesItems(): boolean {
    return this.#injectedUsage;
  }

  add(chunk: unknown): boolean {
    if (this.#accumulator === undefined) {
      this.#chunks.push(chunk);
      return true;
    }
    this.#accumulator.add(chunk);
    if (!isRecord(chunk) || !('usage' in chunk)) return true;
    if (chunk.usage !== null && Array.isArray(chunk.choices) && chunk.choices.length === 0) return false;
    delete chunk.usage;
    return true;
  }

  result(): LlmCallResult {
    return this.#accumulator !== undefined
      ? this.#accumulator.result()
      : new ChunksChatResult(this.#body, this.#chunks);
  }
}

/** How one chat completion is traced; methods, not closures, as one is made per call. */
class ChatPlan implements TracedCallPlan {
  readonly start: LlmCallStart;
  readonly args: unknown[];
  readonly stream: boolean;
  readonly #body: Json;
  readonly #injectedUsage: boolean;

  constructor(body: Json, start: LlmCallStart, args: unknown[], stream: boolean, injectedUsage: boolean) {
    this.#body = body;
    this.start = start;
    this.args = args;
    this.stream = stream;
    this.#injectedUsage = injectedUsage;
  }

  result(data: unknown): LlmCallResult {
    return chatResult(this.#body, data);
  }

  accumulator(): StreamAccumulator {
    return new ChatChunks(this.#body, this.#injectedUsage);
  }
}

function chatPlan(resource: ResourceThis, args: unknown[]): TracedCallPlan | undefined {
  const body = args[0];
  if (!isRecord(body)) return undefined;
  const stream = body.stream === true;
  // The app's arguments as they are, unless streamed usage is asked for on its behalf.
  let sdkArgs = args;
  let injectUsage = false;
  const streamOptions = isRecord(body.stream_options) ? body.stream_options : undefined;
  if (stream && runtimeSettings().streamUsage === 'request') {
    if (streamOptions?.include_usage !== true) {
      injectUsage = true;
      sdkArgs = args.slice();
      sdkArgs[0] = { ...body, stream_options: { ...streamOptions, include_usage: true } };
    }
  }
  const start = chatCallStart(body, providerOf(resource), serverAttributes(resource._client?.baseURL));
  return new ChatPlan(body, start, sdkArgs, stream, injectUsage);
}

function responsesPlan(resource: ResourceThis, args: unknown[]): TracedCallPlan | undefined {
  const [body] = args;
  if (!isRecord(body)) return undefined;
  const start = responsesCallStart(body, serverAttributes(resource._client?.baseURL));
  start.provider = providerOf(resource);
  return {
    start,
    args,
    stream: body.stream === true,
    result: (data) => responsesResult(body, data),
    accumulator: () => new ResponsesStreamAccumulator(body),
  };
}

function embeddingsPlan(resource: ResourceThis, args: unknown[]): TracedCallPlan | undefined {
  const [body] = args;
  if (!isRecord(body)) return undefined;
  const start = embeddingsCallStart(body, serverAttributes(resource._client?.baseURL));
  start.provider = providerOf(resource);
  return {
    start,
    args,
    stream: false,
    result: (data) => embeddingsResult(body, data),
    accumulator: () => ({ hidesItems: false, add: () => true, result: () => ({}) }),
  };
}

type PlanMaker = (resource: ResourceThis, args: unknown[]) => TracedCallPlan | undefined;

function tracedCreate(plan: PlanMaker) {
  // biome-ignore lint/suspicious/noExplicitAny: SDK method signature.
  return (original: (this: any, ...args: any[]) => any) =>
    function create(this: ResourceThis, ...args: unknown[]) {
      return callTraced(original, this, args, plan);
    };
}

interface OpenAIClass {
  Chat?: { Completions?: { prototype: unknown } };
  Responses?: { prototype: unknown };
  Embeddings?: { prototype: unknown };
}

function clientClass(moduleExports: unknown): OpenAIClass | undefined {
  if (moduleExports === null || (typeof moduleExports !== 'object' && typeof moduleExports !== 'function'))
    return undefined;
  const record = moduleExports as { OpenAI?: unknown; default?: unknown };
  const candidate = record.OpenAI ?? record.default ?? moduleExports;
  return typeof candidate === 'function' ? (candidate as OpenAIClass) : undefined;
}

/** Patches the prototypes of an `openai` module (CJS exports or ESM namespace). Returns what was patched. */
export function patchOpenAI(moduleExports: unknown): string[] {
  const OpenAI = clientClass(moduleExports);
  if (!OpenAI) return [];
  const patched: string[] = [];
  if (wrapMethod(OpenAI.Chat?.Completions?.prototype, 'create', tracedCreate(chatPlan)))
    patched.push('chat.completions.create');
  if (wrapMethod(OpenAI.Responses?.prototype, 'create', tracedCreate(responsesPlan))) patched.push('responses.create');
  if (wrapMethod(OpenAI.Embeddings?.prototype, 'create', tracedCreate(embeddingsPlan)))
    patched.push('embeddings.create');
  return patched;
}

export function unpatchOpenAI(moduleExports: unknown): void {
  const OpenAI = clientClass(moduleExports);
  if (!OpenAI) return;
  unwrapMethod(OpenAI.Chat?.Completions?.prototype, 'create');
  unwrapMethod(OpenAI.Responses?.prototype, 'create');
  unwrapMethod(OpenAI.Embeddings?.prototype, 'create');
}
