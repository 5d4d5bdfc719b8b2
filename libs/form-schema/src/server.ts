// The server's entry point: everything but the RJSF client validator, so the API never loads React.
export * from './model';
export * from './field-kinds.constants';
export {
  checkSchema,
  findPatternProblem,
  MAX_SCHEMA_BYTES,
  MAX_SCHEMA_DEPTH,
  MAX_UNIQUE_ITEMS_COMPARED,
  type CheckResult,
} from './schema-check.validator';
export {
  estimateSchemaCost,
  MAX_WORK_PER_VALUE,
  MAX_REPEATED_WORK,
  MAX_COMPILED_SIZE,
  type SchemaCost,
} from './schema-cost';
export { findRegexHazard } from './regex-safety.checker';
export { humanMessage } from './human-messages';
export {
  createSubmissionValidator,
  toSubmissionErrors,
  type SubmissionError,
  type SubmissionVerdict,
  type SubmissionValidator,
} from './submission.validator';
export {
  validateFormDefinition,
  checkUiSchema,
  FORM_KEY_PATTERN,
  type FormDefinitionInput,
} from './form-definition.validator';
