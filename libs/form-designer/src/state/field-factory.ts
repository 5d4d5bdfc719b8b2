import type { FieldKind, FieldModel } from '@aimsflow/form-schema';

export interface PaletteEntry {
  kind: FieldKind;
  label: string;
  hint: string;
}

/** The palette, in the order an admin meets the kinds. */
export const PALETTE: PaletteEntry[] = [
  { kind: 'shortText', label: 'Short text', hint: 'One line of text' },
  { kind: 'longText', label: 'Long text', hint: 'Several lines, with a character count' },
  { kind: 'number', label: 'Number', hint: 'Any number, e.g. 2.5' },
  { kind: 'integer', label: 'Whole number', hint: 'A count, e.g. 3' },
  { kind: 'boolean', label: 'Yes / no', hint: 'A checkbox' },
  { kind: 'date', label: 'Date', hint: 'A calendar date' },
  { kind: 'singleChoice', label: 'Single choice', hint: 'Pick one option' },
  { kind: 'multiChoice', label: 'Multiple choice', hint: 'Pick any number of options' },
  { kind: 'file', label: 'File', hint: 'An attachment kept as evidence' },
  { kind: 'user', label: 'User', hint: 'Pick a person' },
  { kind: 'control', label: 'Annex A control', hint: 'Pick an ISO/IEC 42001 Annex A control' },
  { kind: 'aiSystem', label: 'AI system', hint: 'Pick from the AI system inventory' },
  { kind: 'riskMatrix', label: 'Risk matrix', hint: 'Likelihood × impact, 5 × 5' },
  { kind: 'section', label: 'Section', hint: 'Groups fields under a heading' },
  { kind: 'list', label: 'Repeating list', hint: 'The same fields, any number of times' },
];

/** The human name of a field kind ("Short text"). */
export function kindLabel(kind: FieldKind): string {
  return PALETTE.find((entry) => entry.kind === kind)?.label ?? kind;
}

/** The first free id of the form `<kind><n>` (shortText1, shortText2, …). */
export function nextFieldId(kind: FieldKind, taken: Set<string>): string {
  for (let n = 1; ; n += 1) {
    const id = `${kind}${n}`;
    if (!taken.has(id)) return id;
  }
}

/** A new field of `kind` with sensible defaults. */
export function createField(kind: FieldKind, id: string): FieldModel {
  const field: FieldModel = { id, kind, label: kindLabel(kind) };
  if (kind === 'singleChoice' || kind === 'multiChoice') {
    field.options = [
      { value: 'option1', label: 'Option 1' },
      { value: 'option2', label: 'Option 2' },
    ];
  }
  if (kind === 'section' || kind === 'list') field.fields = [];
  return field;
}
