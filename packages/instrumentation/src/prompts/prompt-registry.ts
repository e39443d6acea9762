// Prompts as code: a directory of versioned prompt files. get()/render() pick a version (explicit,
// traffic split, or current), and run() carries {name, version} in the Sightline context so every LLM
// span started inside records the version actually used.
import { resolve } from 'node:path';
import { currentContext, withContext } from '../context/sightline-context.ts';
import type { PromptModelConfig } from './prompt-config.ts';
import { PromptNotFoundError } from './prompt-errors.ts';
import { type LoadedPrompt, type LoadedVersion, listPromptNames, loadPrompt } from './prompt-loader.ts';
import { renderTemplate, type TemplateVariables } from './template.ts';
import { selectVersion } from './traffic-split.ts';

export interface PromptRegistryOptions {
  /** Directory holding `<name>/<version>.txt|.md` and `<name>/config.yaml`; default $SIGHTLINE_PROMPTS_DIR or ./prompts. */
  directory?: string;
  /** Source of randomness for non-sticky traffic splits (default Math.random). */
  random?: () => number;
}

/** An explicit version, or a key that makes an A/B split sticky (default: the context's user or session). */
export type VersionSelection = string | { version?: string; key?: string };

export interface PromptReference {
  name: string;
  version: string;
}

export interface PromptTemplate extends PromptReference {
  /** The file's text, placeholders unfilled. */
  text: string;
  config: PromptModelConfig;
  /** Variable names the template uses. */
  variables: readonly string[];
  file: string;
  /** Runs fn with this prompt in context: LLM calls inside record its name and version. */
  run<T>(fn: () => T): T;
}

export interface RenderedPrompt extends PromptReference {
  /** The text with every variable filled in. */
  text: string;
  config: PromptModelConfig;
  file: string;
  /** Runs fn with this prompt in context: LLM calls inside record its name and version. */
  run<T>(fn: () => T): T;
}

export interface PromptRegistry {
  readonly directory: string;
  get(name: string, selection?: VersionSelection): PromptTemplate;
  render(name: string, variables: TemplateVariables, selection?: VersionSelection): RenderedPrompt;
  /** Prompt names in the directory. */
  list(): string[];
  /** Versions of one prompt, in natural order. */
  versions(name: string): string[];
  /** Loads every prompt, throwing the first error (for a CI check or start-up). */
  validate(): void;
  /** Forgets cached files so the next get() reads them again. */
  reload(): void;
}

/** Runs fn with the prompt in the Sightline context (what RenderedPrompt.run does). */
export function withPrompt<T>(prompt: PromptReference, fn: () => T): T {
  return withContext({ prompt: { name: prompt.name, version: prompt.version } }, fn);
}

export function defaultPromptsDirectory(): string {
  return resolve(process.env.SIGHTLINE_PROMPTS_DIR ?? 'prompts');
}

export function createPromptRegistry(options: PromptRegistryOptions = {}): PromptRegistry {
  const directory = resolve(options.directory ?? defaultPromptsDirectory());
  const random = options.random ?? Math.random;
  const cache = new Map<string, LoadedPrompt>();

  const load = (name: string): LoadedPrompt => {
    let prompt = cache.get(name);
    if (!prompt) {
      prompt = loadPrompt(directory, name);
      cache.set(name, prompt);
    }
    return prompt;
  };

  const choose = (prompt: LoadedPrompt, selection: VersionSelection | undefined): LoadedVersion => {
    const explicit = typeof selection === 'string' ? selection : selection?.version;
    let version = explicit;
    if (version === undefined && prompt.config.traffic) {
      const context = currentContext();
      const key = typeof selection === 'object' ? selection.key : undefined;
      version = selectVersion(
        prompt.name,
        prompt.config.traffic,
        { key, userId: context.userId, sessionId: context.sessionId },
        random,
      );
    }
    version ??= prompt.currentVersion;
    const loaded = prompt.versions.get(version);
    if (!loaded) {
      throw new PromptNotFoundError(
        `prompt "${prompt.name}" has no version "${version}" (versions: ${[...prompt.versions.keys()].join(', ')})`,
      );
    }
    return loaded;
  };

  const reference = (name: string, version: string) => ({
    name,
    version,
    run: <T>(fn: () => T): T => withPrompt({ name, version }, fn),
  });

  return {
    directory,
    get(name, selection) {
      const prompt = load(name);
      const chosen = choose(prompt, selection);
      return {
        ...reference(prompt.name, chosen.version),
        text: chosen.text,
        config: chosen.config,
        variables: chosen.template.variables,
        file: chosen.file,
      };
    },
    render(name, variables, selection) {
      const prompt = load(name);
      const chosen = choose(prompt, selection);
      return {
        ...reference(prompt.name, chosen.version),
        text: renderTemplate(
          chosen.template,
          variables,
          `prompt "${name}" version "${chosen.version}" (${chosen.file})`,
        ),
        config: chosen.config,
        file: chosen.file,
      };
    },
    list: () => listPromptNames(directory),
    versions: (name) => [...load(name).versions.keys()].sort(new Intl.Collator('en', { numeric: true }).compare),
    validate() {
      for (const name of listPromptNames(directory)) load(name);
    },
    reload: () => cache.clear(),
  };
}
