export * from './model';
export * from './field-kinds.constants';
export { modelToSchema } from './model-to-schema.mapper';
export {
  schemaToModel,
  UnrepresentableSchemaError,
  firstDifference,
  type SchemaToModelOptions,
} from './schema-to-model.mapper';
export { checkModel, FIELD_ID_PATTERN } from './model-check.validator';
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
export {
  createSubmissionValidator,
  toSubmissionErrors,
  type SubmissionError,
  type SubmissionVerdict,
  type SubmissionValidator,
} from './submission.validator';
export { createClientValidator, clientValidatorOptions } from './client-validator.factory';
export {
  draftOf,
  KNOWN_FORMATS,
  RJSF_AJV_OPTIONS,
  DRAFT_2020_12_URI,
  DRAFT_07_URI,
  type SchemaDraft,
} from './ajv-instance.factory';
export {
  validateFormDefinition,
  checkUiSchema,
  FORM_KEY_PATTERN,
  type FormDefinitionInput,
} from './form-definition.validator';
