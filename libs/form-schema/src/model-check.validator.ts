import type { FieldModel, FormModel } from './model';
import { FIELD_KIND_PROPERTIES } from './field-kinds.constants';
import { findRegexHazard } from './regex-safety.checker';

/** Field ids become property names and JSON pointer segments, so keep them simple. */
export const FIELD_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Problems that make a designer model unfit to publish (empty list when fine); modelToSchema itself never throws on them. */
export function checkModel(model: FormModel): string[] {
  const problems: string[] = [];
  if (model.title.trim() === '') problems.push('the form needs a title');
  checkFields(model.fields, '', problems);
  return problems;
}

function checkFields(fields: readonly FieldModel[], prefix: string, problems: string[]): void {
  const ids = new Set<string>();
  for (const field of fields) {
    const where = `${prefix}${field.id}`;
    if (!FIELD_ID_PATTERN.test(field.id))
      problems.push(`${where}: id must start with a letter and use letters, digits, - or _`);
    if (ids.has(field.id)) problems.push(`${where}: id is used twice at the same level`);
    ids.add(field.id);
    if (field.label.trim() === '') problems.push(`${where}: label is empty`);
    const uses = FIELD_KIND_PROPERTIES[field.kind] as readonly string[];
    if ((field.kind === 'singleChoice' || field.kind === 'multiChoice') && !field.options?.length) {
      problems.push(`${where}: a choice needs at least one option`);
    }
    const values = (field.options ?? []).map((option) => option.value);
    if (new Set(values).size !== values.length) problems.push(`${where}: option values must be unique`);
    if (field.pattern !== undefined && uses.includes('pattern')) {
      const hazard = findRegexHazard(field.pattern);
      if (hazard) problems.push(`${where}: pattern ${hazard}`);
    }
    if ((field.kind === 'section' || field.kind === 'list') && !field.fields?.length) {
      problems.push(`${where}: a ${field.kind} needs at least one field`);
    }
    if (field.visibleWhen) {
      const controller = fields.find((sibling) => sibling.id === field.visibleWhen!.field);
      if (!controller)
        problems.push(
          `${where}: visibleWhen refers to ${field.visibleWhen.field}, which is not a sibling field`,
        );
      else if (controller === field) problems.push(`${where}: a field cannot depend on itself`);
    }
    if (field.fields) checkFields(field.fields, `${where}.`, problems);
  }
}
