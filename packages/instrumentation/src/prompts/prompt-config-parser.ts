// Parses and validates prompts/<name>/config.yaml with yaml and zod. Loaded on first use
// (prompt-config.ts), so that importing the package does not load a YAML parser and a schema library.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PromptConfigError } from './prompt-errors.ts';

const modelSettingsShape = {
  model: z.string().min(1).optional(),
  /** Free text for the app (e.g. "openai", "anthropic"); not interpreted by Sightline. */
  provider: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  top_p: z.number().min(0).max(1).optional(),
  /** Any other request parameters the app wants to keep with the prompt. */
  params: z.record(z.string(), z.unknown()).optional(),
};

const versionSettingsSchema = z.strictObject(modelSettingsShape);

const trafficSchema = z.strictObject({
  weights: z.record(z.string(), z.number().min(0, 'must be 0 or more')),
  /** Who keeps seeing the same version: the user, the session, or nobody (every call draws anew). */
  sticky: z.enum(['user', 'session', 'none']).default('user'),
});

export const promptConfigSchema = z.strictObject({
  current_version: z.string().min(1).optional(),
  ...modelSettingsShape,
  versions: z.record(z.string(), versionSettingsSchema.nullable()).optional(),
  traffic: trafficSchema.optional(),
});

export type PromptConfigFile = z.infer<typeof promptConfigSchema>;
export type TrafficSplit = z.infer<typeof trafficSchema>;

function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(top level)' : path.map(String).join('.');
}

/** Parses and validates config.yaml text; `file` is used in error messages. */
export function parsePromptConfig(text: string, file: string): PromptConfigFile {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new PromptConfigError(`${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = promptConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      if (issue.code === 'unrecognized_keys') {
        const where = issue.path.length > 0 ? ` in ${issuePath(issue.path)}` : '';
        return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}${where}`;
      }
      return `${issuePath(issue.path)}: ${issue.message}`;
    });
    throw new PromptConfigError(`${file}: ${lines.join('; ')}`);
  }
  const config = result.data;
  if (config.traffic) {
    const total = Object.values(config.traffic.weights).reduce((sum, weight) => sum + weight, 0);
    if (!(total > 0)) throw new PromptConfigError(`${file}: traffic.weights: at least one weight must be above 0`);
  }
  return config;
}
