import type { FieldModel, FormModel } from '@aimsflow/form-schema';

/** What happened to one field between two versions of a form. */
export interface FieldDiff {
  /** dotted id path, e.g. `system.owner` inside a section */
  path: string;
  label: string;
  change: 'added' | 'removed' | 'changed';
  /** For `changed`: one readable line per property that differs. */
  details: string[];
}

export interface FormDiff {
  titleChange?: { from: string; to: string };
  fields: FieldDiff[];
}

const PROPERTY_LABELS: Array<[keyof FieldModel, string]> = [
  ['kind', 'Type'],
  ['label', 'Label'],
  ['help', 'Help text'],
  ['required', 'Required'],
  ['default', 'Default'],
  ['min', 'Minimum'],
  ['max', 'Maximum'],
  ['minLength', 'Minimum length'],
  ['maxLength', 'Maximum length'],
  ['pattern', 'Pattern'],
  ['options', 'Options'],
  ['visibleWhen', 'Shown when'],
  ['mustBeChecked', 'Must be ticked'],
];

/** Every field of a model (sections and lists opened up), keyed by its dotted path. */
export function flattenFields(fields: readonly FieldModel[], prefix = ''): Map<string, FieldModel> {
  const out = new Map<string, FieldModel>();
  for (const field of fields) {
    const path = prefix ? `${prefix}.${field.id}` : field.id;
    out.set(path, field);
    if (field.fields?.length)
      for (const [childPath, child] of flattenFields(field.fields, path)) out.set(childPath, child);
  }
  return out;
}

/** Fields added, removed and changed from `before` to `after`, in the order of `after` (removed ones last). */
export function diffFormModels(before: FormModel, after: FormModel): FormDiff {
  const a = flattenFields(before.fields);
  const b = flattenFields(after.fields);
  const fields: FieldDiff[] = [];
  for (const [path, field] of b) {
    const old = a.get(path);
    if (!old) {
      fields.push({ path, label: field.label || field.id, change: 'added', details: [] });
      continue;
    }
    const details = PROPERTY_LABELS.filter(([key]) => !sameValue(old[key], field[key])).map(
      ([key, label]) => `${label}: ${describe(key, old[key])} → ${describe(key, field[key])}`,
    );
    if (details.length) fields.push({ path, label: field.label || field.id, change: 'changed', details });
  }
  for (const [path, field] of a) {
    if (!b.has(path)) fields.push({ path, label: field.label || field.id, change: 'removed', details: [] });
  }
  const diff: FormDiff = { fields };
  if ((before.title ?? '') !== (after.title ?? ''))
    diff.titleChange = { from: before.title, to: after.title };
  return diff;
}

function sameValue(x: unknown, y: unknown): boolean {
  return JSON.stringify(normalise(x)) === JSON.stringify(normalise(y));
}

function normalise(value: unknown): unknown {
  if (value === false || value === '' || value === null) return undefined;
  return value;
}

function describe(key: keyof FieldModel, value: unknown): string {
  if (value === undefined || value === null || value === '')
    return key === 'required' || key === 'mustBeChecked' ? 'no' : 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'options' && Array.isArray(value))
    return value.map((o: { label?: string; value?: string }) => o.label || o.value).join(', ');
  if (key === 'visibleWhen' && typeof value === 'object') {
    const rule = value as { field: string; op: string; value: unknown };
    return `${rule.field} ${rule.op === 'eq' ? 'is' : 'is not'} ${String(rule.value)}`;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
