import type { Attributes } from '@opentelemetry/api';
import {
  GEN_AI_PROMPT_NAME,
  SIGHTLINE_FEATURE,
  SIGHTLINE_METADATA_PREFIX,
  SIGHTLINE_PROMPT_VERSION,
  SIGHTLINE_SESSION_ID,
  SIGHTLINE_TAGS,
  SIGHTLINE_USER_ID,
} from '@sightline/core';
import type { SightlineContext } from '../context/sightline-context.ts';

/**
 * Adds the span attributes for the app's context to `attributes`: user, session, feature, tags,
 * metadata and, on LLM spans, the prompt and version that prompts.render() chose.
 */
export function addContextAttributes(
  attributes: Attributes,
  values: SightlineContext,
  options: { includePrompt: boolean },
): Attributes {
  if (values.userId) attributes[SIGHTLINE_USER_ID] = values.userId;
  if (values.sessionId) attributes[SIGHTLINE_SESSION_ID] = values.sessionId;
  if (values.feature) attributes[SIGHTLINE_FEATURE] = values.feature;
  if (values.tags && values.tags.length > 0) attributes[SIGHTLINE_TAGS] = [...values.tags];
  if (values.metadata) {
    for (const [key, value] of Object.entries(values.metadata)) {
      if (key !== '' && typeof value === 'string') attributes[`${SIGHTLINE_METADATA_PREFIX}${key}`] = value;
    }
  }
  if (options.includePrompt && values.prompt) {
    attributes[GEN_AI_PROMPT_NAME] = values.prompt.name;
    attributes[SIGHTLINE_PROMPT_VERSION] = values.prompt.version;
  }
  return attributes;
}

/** At most how many attributes addContextAttributes adds for `values`. */
export function contextAttributeCount(values: SightlineContext): number {
  return 6 + (values.metadata ? Object.keys(values.metadata).length : 0);
}

/** The span attributes for the app's context (see addContextAttributes). */
export function contextAttributes(values: SightlineContext, options: { includePrompt: boolean }): Attributes {
  return addContextAttributes({}, values, options);
}
