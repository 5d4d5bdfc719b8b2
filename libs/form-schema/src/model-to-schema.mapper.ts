import type { FieldModel, FormDocument, FormModel, VisibilityRule } from './model';
import {
  CONTROL_ID_PATTERN,
  FILE_VALUE_SCHEMA,
  FORM_SCHEMA_DRAFT,
  RISK_MATRIX_VALUE_SCHEMA,
  UI_FIELD,
  UI_WIDGET,
} from './field-kinds.constants';
import { cloneJson } from './schema-check.validator';

type Json = Record<string, unknown>;

interface CompiledObject {
  /** properties / required / allOf of the object schema */
  schema: Json;
  /** ui:order plus one entry per child that needs one */
  uiSchema: Json;
}

/**
 * Compiles a designer model to JSON Schema (draft 2020-12) + uiSchema for RJSF. A field with
 * `visibleWhen` lives in an `allOf` entry `{ if: <condition>, then|else: { properties: {field}, required? } }`,
 * which RJSF's retrieveSchema merges in only while the condition holds.
 */
export function modelToSchema(model: FormModel): FormDocument {
  const body = compileObject(model.fields);
  const schema: Json = {
    $schema: FORM_SCHEMA_DRAFT,
    title: model.title,
    ...(model.description !== undefined ? { description: model.description } : {}),
    type: 'object',
    ...body.schema,
  };
  return { schema, uiSchema: body.uiSchema };
}

function compileObject(fields: readonly FieldModel[]): CompiledObject {
  const properties: Json = {};
  const required: string[] = [];
  const allOf: Json[] = [];
  const uiSchema: Json = { 'ui:order': fields.map((field) => field.id) };
  for (const field of fields) {
    const compiled = compileField(field);
    if (Object.keys(compiled.uiSchema).length > 0) uiSchema[field.id] = compiled.uiSchema;
    if (field.visibleWhen) {
      allOf.push(conditionalEntry(field, compiled.schema));
      continue;
    }
    properties[field.id] = compiled.schema;
    if (field.required) required.push(field.id);
  }
  const schema: Json = { properties };
  if (required.length > 0) schema.required = required;
  if (allOf.length > 0) schema.allOf = allOf;
  return { schema, uiSchema };
}

function conditionalEntry(field: FieldModel, fieldSchema: Json): Json {
  const rule = field.visibleWhen as VisibilityRule;
  const branch: Json = { properties: { [field.id]: fieldSchema } };
  if (field.required) branch.required = [field.id];
  return {
    if: { properties: { [rule.field]: { const: rule.value } }, required: [rule.field] },
    [rule.op === 'eq' ? 'then' : 'else']: branch,
  };
}

function compileField(field: FieldModel): { schema: Json; uiSchema: Json } {
  const schema: Json = { title: field.label };
  const uiSchema: Json = {};
  switch (field.kind) {
    case 'shortText':
    case 'longText':
      schema.type = 'string';
      copy(field, schema, { minLength: 'minLength', maxLength: 'maxLength', pattern: 'pattern' });
      if (field.kind === 'longText') uiSchema['ui:widget'] = UI_WIDGET.longText;
      break;
    case 'number':
    case 'integer':
      schema.type = field.kind;
      copy(field, schema, { min: 'minimum', max: 'maximum' });
      break;
    case 'boolean':
      schema.type = 'boolean';
      if (field.mustBeChecked) schema.const = true;
      break;
    case 'date':
      schema.type = 'string';
      schema.format = 'date';
      break;
    case 'singleChoice':
      schema.type = 'string';
      schema.enum = (field.options ?? []).map((option) => option.value);
      uiSchema['ui:enumNames'] = (field.options ?? []).map((option) => option.label);
      break;
    case 'multiChoice':
      schema.type = 'array';
      schema.items = { type: 'string', enum: (field.options ?? []).map((option) => option.value) };
      schema.uniqueItems = true;
      copy(field, schema, { minLength: 'minItems', maxLength: 'maxItems' });
      uiSchema['ui:widget'] = UI_WIDGET.multiChoice;
      uiSchema.items = { 'ui:enumNames': (field.options ?? []).map((option) => option.label) };
      break;
    case 'file':
      Object.assign(schema, cloneJson(FILE_VALUE_SCHEMA));
      uiSchema['ui:field'] = UI_FIELD.file;
      break;
    case 'riskMatrix':
      Object.assign(schema, cloneJson(RISK_MATRIX_VALUE_SCHEMA));
      uiSchema['ui:field'] = UI_FIELD.riskMatrix;
      break;
    case 'user':
    case 'aiSystem':
      schema.type = 'string';
      schema.format = 'uuid';
      uiSchema['ui:widget'] = UI_WIDGET[field.kind];
      break;
    case 'control':
      schema.type = 'string';
      schema.pattern = CONTROL_ID_PATTERN;
      uiSchema['ui:widget'] = UI_WIDGET.control;
      break;
    case 'section': {
      const body = compileObject(field.fields ?? []);
      schema.type = 'object';
      Object.assign(schema, body.schema);
      Object.assign(uiSchema, body.uiSchema);
      break;
    }
    case 'list': {
      const body = compileObject(field.fields ?? []);
      schema.type = 'array';
      schema.items = { type: 'object', ...body.schema };
      copy(field, schema, { minLength: 'minItems', maxLength: 'maxItems' });
      uiSchema.items = body.uiSchema;
      break;
    }
    default:
      throw new Error(
        `unknown field kind ${JSON.stringify((field as FieldModel).kind)} for field ${field.id}`,
      );
  }
  if (field.default !== undefined) schema.default = cloneJson(field.default);
  if (field.help !== undefined) uiSchema['ui:help'] = field.help;
  return { schema, uiSchema };
}

function copy(field: FieldModel, schema: Json, mapping: Partial<Record<keyof FieldModel, string>>): void {
  for (const [from, to] of Object.entries(mapping)) {
    const value = field[from as keyof FieldModel];
    if (value !== undefined) schema[to as string] = value;
  }
}
