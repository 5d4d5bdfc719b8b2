import type { FieldKind, FieldModel, VisibilityRule } from '@aimsflow/form-schema';
import type { FieldPatch } from '../state/designer-reducer';

/** The properties panel's form state: everything as the inputs hold it (mostly strings). */
export interface FieldFormValues {
  id: string;
  label: string;
  help: string;
  required: boolean;
  mustBeChecked: boolean;
  default: string;
  min: string;
  max: string;
  minLength: string;
  maxLength: string;
  pattern: string;
  options: { value: string; label: string }[];
  visible: boolean;
  ruleField: string;
  ruleOp: 'eq' | 'neq';
  ruleValue: string;
}

/** Which properties the panel offers for a kind. */
export const KIND_PROPERTIES: Record<
  FieldKind,
  {
    mustBeChecked?: boolean;
    default?: boolean;
    range?: boolean;
    length?: 'text' | 'items';
    pattern?: boolean;
    options?: boolean;
    required?: boolean;
  }
> = {
  shortText: { default: true, length: 'text', pattern: true, required: true },
  longText: { default: true, length: 'text', pattern: true, required: true },
  number: { default: true, range: true, required: true },
  integer: { default: true, range: true, required: true },
  boolean: { default: true, mustBeChecked: true, required: true },
  date: { default: true, required: true },
  singleChoice: { default: true, options: true, required: true },
  multiChoice: { options: true, length: 'items', required: true },
  file: { required: true },
  user: { required: true },
  control: { required: true },
  aiSystem: { required: true },
  riskMatrix: { required: true },
  section: {},
  list: { length: 'items', required: true },
};

/** Kinds whose value a visibility rule can compare with one value. */
export const RULE_TARGET_KINDS = new Set<FieldKind>([
  'shortText',
  'longText',
  'number',
  'integer',
  'boolean',
  'date',
  'singleChoice',
  'user',
  'control',
  'aiSystem',
]);

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** The panel's values for a field. */
export function toFormValues(field: FieldModel): FieldFormValues {
  return {
    id: field.id,
    label: field.label,
    help: field.help ?? '',
    required: Boolean(field.required),
    mustBeChecked: Boolean(field.mustBeChecked),
    default: text(field.default),
    min: text(field.min),
    max: text(field.max),
    minLength: text(field.minLength),
    maxLength: text(field.maxLength),
    pattern: field.pattern ?? '',
    options: field.options?.map((o) => ({ ...o })) ?? [],
    visible: Boolean(field.visibleWhen),
    ruleField: field.visibleWhen?.field ?? '',
    ruleOp: field.visibleWhen?.op ?? 'eq',
    ruleValue: text(field.visibleWhen?.value),
  };
}

function optionalNumber(value: string): number | undefined {
  return value.trim() === '' ? undefined : Number(value);
}

/** Converts a typed value to the type a field of `kind` holds ('' means "none"). */
export function typedValue(
  kind: FieldKind | undefined,
  value: string,
): string | number | boolean | undefined {
  if (value === '') return undefined;
  if (kind === 'number' || kind === 'integer') return Number(value);
  if (kind === 'boolean') return value === 'true';
  return value;
}

/** The input names that edit one property of the model, grouped so one edit makes one patch. */
export type PropertyGroup =
  | 'id'
  | 'label'
  | 'help'
  | 'required'
  | 'mustBeChecked'
  | 'default'
  | 'min'
  | 'max'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'options'
  | 'visibleWhen';

/** Which model property an input (by its react-hook-form name) edits. */
export function groupOf(name: string): PropertyGroup {
  if (name.startsWith('options')) return 'options';
  if (name === 'visible' || name.startsWith('rule')) return 'visibleWhen';
  return name as PropertyGroup;
}

/** The model patch for one property group, read from the panel's values. */
export function patchFor(
  group: PropertyGroup,
  values: FieldFormValues,
  field: FieldModel,
  ruleTarget?: FieldModel,
): FieldPatch {
  switch (group) {
    case 'id':
      return { id: values.id.trim() };
    case 'label':
      return { label: values.label };
    case 'help':
      return { help: values.help || undefined };
    case 'required':
      return { required: values.required || undefined };
    case 'mustBeChecked':
      return { mustBeChecked: values.mustBeChecked || undefined };
    case 'default':
      return { default: typedValue(field.kind, values.default) };
    case 'min':
    case 'max':
    case 'minLength':
    case 'maxLength':
      return { [group]: optionalNumber(values[group]) };
    case 'pattern':
      return { pattern: values.pattern || undefined };
    case 'options':
      return { options: values.options.map((o) => ({ value: o.value, label: o.label })) };
    case 'visibleWhen': {
      if (!values.visible || !values.ruleField || !ruleTarget) return { visibleWhen: undefined };
      const value = typedValue(ruleTarget.kind, values.ruleValue);
      const rule: VisibilityRule = {
        field: values.ruleField,
        op: values.ruleOp,
        value: value ?? (ruleTarget.kind === 'boolean' ? false : ''),
      };
      return { visibleWhen: rule };
    }
  }
}
