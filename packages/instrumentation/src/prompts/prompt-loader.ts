// Reads one prompt directory: `<version>.txt|.md` files plus an optional config.yaml. Every version
// the config names must have a file, so a bad rollout fails at load, not on the Nth request.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { modelConfigFor, type PromptConfigFile, type PromptModelConfig, parsePromptConfig } from './prompt-config.ts';
import { PromptConfigError, PromptNotFoundError } from './prompt-errors.ts';
import { type ParsedTemplate, parseTemplate } from './template.ts';

export interface LoadedVersion {
  version: string;
  /** Path of the version file, relative to the working directory when inside it. */
  file: string;
  text: string;
  template: ParsedTemplate;
  config: PromptModelConfig;
}

export interface LoadedPrompt {
  name: string;
  config: PromptConfigFile;
  /** config.yaml's current_version, else the highest version in natural order (v10 after v9). */
  currentVersion: string;
  versions: ReadonlyMap<string, LoadedVersion>;
}

const PROMPT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const VERSION_EXTENSIONS = new Set(['.txt', '.md']);
const CONFIG_FILES = ['config.yaml', 'config.yml'];
const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd.startsWith('..') || fromCwd === '' ? path : fromCwd;
}

/** Prompt names (directory names) under the registry directory, sorted. */
export function listPromptNames(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && PROMPT_NAME.test(entry.name))
    .map((entry) => entry.name)
    .sort(naturalOrder.compare);
}

function readVersions(promptDirectory: string): Map<string, { file: string; text: string }> {
  const versions = new Map<string, { file: string; text: string }>();
  for (const entry of readdirSync(promptDirectory, { withFileTypes: true })) {
    const extension = extname(entry.name);
    if (!entry.isFile() || entry.name.startsWith('.') || !VERSION_EXTENSIONS.has(extension)) continue;
    const version = entry.name.slice(0, -extension.length);
    const file = join(promptDirectory, entry.name);
    const existing = versions.get(version);
    if (existing) {
      throw new PromptConfigError(
        `${displayPath(promptDirectory)}: version "${version}" has two files (${displayPath(existing.file)} and ${displayPath(file)}); keep one`,
      );
    }
    versions.set(version, { file, text: readFileSync(file, 'utf8') });
  }
  return versions;
}

function checkReferences(config: PromptConfigFile, versions: ReadonlySet<string>, configFile: string, where: string) {
  const known = [...versions].sort(naturalOrder.compare).join(', ');
  const check = (field: string, version: string) => {
    if (!versions.has(version)) {
      throw new PromptConfigError(
        `${configFile}: ${field}: no file ${version}.txt or ${version}.md in ${where} (versions: ${known})`,
      );
    }
  };
  if (config.current_version !== undefined) check('current_version', config.current_version);
  for (const version of Object.keys(config.versions ?? {})) check(`versions.${version}`, version);
  for (const version of Object.keys(config.traffic?.weights ?? {})) check(`traffic.weights.${version}`, version);
}

export function loadPrompt(directory: string, name: string): LoadedPrompt {
  const promptDirectory = join(directory, name);
  const where = displayPath(promptDirectory);
  if (!PROMPT_NAME.test(name) || !existsSync(promptDirectory) || !statSync(promptDirectory).isDirectory()) {
    const available = listPromptNames(directory);
    throw new PromptNotFoundError(
      `prompt "${name}" not found: no directory ${where} ` +
        `(prompts in ${displayPath(directory)}: ${available.length > 0 ? available.join(', ') : 'none'})`,
    );
  }
  const files = readVersions(promptDirectory);
  if (files.size === 0) {
    throw new PromptNotFoundError(`prompt "${name}" has no versions: add ${where}/v1.txt (or .md)`);
  }
  const configPath = CONFIG_FILES.map((file) => join(promptDirectory, file)).find((file) => existsSync(file));
  const config = configPath ? parsePromptConfig(readFileSync(configPath, 'utf8'), displayPath(configPath)) : {};
  checkReferences(config, new Set(files.keys()), configPath ? displayPath(configPath) : where, where);

  const versions = new Map<string, LoadedVersion>();
  for (const [version, { file, text }] of files) {
    versions.set(version, {
      version,
      file: displayPath(file),
      text,
      template: parseTemplate(text, displayPath(file)),
      config: modelConfigFor(config, version),
    });
  }
  const currentVersion = config.current_version ?? [...versions.keys()].sort(naturalOrder.compare).at(-1)!;
  return { name, config, currentVersion, versions };
}
