// prompts/<name>/config.yaml: the current version, model settings (defaults plus per-version
// overrides) and an optional traffic split. Validated with zod (prompt-config-parser.ts, loaded when
// the first config file is read); errors name the file and the field.
import { createRequire } from 'node:module';
import type * as Parser from './prompt-config-parser.ts';

export type { PromptConfigFile, TrafficSplit } from './prompt-config-parser.ts';

type PromptConfigFile = Parser.PromptConfigFile;

/** The model settings of one version: the file's defaults with the version's overrides on top. */
export interface PromptModelConfig {
  model?: string;
  provider?: string;
  temperature?: number;
  max_tokens?: number;
  top_p?: number;
  params?: Record<string, unknown>;
}

let parser: typeof Parser | undefined;

/** Parses and validates config.yaml text; `file` is used in error messages. */
export function parsePromptConfig(text: string, file: string): PromptConfigFile {
  // Synchronous (require of an ES module): loading prompts stays synchronous.
  parser ??= createRequire(import.meta.url)('./prompt-config-parser.ts') as typeof Parser;
  return parser.parsePromptConfig(text, file);
}

/** Merges file-level defaults with a version's overrides (params merge key by key). */
export function modelConfigFor(config: PromptConfigFile, version: string): PromptModelConfig {
  const merged: PromptModelConfig = {};
  const layers = [config, config.versions?.[version] ?? {}];
  for (const layer of layers) {
    if (layer.model !== undefined) merged.model = layer.model;
    if (layer.provider !== undefined) merged.provider = layer.provider;
    if (layer.temperature !== undefined) merged.temperature = layer.temperature;
    if (layer.max_tokens !== undefined) merged.max_tokens = layer.max_tokens;
    if (layer.top_p !== undefined) merged.top_p = layer.top_p;
    if (layer.params !== undefined) merged.params = { ...merged.params, ...layer.params };
  }
  return merged;
}
