import type { Attributes } from '@opentelemetry/api';
import {
  GEN_AI_INPUT_MESSAGES,
  GEN_AI_SYSTEM_INSTRUCTIONS,
  GEN_AI_TOOL_DEFINITIONS,
  SERVER_ADDRESS,
  SERVER_PORT,
  SIGHTLINE_CONTENT_TRUNCATED,
} from '@sightline/core';
import {
  type ContentPolicy,
  contentAttribute,
  omittedMessagesMarker,
  omittedPartsMarker,
} from '../privacy/content-policy.ts';
import { runtimeSettings } from '../runtime/settings.ts';

const NO_ATTRIBUTES: Attributes = Object.freeze({});
// Apps use one or a few base URLs: parse each once. Bounded, as a URL could be built per request.
const serverByBaseUrl = new Map<string, Attributes>();
const MAX_BASE_URLS = 64;

function parseServer(baseUrl: string): Attributes {
  try {
    const url = new URL(baseUrl);
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    return Object.freeze({ [SERVER_ADDRESS]: url.hostname, [SERVER_PORT]: port });
  } catch {
    return NO_ATTRIBUTES;
  }
}

/** server.address / server.port of an SDK client's base URL (a shared, frozen object: copy it to change it). */
export function serverAttributes(baseUrl: unknown): Attributes {
  if (typeof baseUrl !== 'string') return NO_ATTRIBUTES;
  let attributes = serverByBaseUrl.get(baseUrl);
  if (attributes === undefined) {
    attributes = parseServer(baseUrl);
    if (serverByBaseUrl.size >= MAX_BASE_URLS) serverByBaseUrl.clear();
    serverByBaseUrl.set(baseUrl, attributes);
  }
  return attributes;
}

/** Copies request parameters that are set and of the attribute's type. */
export function parameterAttributes(
  body: Record<string, unknown>,
  mapping: ReadonlyArray<readonly [string, string]>,
): Attributes {
  const attributes: Attributes = {};
  // An index loop: this runs on every call, often before the JIT has optimised it.
  for (let index = 0; index < mapping.length; index += 1) {
    const [attribute, field] = mapping[index] as readonly [string, string];
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (typeof value === 'number') {
      if (Number.isFinite(value)) attributes[attribute] = value;
    } else if (typeof value === 'string') {
      if (value !== '') attributes[attribute] = [value];
    } else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      attributes[attribute] = value;
    }
  }
  return attributes;
}

/**
 * A request's content in the OTel parts shape, as it was when the call started: converted then, or
 * from copies taken then (chat completions, converted off the call path).
 */
export interface CapturedContent {
  messages: readonly unknown[];
  systemInstructions?: readonly unknown[] | undefined;
  tools?: readonly unknown[] | undefined;
}

/** Whether the request's content goes on the span (callers skip converting it when not). */
export function capturingContent(): boolean {
  return runtimeSettings().content.capture;
}

/**
 * gen_ai.input.messages, gen_ai.system_instructions and gen_ai.tool.definitions under the content
 * policy: redacted, masked, capped and serialised (when the span is exported).
 */
export function inputContentAttributes(content: CapturedContent, policy: ContentPolicy): Attributes {
  if (!policy.capture) return {};
  const attributes: Attributes = {};
  let truncated = false;
  const add = (key: string, value: { json: string; truncated: boolean } | undefined) => {
    if (!value) return;
    attributes[key] = value.json;
    truncated ||= value.truncated;
  };
  add(GEN_AI_SYSTEM_INSTRUCTIONS, contentAttribute(content.systemInstructions ?? [], policy, omittedPartsMarker));
  add(GEN_AI_INPUT_MESSAGES, contentAttribute(content.messages, policy, omittedMessagesMarker));
  add(GEN_AI_TOOL_DEFINITIONS, contentAttribute(content.tools ?? [], policy));
  if (truncated) attributes[SIGHTLINE_CONTENT_TRUNCATED] = true;
  return attributes;
}
