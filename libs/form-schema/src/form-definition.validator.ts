import { checkSchema, isPlainObject } from './schema-check.validator';

export interface FormDefinitionInput {
  key: unknown;
  title: unknown;
  schema: unknown;
  uiSchema: unknown;
}

/** Form keys are kebab-case: lowercase words of letters and digits joined by single hyphens. */
export const FORM_KEY_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_KEY_LENGTH = 64;
const MAX_TITLE_LENGTH = 200;
const MAX_UI_SCHEMA_BYTES = 256 * 1024;

/** Validates a form definition at save time: kebab-case key, a title, a safe schema and a plain-JSON uiSchema. */
export function validateFormDefinition(
  definition: FormDefinitionInput,
): { ok: true } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const { key, title, schema, uiSchema } = definition;
  if (typeof key !== 'string' || key.length > MAX_KEY_LENGTH || !FORM_KEY_PATTERN.test(key)) {
    errors.push(`key must be kebab-case (e.g. "ai-risk-assessment"), at most ${MAX_KEY_LENGTH} characters`);
  }
  if (typeof title !== 'string' || title.trim() === '' || title.length > MAX_TITLE_LENGTH) {
    errors.push(`title must be a non-empty string of at most ${MAX_TITLE_LENGTH} characters`);
  }
  const schemaCheck = checkSchema(schema);
  if (!schemaCheck.ok) errors.push(...schemaCheck.errors.map((error) => `schema: ${error}`));
  errors.push(...checkUiSchema(uiSchema));
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}

/** A uiSchema must be plain JSON (no functions, class instances, cycles) within the size limit. */
export function checkUiSchema(uiSchema: unknown): string[] {
  if (!isPlainObject(uiSchema)) return ['uiSchema must be a JSON object'];
  const problem = findNonJson(uiSchema, 'ui#', new Set());
  if (problem) return [problem];
  const bytes = new TextEncoder().encode(JSON.stringify(uiSchema)).length;
  return bytes > MAX_UI_SCHEMA_BYTES
    ? [`uiSchema is ${bytes} bytes; the limit is ${MAX_UI_SCHEMA_BYTES}`]
    : [];
}

function findNonJson(value: unknown, path: string, ancestors: Set<unknown>): string | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${path}: numbers must be finite`;
  if (Array.isArray(value) || isPlainObject(value)) {
    if (ancestors.has(value)) return `${path}: uiSchema must not contain cycles`;
    if (ancestors.size >= 32) return `${path}: uiSchema nests too deeply`;
    ancestors.add(value);
    for (const [key, child] of Object.entries(value)) {
      const problem = findNonJson(child, `${path}/${key}`, ancestors);
      if (problem) return problem;
    }
    ancestors.delete(value);
    return null;
  }
  return `${path}: uiSchema must be plain JSON, found ${typeof value === 'object' ? 'a class instance' : `a ${typeof value}`}`;
}
