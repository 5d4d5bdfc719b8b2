import type { ChoiceOption, FieldKind, FieldModel, FormDocument, FormModel, VisibilityRule } from './model';
import { UI_FIELD, UI_WIDGET } from './field-kinds.constants';
import { modelToSchema } from './model-to-schema.mapper';
import { cloneJson, isPlainObject } from './schema-check.validator';

type Json = Record<string, unknown>;

/** Thrown when a schema uses constructs the designer model cannot express; `path` points into the document. */
export class UnrepresentableSchemaError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'UnrepresentableSchemaError';
  }
}

export interface SchemaToModelOptions {
  /**
   * When true (the default), throw unless `modelToSchema(result)` reproduces `doc` exactly, so the
   * designer never silently drops part of a form. When false, return the best-effort model.
   */
  strict?: boolean;
}

/** Recovers the designer model from a form's schema + uiSchema (the inverse of modelToSchema). */
export function schemaToModel(doc: FormDocument, options: SchemaToModelOptions = {}): FormModel {
  const { schema, uiSchema } = doc;
  if (schema.type !== 'object')
    throw new UnrepresentableSchemaError('#', 'the root schema must be an object');
  const model: FormModel = { title: typeof schema.title === 'string' ? schema.title : '', fields: [] };
  if (typeof schema.description === 'string') model.description = schema.description;
  model.fields = parseObject(schema, uiSchema ?? {}, '#');
  if (options.strict ?? true) assertReproduces(doc, modelToSchema(model));
  return model;
}

interface FieldSource {
  schema: Json;
  required: boolean;
  visibleWhen?: VisibilityRule;
}

function parseObject(schema: Json, uiSchema: Json, path: string): FieldModel[] {
  const properties = isPlainObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const sources = new Map<string, FieldSource>();
  for (const [id, fieldSchema] of Object.entries(properties)) {
    sources.set(id, {
      schema: asObject(fieldSchema, `${path}/properties/${id}`),
      required: required.has(id),
    });
  }
  const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
  allOf.forEach((entry, index) => {
    const [id, source] = parseConditional(entry, `${path}/allOf/${index}`);
    if (sources.has(id))
      throw new UnrepresentableSchemaError(`${path}/allOf/${index}`, `field ${id} is defined twice`);
    sources.set(id, source);
  });
  const declaredOrder = uiSchema['ui:order'];
  const order = Array.isArray(declaredOrder) ? (declaredOrder as string[]).filter((id) => id !== '*') : [];
  for (const id of sources.keys()) if (!order.includes(id)) order.push(id);
  return order
    .filter((id) => sources.has(id))
    .map((id) =>
      parseField(
        id,
        sources.get(id)!,
        asObject(uiSchema[id] ?? {}, `${path}/ui/${id}`),
        `${path}/properties/${id}`,
      ),
    );
}

function parseConditional(entry: unknown, path: string): [string, FieldSource] {
  const shape =
    'each allOf entry must be { if: { properties: { f: { const } }, required: [f] }, then | else: { properties: { one field } } }';
  if (!isPlainObject(entry) || !isPlainObject(entry.if)) throw new UnrepresentableSchemaError(path, shape);
  const condition = entry.if;
  const conditionProperties = isPlainObject(condition.properties) ? Object.entries(condition.properties) : [];
  if (conditionProperties.length !== 1) throw new UnrepresentableSchemaError(`${path}/if`, shape);
  const [controller, test] = conditionProperties[0];
  if (!isPlainObject(test) || !('const' in test)) throw new UnrepresentableSchemaError(`${path}/if`, shape);
  const op = 'then' in entry ? 'eq' : 'neq';
  const branch = entry[op === 'eq' ? 'then' : 'else'];
  const branchProperties =
    isPlainObject(branch) && isPlainObject(branch.properties) ? Object.entries(branch.properties) : [];
  if (!isPlainObject(branch) || branchProperties.length !== 1)
    throw new UnrepresentableSchemaError(path, shape);
  const [id, fieldSchema] = branchProperties[0];
  const required = Array.isArray(branch.required) && branch.required.includes(id);
  const visibleWhen: VisibilityRule = { field: controller, op, value: test.const as VisibilityRule['value'] };
  return [
    id,
    {
      schema: asObject(fieldSchema, `${path}/${op === 'eq' ? 'then' : 'else'}/properties/${id}`),
      required,
      visibleWhen,
    },
  ];
}

function parseField(id: string, source: FieldSource, uiSchema: Json, path: string): FieldModel {
  const { schema } = source;
  const kind = detectKind(schema, uiSchema, path);
  const field: FieldModel = { id, kind, label: typeof schema.title === 'string' ? schema.title : id };
  if (typeof uiSchema['ui:help'] === 'string') field.help = uiSchema['ui:help'];
  if (source.required) field.required = true;
  if ('default' in schema) field.default = cloneJson(schema.default);
  switch (kind) {
    case 'shortText':
    case 'longText':
      pick(schema, field, { minLength: 'minLength', maxLength: 'maxLength', pattern: 'pattern' });
      break;
    case 'number':
    case 'integer':
      pick(schema, field, { minimum: 'min', maximum: 'max' });
      break;
    case 'boolean':
      if (schema.const === true) field.mustBeChecked = true;
      break;
    case 'singleChoice':
      field.options = toOptions(schema.enum, uiSchema['ui:enumNames']);
      break;
    case 'multiChoice': {
      const items = asObject(schema.items, `${path}/items`);
      const itemsUi = isPlainObject(uiSchema.items) ? uiSchema.items : {};
      field.options = toOptions(items.enum, itemsUi['ui:enumNames']);
      pick(schema, field, { minItems: 'minLength', maxItems: 'maxLength' });
      break;
    }
    case 'section':
      field.fields = parseObject(schema, uiSchema, path);
      break;
    case 'list':
      field.fields = parseObject(
        asObject(schema.items, `${path}/items`),
        isPlainObject(uiSchema.items) ? uiSchema.items : {},
        `${path}/items`,
      );
      pick(schema, field, { minItems: 'minLength', maxItems: 'maxLength' });
      break;
    default:
      break;
  }
  if (source.visibleWhen) field.visibleWhen = source.visibleWhen;
  return field;
}

function detectKind(schema: Json, uiSchema: Json, path: string): FieldKind {
  const uiField = uiSchema['ui:field'];
  const widget = uiSchema['ui:widget'];
  if (uiField === UI_FIELD.file) return 'file';
  if (uiField === UI_FIELD.riskMatrix) return 'riskMatrix';
  if (widget === UI_WIDGET.user) return 'user';
  if (widget === UI_WIDGET.aiSystem) return 'aiSystem';
  if (widget === UI_WIDGET.control) return 'control';
  switch (schema.type) {
    case 'string':
      if (Array.isArray(schema.enum)) return 'singleChoice';
      if (schema.format === 'date') return 'date';
      return widget === UI_WIDGET.longText ? 'longText' : 'shortText';
    case 'number':
    case 'integer':
    case 'boolean':
      return schema.type;
    case 'object':
      return 'section';
    case 'array':
      return isPlainObject(schema.items) && schema.items.type === 'object' ? 'list' : 'multiChoice';
    default:
      throw new UnrepresentableSchemaError(path, `no field kind matches type ${JSON.stringify(schema.type)}`);
  }
}

function toOptions(values: unknown, labels: unknown): ChoiceOption[] {
  if (!Array.isArray(values)) return [];
  return values.map((value, index) => ({
    value: String(value),
    label: Array.isArray(labels) && typeof labels[index] === 'string' ? labels[index] : String(value),
  }));
}

function pick(schema: Json, field: FieldModel, mapping: Record<string, keyof FieldModel>): void {
  for (const [from, to] of Object.entries(mapping)) {
    if (schema[from] !== undefined) (field as unknown as Json)[to] = schema[from];
  }
}

function asObject(value: unknown, path: string): Json {
  if (!isPlainObject(value)) throw new UnrepresentableSchemaError(path, 'expected a schema object');
  return value;
}

function assertReproduces(original: FormDocument, rebuilt: FormDocument): void {
  const difference =
    firstDifference(original.schema, rebuilt.schema, '#') ??
    firstDifference(original.uiSchema ?? {}, rebuilt.uiSchema, 'ui#');
  if (difference) {
    throw new UnrepresentableSchemaError(
      difference,
      'the designer cannot represent this part of the form exactly',
    );
  }
}

/** The JSON pointer-ish path of the first place two JSON values differ, or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (Object.is(a, b)) return null;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return path;
    for (let i = 0; i < a.length; i++) {
      const difference = firstDifference(a[i], b[i], `${path}/${i}`);
      if (difference) return difference;
    }
    return null;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      const difference = firstDifference(a[key], b[key], `${path}/${key}`);
      if (difference) return difference;
    }
    return null;
  }
  return path;
}
