// The mock LLM HTTP server: routing, recording, authentication, scripted failures.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anthropicMessagesProtocol, countMessageTokens } from './anthropic-messages.ts';
import { readBehaviours } from './behaviours.ts';
import { readBody, sendJson } from './http-io.ts';
import { openaiChatProtocol } from './openai-chat.ts';
import { embeddingsResponse } from './openai-embeddings.ts';
import { openaiResponsesProtocol } from './openai-responses.ts';
import { planReply } from './plan.ts';
import type { ChatProtocol } from './protocol.ts';
import {
  carriesRetryAfter,
  type ErrorFamily,
  errorBody,
  InvalidRequestError,
  scriptedFailureMessage,
} from './protocol-errors.ts';
import { asString, isObject, type JsonObject } from './request-fields.ts';
import type { MockLlmProtocol, MockLlmServer, MockLlmServerOptions, RecordedRequest } from './types.ts';

const CHAT_ROUTES: Record<string, ChatProtocol> = {
  '/chat/completions': openaiChatProtocol,
  '/responses': openaiResponsesProtocol,
  '/messages': anthropicMessagesProtocol,
};

const MODELS = ['gpt-4o-mini', 'gpt-4.1', 'o4-mini', 'text-embedding-3-small', 'claude-sonnet-4-6', 'claude-haiku-4-5'];

interface ServerState {
  options: Required<Pick<MockLlmServerOptions, 'cacheMinTokens' | 'embeddingDimensions' | 'now'>> &
    MockLlmServerOptions;
  requests: RecordedRequest[];
  cachedPrompts: Set<string>;
  /** Requests (method, path and body) that already failed once under a `fail-NNN-once` behaviour. */
  failedOnce: Set<string>;
  sequence: number;
}

/** Routes accept paths with or without the `/v1` prefix, so either base URL style works. */
function routeOf(pathname: string): string {
  const trimmed = pathname.replace(/\/+$/, '');
  return trimmed.startsWith('/v1/') ? trimmed.slice(3) : trimmed;
}

function protocolOf(route: string): MockLlmProtocol {
  if (route === '/embeddings') return 'openai.embeddings';
  return CHAT_ROUTES[route]?.protocol ?? 'other';
}

function familyOf(route: string): ErrorFamily {
  return route.startsWith('/messages') ? 'anthropic' : 'openai';
}

function lowerCaseHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function isAuthorised(headers: Record<string, string>, apiKey: string | undefined): boolean {
  if (apiKey === undefined) return true;
  return headers.authorization === `Bearer ${apiKey}` || headers['x-api-key'] === apiKey;
}

async function handle(state: ServerState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const sequence = ++state.sequence;
  const idSuffix = String(sequence).padStart(6, '0');
  const pathname = new URL(request.url ?? '/', 'http://mock.invalid').pathname;
  const route = routeOf(pathname);
  const family = familyOf(route);
  const headers = lowerCaseHeaders(request);
  const raw = await readBody(request);
  const requestId = `req_mock${idSuffix}`;
  const replyHeaders = family === 'anthropic' ? { 'request-id': requestId } : { 'x-request-id': requestId };
  const record: RecordedRequest = {
    sequence,
    method: request.method ?? 'GET',
    path: pathname,
    protocol: protocolOf(route),
    headers,
    body: raw,
    stream: false,
    status: 0,
    behaviours: [],
  };
  state.requests.push(record);
  const fail = (status: number, message: string, extraHeaders: Record<string, string> = {}): void => {
    sendJson(response, status, errorBody(family, status, message, requestId), { ...replyHeaders, ...extraHeaders });
  };
  try {
    if (raw !== '') {
      try {
        record.body = JSON.parse(raw) as unknown;
      } catch {
        throw new InvalidRequestError('The request body is not valid JSON.');
      }
    }
    if (!isAuthorised(headers, state.options.apiKey)) {
      fail(401, 'Invalid API key (the mock LLM server was started with an apiKey).');
      return;
    }
    const body: JsonObject = isObject(record.body) ? record.body : {};
    if (request.method === 'GET' && route === '/models') {
      const data = MODELS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'mock' }));
      sendJson(response, 200, { object: 'list', data }, replyHeaders);
      return;
    }
    if (request.method !== 'POST') {
      fail(404, `No route ${request.method} ${pathname} on the mock LLM server.`);
      return;
    }
    const behaviours = readBehaviours(asString(body.model) ?? '', headers);
    record.behaviours = behaviours.names;
    if (behaviours.failStatus !== undefined) {
      const attemptKey = `${request.method} ${pathname} ${raw}`;
      const alreadyFailed = state.failedOnce.has(attemptKey);
      if (!behaviours.failOnce || !alreadyFailed) {
        state.failedOnce.add(attemptKey);
        const retryAfter: Record<string, string> = carriesRetryAfter(behaviours.failStatus)
          ? {
              'retry-after': String(Math.ceil(behaviours.retryAfterSeconds)),
              'retry-after-ms': String(Math.round(behaviours.retryAfterSeconds * 1000)),
            }
          : {};
        fail(behaviours.failStatus, scriptedFailureMessage(behaviours.failStatus), retryAfter);
        return;
      }
    }
    if (route === '/embeddings') {
      sendJson(response, 200, embeddingsResponse(body, state.options.embeddingDimensions), replyHeaders);
      return;
    }
    if (route === '/messages/count_tokens') {
      sendJson(response, 200, countMessageTokens(body), replyHeaders);
      return;
    }
    const protocol = CHAT_ROUTES[route];
    if (!protocol) {
      fail(404, `No route POST ${pathname} on the mock LLM server.`);
      return;
    }
    const conversation = protocol.parse(body);
    record.stream = protocol.isStream(body);
    const plan = planReply(conversation, {
      behaviours,
      cachedPrompts: state.cachedPrompts,
      cacheMinTokens: state.options.cacheMinTokens,
      automaticCaching: protocol.automaticCaching,
      idSuffix,
      toolCallIdPrefix: protocol.toolCallIdPrefix,
    });
    if (plan.toolCall) record.behaviours.push('tool-call');
    if (plan.usage.cacheReadTokens > 0) record.behaviours.push('cache-read');
    if (plan.usage.cacheWriteTokens > 0) record.behaviours.push('cache-write');
    if (plan.reasoningText !== undefined) record.behaviours.push('reasoning-tokens');
    const latency = state.options.latency ?? {};
    const headerDelay = (name: string): number | undefined => {
      const value = Number(headers[name]);
      return headers[name] !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
    };
    await protocol.respond({
      body,
      conversation,
      plan,
      idSuffix,
      createdUnixSeconds: Math.floor(state.options.now() / 1000),
      firstChunkDelayMs: headerDelay('x-mock-first-chunk-delay-ms') ?? latency.firstChunkDelayMs ?? 0,
      chunkDelayMs: headerDelay('x-mock-chunk-delay-ms') ?? latency.chunkDelayMs ?? 0,
      streamError: behaviours.streamError,
      headers: replyHeaders,
      response,
    });
  } catch (error) {
    if (response.headersSent) {
      response.end();
    } else if (error instanceof InvalidRequestError) {
      fail(400, error.message);
    } else {
      fail(500, `The mock LLM server failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  } finally {
    record.status = response.statusCode;
    state.options.onRequest?.(record);
  }
}

/** Starts the mock LLM server on 127.0.0.1 (a free port unless `options.port` is given). */
export async function startMockLlmServer(options: MockLlmServerOptions = {}): Promise<MockLlmServer> {
  const state: ServerState = {
    options: { cacheMinTokens: 64, embeddingDimensions: 16, now: Date.now, ...options },
    requests: [],
    cachedPrompts: new Set(),
    failedOnce: new Set(),
    sequence: 0,
  };
  const server = createServer((request, response) => {
    // A client that goes away while its body is read leaves nothing to answer.
    handle(state, request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  return {
    url,
    openaiBaseUrl: `${url}/v1`,
    anthropicBaseUrl: url,
    port: address.port,
    requests: state.requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
