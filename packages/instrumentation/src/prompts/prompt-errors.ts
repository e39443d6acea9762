/** Base class of every prompt registry error: the message names the file, field or variable and what to do. */
export class PromptError extends Error {
  override name = 'PromptError';
}

/** No prompt directory, or no such version file. */
export class PromptNotFoundError extends PromptError {
  override name = 'PromptNotFoundError';
}

/** config.yaml is not valid YAML or does not match the schema. */
export class PromptConfigError extends PromptError {
  override name = 'PromptConfigError';
}

/** A prompt file has a malformed `{{ }}` placeholder. */
export class PromptTemplateError extends PromptError {
  override name = 'PromptTemplateError';
}

/** render() was called without a variable the template needs, or with a value that is not text. */
export class PromptVariableError extends PromptError {
  override name = 'PromptVariableError';
  readonly missing: readonly string[];
  constructor(message: string, missing: readonly string[]) {
    super(message);
    this.missing = missing;
  }
}
