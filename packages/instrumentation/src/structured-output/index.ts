export {
  type OutputIssue,
  OutputValidationError,
  type ParseOutputOptions,
  type ParseOutputResult,
  parseOutput,
  parseOutputOrThrow,
} from './parse-output.ts';
