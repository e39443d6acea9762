export { prompts } from './default-registry.ts';
export type { PromptModelConfig } from './prompt-config.ts';
export {
  PromptConfigError,
  PromptError,
  PromptNotFoundError,
  PromptTemplateError,
  PromptVariableError,
} from './prompt-errors.ts';
export {
  createPromptRegistry,
  type PromptReference,
  type PromptRegistry,
  type PromptRegistryOptions,
  type PromptTemplate,
  type RenderedPrompt,
  type VersionSelection,
  withPrompt,
} from './prompt-registry.ts';
export type { TemplateValue, TemplateVariables } from './template.ts';
