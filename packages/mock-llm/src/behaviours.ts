// Scripted behaviours, chosen by the model name or the `x-mock-behaviour` header.

export interface Behaviours {
  /** Answer with this HTTP error status instead of a completion. */
  failStatus: number | undefined;
  /** Only the first attempt of a request fails (retries succeed). */
  failOnce: boolean;
  /** Start the stream, then send an error event instead of finishing. */
  streamError: boolean;
  /** Ignore the offered tools and answer with text. */
  noTools: boolean;
  /** Produce reasoning tokens (also implied by o-series and gpt-5 models and by reasoning/thinking request options). */
  reasoning: boolean;
  /** Forced cache outcome, from the `x-mock-cache` header. */
  cache: 'read' | 'write' | 'none' | undefined;
  /** Seconds for the retry-after header of a 429/503/529. */
  retryAfterSeconds: number;
  /** Names of the behaviours that were asked for, for the request record. */
  names: string[];
}

const FAIL_PATTERN = /fail-([45]\d\d)(-once)?/;

function headerValue(headers: Record<string, string>, ...names: string[]): string {
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) return value;
  }
  return '';
}

/** Reads the behaviours from the model name (any known name inside it) and the comma-separated `x-mock-behaviour` header. */
export function readBehaviours(model: string, headers: Record<string, string>): Behaviours {
  const requested = [model, ...headerValue(headers, 'x-mock-behaviour', 'x-mock-behavior').split(',')]
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  const names: string[] = [];
  let failStatus: number | undefined;
  let failOnce = false;
  for (const entry of requested) {
    const match = FAIL_PATTERN.exec(entry);
    if (match && failStatus === undefined) {
      failStatus = Number(match[1]);
      failOnce = match[2] !== undefined;
      names.push(match[0]);
    }
  }
  const has = (name: string): boolean => {
    const found = requested.some((entry) => entry.includes(name));
    if (found) names.push(name);
    return found;
  };
  const streamError = has('stream-error');
  const noTools = has('no-tools');
  const reasoning = has('reasoning');
  const cacheHeader = headerValue(headers, 'x-mock-cache').toLowerCase();
  const cache = cacheHeader === 'read' || cacheHeader === 'write' || cacheHeader === 'none' ? cacheHeader : undefined;
  const retryAfter = Number(headerValue(headers, 'x-mock-retry-after') || '1');
  return {
    failStatus,
    failOnce,
    streamError,
    noTools,
    reasoning,
    cache,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : 1,
    names,
  };
}

/** Whether a model reasons by default (OpenAI o-series and gpt-5 families). */
export function isReasoningModel(model: string): boolean {
  return /^(o\d|gpt-5)/i.test(model);
}
