import type { FieldKind, FieldModel } from '@aimsflow/form-schema';

/** Kinds that hold child fields: a section groups them, a list repeats them. */
export function isContainer(kind: FieldKind): boolean {
  return kind === 'section' || kind === 'list';
}

/** Calls `visit` for every field, depth first, with the sibling array it lives in. */
export function walkFields(
  fields: FieldModel[],
  visit: (field: FieldModel, siblings: FieldModel[], parent?: FieldModel) => void,
  parent?: FieldModel,
): void {
  for (const field of fields) {
    visit(field, fields, parent);
    if (field.fields) walkFields(field.fields, visit, field);
  }
}

/** Finds a field anywhere in the tree. */
export function findField(fields: FieldModel[], id: string): FieldModel | undefined {
  let found: FieldModel | undefined;
  walkFields(fields, (field) => {
    if (!found && field.id === id) found = field;
  });
  return found;
}

/** The sibling list that contains the field with `id` (undefined when absent). */
export function siblingsOf(fields: FieldModel[], id: string): FieldModel[] | undefined {
  let found: FieldModel[] | undefined;
  walkFields(fields, (field, siblings) => {
    if (!found && field.id === id) found = siblings;
  });
  return found;
}

/** The container holding the field with `id`; undefined for a top-level field. */
export function parentOf(fields: FieldModel[], id: string): FieldModel | undefined {
  let found: FieldModel | undefined;
  walkFields(fields, (field, _siblings, parent) => {
    if (field.id === id) found = parent;
  });
  return found;
}

/** Rebuilds the tree, letting `edit` replace each sibling array (bottom up). Never mutates. */
export function mapSiblingLists(
  fields: FieldModel[],
  edit: (siblings: FieldModel[], parentId?: string) => FieldModel[],
  parentId?: string,
): FieldModel[] {
  const mapped = fields.map((field) =>
    field.fields ? { ...field, fields: mapSiblingLists(field.fields, edit, field.id) } : field,
  );
  return edit(mapped, parentId);
}

/** Every id in use, at any depth. */
export function allIds(fields: FieldModel[]): Set<string> {
  const ids = new Set<string>();
  walkFields(fields, (field) => ids.add(field.id));
  return ids;
}
