/**
 * The form designer's model: a flat-ish, editor-friendly description of a form that compiles to
 * JSON Schema + uiSchema (modelToSchema) and is recovered from them (schemaToModel).
 * The designer edits only this model; the renderer only ever sees schema + uiSchema.
 */

export type FieldKind =
  | 'shortText'
  | 'longText'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'date'
  | 'singleChoice'
  | 'multiChoice'
  | 'file'
  | 'user'
  | 'control'
  | 'aiSystem'
  | 'riskMatrix'
  | 'section'
  | 'list';

export interface ChoiceOption {
  value: string;
  label: string;
}

/** "Show this field only when field `field` is (op 'eq') / is not (op 'neq') `value`". */
export interface VisibilityRule {
  field: string;
  op: 'eq' | 'neq';
  value: string | number | boolean;
}

export interface FieldModel {
  /** Property name in the submitted data; kebab/camel case, unique among siblings. */
  id: string;
  kind: FieldKind;
  label: string;
  help?: string;
  required?: boolean;
  default?: unknown;
  /** number / integer bounds */
  min?: number;
  max?: number;
  /** text lengths, or item counts for multiChoice / list */
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  options?: ChoiceOption[];
  visibleWhen?: VisibilityRule;
  /** children of a section, or the item fields of a repeating list */
  fields?: FieldModel[];
  /** boolean only: the box must be ticked before submitting (an acknowledgement); compiles to `const: true` */
  mustBeChecked?: boolean;
}

export interface FormModel {
  title: string;
  description?: string;
  fields: FieldModel[];
}

export interface FormDocument {
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
}
