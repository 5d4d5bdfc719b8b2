// The server's entry point: everything but the RJSF client validator, so the API never loads React.
export * from './model';
export * from './field-kinds.constants';
export { checkSchema, MAX_SCHEMA_BYTES, MAX_SCHEMA_DEPTH, type CheckResult } from './schema-check.validator';
export { findRegexHazard } from './regex-safety.checker';
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
