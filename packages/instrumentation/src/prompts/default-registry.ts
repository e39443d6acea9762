import { createPromptRegistry, type PromptRegistry } from './prompt-registry.ts';

let registry: PromptRegistry | undefined;

function defaultRegistry(): PromptRegistry {
  registry ??= createPromptRegistry();
  return registry;
}

/**
 * The registry over $SIGHTLINE_PROMPTS_DIR or ./prompts, resolved on first use (so an app may set
 * either before its first call, not before import).
 */
export const prompts: PromptRegistry = {
  get directory() {
    return defaultRegistry().directory;
  },
  get: (name, selection) => defaultRegistry().get(name, selection),
  render: (name, variables, selection) => defaultRegistry().render(name, variables, selection),
  list: () => defaultRegistry().list(),
  versions: (name) => defaultRegistry().versions(name),
  validate: () => defaultRegistry().validate(),
  reload: () => defaultRegistry().reload(),
};
