import { type ContentPolicy, DEFAULT_CONTENT_POLICY } from '../privacy/content-policy.ts';

/** How streamed chat completions get their usage: asked of the provider, or counted with a tokenizer. */
export type StreamUsageMode = 'request' | 'estimate';
/** What happens to the spans @anthropic-ai/sdk emits itself for calls Sightline also traces. */
export type AnthropicNativeSpans = 'suppress' | 'keep';

/** Settings the patched SDK methods read on every call (set by init()). */
export interface RuntimeSettings {
  content: ContentPolicy;
  streamUsage: StreamUsageMode;
  anthropicNativeSpans: AnthropicNativeSpans;
}

const DEFAULT_SETTINGS: RuntimeSettings = Object.freeze({
  content: DEFAULT_CONTENT_POLICY,
  streamUsage: 'request',
  anthropicNativeSpans: 'suppress',
});

let current: RuntimeSettings = DEFAULT_SETTINGS;

export function runtimeSettings(): RuntimeSettings {
  return current;
}

export function configureRuntime(settings: Partial<RuntimeSettings>): void {
  current = Object.freeze({ ...current, ...settings });
}

export function resetRuntime(): void {
  current = DEFAULT_SETTINGS;
}
