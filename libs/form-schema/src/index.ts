// Everything the server entry has, plus what only browsers need (mappers, the RJSF client validator).
export * from './server';
export { modelToSchema } from './model-to-schema.mapper';
export {
  schemaToModel,
  UnrepresentableSchemaError,
  firstDifference,
  type SchemaToModelOptions,
} from './schema-to-model.mapper';
export { checkModel, FIELD_ID_PATTERN } from './model-check.validator';
export { createClientValidator, clientValidatorOptions } from './client-validator.factory';
export {
  draftOf,
  KNOWN_FORMATS,
  RJSF_AJV_OPTIONS,
  DRAFT_2020_12_URI,
  DRAFT_07_URI,
  type SchemaDraft,
} from './ajv-instance.factory';
