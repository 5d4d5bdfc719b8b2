import type { FieldKind, FieldModel } from './model';
import { DRAFT_2020_12_URI } from './ajv-instance.factory';

/** The `$schema` every designed form declares. */
export const FORM_SCHEMA_DRAFT = DRAFT_2020_12_URI;

/** Widget / field names the renderer registers for the product's own kinds. */
export const UI_WIDGET = {
  user: 'user',
  control: 'control',
  aiSystem: 'aiSystem',
  longText: 'textarea',
  multiChoice: 'checkboxes',
} as const;
export const UI_FIELD = { file: 'file', riskMatrix: 'riskMatrix' } as const;

/** Annex A control ids: 'A.2.2', 'A.6.2.4'. */
export const CONTROL_ID_PATTERN = '^A\\.[0-9]+\\.[0-9]+(\\.[0-9]+)?$';

/** A stored evidence attachment: the server keeps the bytes, the submission keeps this reference. */
export const FILE_VALUE_SCHEMA = {
  type: 'object',
  properties: {
    sha256: { type: 'string', pattern: '^[a-f0-9]{64}$' },
    name: { type: 'string', minLength: 1, maxLength: 255 },
    size: { type: 'integer', minimum: 0 },
    type: { type: 'string', maxLength: 255 },
  },
  required: ['sha256', 'name', 'size', 'type'],
  additionalProperties: false,
} as const;

/** A 5 × 5 likelihood × impact rating. */
export const RISK_MATRIX_VALUE_SCHEMA = {
  type: 'object',
  properties: {
    likelihood: { type: 'integer', minimum: 1, maximum: 5 },
    impact: { type: 'integer', minimum: 1, maximum: 5 },
  },
  required: ['likelihood', 'impact'],
  additionalProperties: false,
} as const;

type FieldProperty = Exclude<
  keyof FieldModel,
  'id' | 'kind' | 'label' | 'help' | 'required' | 'default' | 'visibleWhen'
>;

/**
 * Which optional model properties each kind uses (besides id, kind, label, help, required, default,
 * visibleWhen, which all kinds use). modelToSchema ignores the others, so the designer should hide them.
 */
export const FIELD_KIND_PROPERTIES: Readonly<Record<FieldKind, readonly FieldProperty[]>> = {
  shortText: ['minLength', 'maxLength', 'pattern'],
  longText: ['minLength', 'maxLength', 'pattern'],
  number: ['min', 'max'],
  integer: ['min', 'max'],
  boolean: ['mustBeChecked'],
  date: [],
  singleChoice: ['options'],
  multiChoice: ['options', 'minLength', 'maxLength'],
  file: [],
  user: [],
  control: [],
  aiSystem: [],
  riskMatrix: [],
  section: ['fields'],
  list: ['fields', 'minLength', 'maxLength'],
};
