// The traceloop.* half of OpenLLMetry: workflow/task/agent/tool spans from the SDK decorators,
// their entity input/output, association properties and managed prompts (unchanged in v0.5).
import {
  type SpanType,
  TRACELOOP_ASSOCIATION_PROPERTIES_PREFIX,
  TRACELOOP_ENTITY_INPUT,
  TRACELOOP_ENTITY_NAME,
  TRACELOOP_ENTITY_OUTPUT,
  TRACELOOP_PROMPT_KEY,
  TRACELOOP_PROMPT_VERSION,
  TRACELOOP_SPAN_KIND,
  TraceloopSpanKind,
} from '@sightline/core';
import type { AttributeValue } from '../../otlp/types.ts';
import { type AttributeReader, parseMaybeJson } from '../attribute-reader.ts';
import { toolCallMessage, toolResultMessage, valueToMessages } from '../messages.ts';
import type { SpanFields } from '../types.ts';
import { put, scalarText } from './read-fields.ts';

const SPAN_TYPE_BY_KIND: Readonly<Record<string, SpanType>> = {
  [TraceloopSpanKind.workflow]: 'workflow',
  [TraceloopSpanKind.task]: 'chain',
  [TraceloopSpanKind.agent]: 'agent',
  [TraceloopSpanKind.tool]: 'tool',
};

/** Association property names that mean the user or the session; both spellings occur. */
const USER_PROPERTIES = new Set(['user_id', 'userId']);
const SESSION_PROPERTIES = new Set(['session_id', 'sessionId']);

function readAssociationProperties(reader: AttributeReader, fields: SpanFields): void {
  const metadata: Record<string, string> = {};
  for (const key of reader.keysWithPrefix(TRACELOOP_ASSOCIATION_PROPERTIES_PREFIX)) {
    const name = key.slice(TRACELOOP_ASSOCIATION_PROPERTIES_PREFIX.length);
    if (USER_PROPERTIES.has(name)) {
      put(fields, 'userId', fields.userId ?? reader.string(key, 'userId'));
    } else if (SESSION_PROPERTIES.has(name)) {
      put(fields, 'sessionId', fields.sessionId ?? reader.string(key, 'sessionId'));
    } else {
      const value = scalarText(reader.value(key, `metadata.${name}`));
      if (value !== undefined) metadata[name] = value;
    }
  }
  if (Object.keys(metadata).length > 0) fields.metadata = metadata;
}

/** The SDK serialises a call as {args, kwargs}; keyword-only calls are the tool's arguments object. */
function entityArguments(input: AttributeValue | undefined): AttributeValue | undefined {
  const parsed = input === undefined ? undefined : parseMaybeJson(input);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return input;
  const { args, kwargs } = parsed;
  return Array.isArray(args) && args.length === 0 && kwargs !== undefined && Object.keys(parsed).length === 2
    ? kwargs
    : input;
}

export function mapTraceloop(reader: AttributeReader): SpanFields {
  const fields: SpanFields = {};
  const kind = reader.string(TRACELOOP_SPAN_KIND, 'spanType');
  const spanType = kind === undefined ? undefined : SPAN_TYPE_BY_KIND[kind];
  put(fields, 'spanType', spanType);
  const entityName =
    spanType === 'tool' || spanType === 'agent' ? reader.string(TRACELOOP_ENTITY_NAME, `${spanType}Name`) : undefined;
  if (spanType === 'tool') put(fields, 'toolName', entityName);
  if (spanType === 'agent') put(fields, 'agentName', entityName);

  const input = reader.value(TRACELOOP_ENTITY_INPUT, 'input');
  const output = reader.value(TRACELOOP_ENTITY_OUTPUT, 'output');
  if (spanType === 'tool') {
    if (input !== undefined) fields.input = [toolCallMessage(entityName ?? '', undefined, entityArguments(input))];
    if (output !== undefined) fields.output = [toolResultMessage(undefined, output)];
  } else {
    put(fields, 'input', valueToMessages('user', input));
    put(fields, 'output', valueToMessages('assistant', output));
  }

  readAssociationProperties(reader, fields);
  put(fields, 'promptName', reader.string(TRACELOOP_PROMPT_KEY, 'promptName'));
  put(fields, 'promptVersion', reader.string(TRACELOOP_PROMPT_VERSION, 'promptVersion'));
  return fields;
}
