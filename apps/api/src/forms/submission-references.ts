/** Values in a submission that point at other records: users (user pickers) and evidence files. */
export interface SubmissionReferences {
  users: { path: string; id: string }[];
  evidence: { path: string; sha256: string }[];
}

type Schema = Record<string, any>;
type Ui = Record<string, any>;

// Merged once per schema object: merging per data object made wide item schemas × long arrays quadratic.
const mergedProperties = new WeakMap<Schema, Record<string, Schema>>();

/** Properties of an object schema, including those its conditional (`allOf` if/then/else) branches add. */
function propertiesOf(schema: Schema): Record<string, Schema> {
  const cached = mergedProperties.get(schema);
  if (cached) return cached;
  const merged: Record<string, Schema> = { ...(schema.properties ?? {}) };
  for (const branch of schema.allOf ?? []) {
    for (const part of [branch, branch?.then, branch?.else]) {
      for (const [key, sub] of Object.entries(part?.properties ?? {})) {
        if (!merged[key] || Object.keys(merged[key] as object).length === 0) merged[key] = sub as Schema;
      }
    }
  }
  mergedProperties.set(schema, merged);
  return merged;
}

/**
 * Finds the references in `data` by walking it alongside the form's schema and uiSchema (the designer
 * marks user pickers with `ui:widget: 'user'` and evidence with `ui:field: 'file'`).
 */
export function findReferences(schema: Schema, uiSchema: Ui, data: unknown): SubmissionReferences {
  const found: SubmissionReferences = { users: [], evidence: [] };
  const walk = (s: Schema | undefined, ui: Ui | undefined, value: unknown, path: string) => {
    if (value === null || value === undefined || !s) return;
    if (ui?.['ui:field'] === 'file') {
      const files = Array.isArray(value) ? value : [value];
      files.forEach((f, i) => {
        const sha256 = (f as { sha256?: unknown })?.sha256;
        if (typeof sha256 === 'string')
          found.evidence.push({ path: Array.isArray(value) ? `${path}/${i}` : path, sha256 });
      });
      return;
    }
    if (ui?.['ui:widget'] === 'user' && typeof value === 'string') {
      found.users.push({ path, id: value });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(s.items as Schema, ui?.items, item, `${path}/${i}`));
      return;
    }
    if (typeof value === 'object') {
      const props = propertiesOf(s);
      for (const [key, sub] of Object.entries(value as Record<string, unknown>)) {
        // Own properties only: a submitted key such as "constructor" must not reach Object.prototype.
        walk(Object.hasOwn(props, key) ? props[key] : undefined, ui?.[key], sub, `${path}/${key}`);
      }
    }
  };
  walk(schema, uiSchema, data, '');
  return found;
}
