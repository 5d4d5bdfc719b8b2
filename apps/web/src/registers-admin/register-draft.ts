/** One top-level field of a published form, as the register designer offers it. */
export interface FormField {
  name: string;
  title: string;
  type: string;
  format?: string;
}

/** What the admin chose in the register designer. */
export interface RegisterDraftValues {
  key: string;
  title: string;
  clause: string;
  description: string;
  definition: string;
  /** State id as the settings list it: `definition.path.to.state`. */
  stateId: string;
  form: string;
  /** Form fields kept in the register, in the order shown. */
  fields: string[];
  /** The field whose value identifies a record (same value: same record), or `task` for one per task. */
  recordKey: string;
  recordedBy: boolean;
}

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** The top-level fields of a form's JSON Schema, in their order, with their titles. */
export function formFields(schema: Record<string, unknown>): FormField[] {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(properties).map(([name, property]) => ({
    name,
    title: typeof property.title === 'string' && property.title ? property.title : name,
    type: Array.isArray(property.type) ? String(property.type[0]) : String(property.type ?? 'string'),
    format: typeof property.format === 'string' ? property.format : undefined,
  }));
}

export function isRegisterKey(key: string): boolean {
  return KEBAB.test(key);
}

/**
 * The declaration the server validates and stores: one field per chosen form field (nullable, so
 * an unanswered optional question is not an invalid record), a column each, and one projection
 * from the chosen step. The server has the final say on every reference.
 */
export function toDeclaration(values: RegisterDraftValues, fields: FormField[]) {
  const chosen = fields.filter((f) => values.fields.includes(f.name));
  const properties: Record<string, unknown> = {};
  const set: Record<string, unknown> = {};
  for (const field of chosen) {
    const type = ['string', 'number', 'integer', 'boolean', 'array', 'object'].includes(field.type)
      ? field.type
      : 'string';
    properties[recordField(field)] = { type: [type, 'null'] };
    set[recordField(field)] = { first: [`submission.${field.name}`, { const: null }] };
  }
  if (values.recordedBy) {
    properties.recordedById = { type: ['string', 'null'] };
    set.recordedById = 'task.author';
  }
  const columns = [
    ...chosen.map((f) => ({ field: recordField(f), title: f.title, kind: columnKind(f) })),
    ...(values.recordedBy ? [{ field: 'recordedById', title: 'Recorded by', kind: 'person' }] : []),
    { field: 'updatedAt', title: 'Updated', kind: 'date' },
  ];
  const state = values.stateId.startsWith(`${values.definition}.`)
    ? values.stateId.slice(values.definition.length + 1)
    : values.stateId;
  return {
    key: values.key.trim(),
    title: values.title.trim(),
    ...(values.clause.trim() ? { clause: values.clause.trim() } : {}),
    ...(values.description.trim() ? { description: values.description.trim() } : {}),
    fields: { type: 'object', properties },
    columns,
    search: chosen.filter((f) => f.type === 'string' && f.format !== 'uuid').map((f) => f.name),
    projections: [
      {
        definition: values.definition,
        when: { taskCompleted: { form: values.form, state } },
        key: values.recordKey === 'task' ? 'task.id' : { lower: `submission.${values.recordKey}` },
        set,
      },
    ],
  };
}

/** A user picked in the form (a uuid) is kept as `<name>Id`, which the API shows as the person. */
function recordField(field: FormField): string {
  return field.format === 'uuid' ? `${field.name}Id` : field.name;
}

function columnKind(field: FormField): string {
  if (field.format === 'uuid') return 'person';
  if (field.type === 'boolean') return 'boolean';
  if (field.type === 'number' || field.type === 'integer') return 'number';
  if (field.format === 'date' || field.format === 'date-time') return 'date';
  if (field.type === 'array') return 'list';
  return 'text';
}
