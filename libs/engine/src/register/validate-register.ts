import { forEachState } from '../compile-definition';
import type { MachineConfig } from '../definition.types';
import { PATH_ROOTS } from './projection';
import type { Expr, IfExpr, Projection, RecordGuard, RegisterDeclaration } from './register.types';

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const TASK_FIELDS = new Set(['id', 'author', 'completedBy']);
/** Record fields every register has besides its declared ones (columns may show them). */
export const SYSTEM_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt']);

export interface RegisterLookups {
  /** The machine a definition runs (the version being deployed when that is the one checked). */
  machine(definitionKey: string): MachineConfig | undefined;
  /** A form's JSON Schema (its newest published version), or undefined when there is no such form. */
  formSchema(formKey: string): Record<string, unknown> | undefined;
}

/** Every reason a declaration cannot be deployed; empty when it can. */
export function validateRegister(register: RegisterDeclaration, lookups: RegisterLookups): string[] {
  const errors: string[] = [];
  const at = `register ${JSON.stringify(register.key)}`;
  if (typeof register.key !== 'string' || !KEBAB_CASE.test(register.key))
    errors.push(`${at}: the key must be kebab-case`);
  if (typeof register.title !== 'string' || !register.title.trim()) errors.push(`${at}: a title is required`);
  const fields = register.fields?.properties;
  if (register.fields?.type !== 'object' || !fields || typeof fields !== 'object') {
    errors.push(`${at}: fields must be a JSON Schema of type "object" with properties`);
    return errors;
  }
  const known = (field: string) => Object.hasOwn(fields, field) || SYSTEM_FIELDS.has(field);
  if (!Array.isArray(register.columns) || register.columns.length === 0)
    errors.push(`${at}: at least one column is required`);
  for (const column of register.columns ?? [])
    if (!known(column.field)) errors.push(`${at}: column ${JSON.stringify(column.field)} is not a field`);
  for (const field of [...(register.filters ?? []), ...(register.search ?? [])])
    if (!known(field)) errors.push(`${at}: filter or search field ${JSON.stringify(field)} is not a field`);
  if (register.status && !Object.hasOwn(fields, register.status.field))
    errors.push(`${at}: status field ${JSON.stringify(register.status.field)} is not a field`);
  if (register.sort && !known(register.sort.field))
    errors.push(`${at}: sort field ${JSON.stringify(register.sort.field)} is not a field`);
  for (const matrix of register.matrices ?? []) {
    for (const field of [matrix.rows, matrix.columns])
      if (!Object.hasOwn(fields, field))
        errors.push(`${at}: matrix field ${JSON.stringify(field)} is not a field`);
    if (!Number.isInteger(matrix.size) || matrix.size < 2 || matrix.size > 10)
      errors.push(`${at}: a matrix is 2 to 10 cells wide`);
  }
  (register.projections ?? []).forEach((projection, index) => {
    const machine = lookups.machine(projection.definition);
    if (!machine) {
      errors.push(
        `${at}, projection ${index + 1}: definition ${JSON.stringify(projection.definition)} does not exist`,
      );
      return;
    }
    errors.push(
      ...projectionErrors(register, projection, machine, lookups.formSchema).map(
        (e) => `${at}, projection ${index + 1}: ${e}`,
      ),
    );
  });
  return errors;
}

/**
 * What is wrong with one projection against one machine: run when the register is deployed and
 * again whenever the definition it names is, so a renamed state or form is refused there and then.
 */
export function projectionErrors(
  register: RegisterDeclaration,
  projection: Projection,
  machine: MachineConfig,
  formSchema: RegisterLookups['formSchema'],
): string[] {
  const errors: string[] = [];
  const states = statesOf(machine, projection.definition);
  const when = projection.when;
  let form: Record<string, unknown> | undefined;
  let hasTask = false;
  let enteredStates: string[] = [];
  if (when && 'taskCompleted' in when) {
    hasTask = true;
    const { form: formKey, state } = when.taskCompleted;
    const tasksOfForm = [...states].filter(([, f]) => f === formKey).map(([s]) => s);
    if (state !== undefined && !states.has(state))
      errors.push(`state ${JSON.stringify(state)} does not exist in ${projection.definition}`);
    else if (state !== undefined && states.get(state) !== formKey)
      errors.push(
        `state ${JSON.stringify(state)} of ${projection.definition} is not a task of form ${formKey}`,
      );
    else if (tasksOfForm.length === 0)
      errors.push(`${projection.definition} has no task of form ${JSON.stringify(formKey)}`);
    form = formSchema(formKey);
    if (!form) errors.push(`form ${JSON.stringify(formKey)} does not exist`);
  } else if (when && Array.isArray(when.entered) && when.entered.length) {
    enteredStates = when.entered;
    for (const state of when.entered)
      if (!states.has(state))
        errors.push(`state ${JSON.stringify(state)} does not exist in ${projection.definition}`);
  } else {
    errors.push('"when" must be {taskCompleted: {form, state?}} or {entered: [states]}');
  }
  for (const field of Object.keys(projection.set ?? {}))
    if (!Object.hasOwn(register.fields.properties, field))
      errors.push(`sets ${JSON.stringify(field)}, which is not a field of the register`);
  const itemSchema = projection.each ? arrayItems(projection.each, form) : undefined;
  const check = (expr: Expr, where: string) =>
    errors.push(
      ...exprErrors(expr, { form, hasTask, hasEach: !!projection.each, itemSchema, enteredStates }).map(
        (e) => `${where}: ${e}`,
      ),
    );
  if (projection.each) check(projection.each, 'each');
  if (projection.all !== undefined && projection.all !== true) errors.push('"all" can only be true');
  if (projection.all === true) {
    if (projection.key !== undefined || projection.each)
      errors.push('a projection onto all records has no key and no "each"');
  } else if (projection.key === undefined) errors.push('a key is required');
  else check(projection.key, 'key');
  if (projection.guard !== undefined) errors.push(...guardErrors(register, projection.guard));
  for (const [field, expr] of Object.entries(projection.set ?? {})) check(expr, `set.${field}`);
  return errors;
}

interface ExprScope {
  form: Record<string, unknown> | undefined;
  hasTask: boolean;
  hasEach: boolean;
  /** Schema of one `each` element when it comes from the submission; undefined when unknown. */
  itemSchema: Record<string, unknown> | undefined;
  enteredStates: string[];
}

function exprErrors(expr: Expr, scope: ExprScope): string[] {
  if (typeof expr === 'string') return pathErrors(expr, scope);
  if (!expr || typeof expr !== 'object') return [`${JSON.stringify(expr)} is not an expression`];
  if ('const' in expr) return [];
  if ('first' in expr && Array.isArray(expr.first)) return expr.first.flatMap((e) => exprErrors(e, scope));
  if ('lower' in expr) return exprErrors(expr.lower, scope);
  if ('multiply' in expr && Array.isArray(expr.multiply))
    return expr.multiply.flatMap((e) => exprErrors(e, scope));
  if ('maxOf' in expr && typeof expr.field === 'string') return exprErrors(expr.maxOf, scope);
  if ('if' in expr) return ifErrors(expr, scope);
  if ('fromState' in expr && expr.fromState && typeof expr.fromState === 'object')
    return Object.keys(expr.fromState)
      .filter((state) => !scope.enteredStates.includes(state))
      .map((state) => `fromState names ${JSON.stringify(state)}, which the projection is not triggered by`);
  return [`${JSON.stringify(expr)} is not an expression`];
}

function ifErrors(expr: IfExpr, scope: ExprScope): string[] {
  const errors: string[] = [];
  if (expr.then === undefined) errors.push('"if" needs "then"');
  if (Object.hasOwn(expr, 'equals') && expr.matches !== undefined)
    errors.push('"if" takes "equals" or "matches", not both');
  if (expr.matches !== undefined) {
    if (typeof expr.matches !== 'string') errors.push('"matches" must be a regular expression (a string)');
    else
      try {
        new RegExp(expr.matches);
      } catch {
        errors.push(`"matches" ${JSON.stringify(expr.matches)} is not a valid regular expression`);
      }
  }
  for (const part of [expr.if, expr.then, expr.else])
    if (part !== undefined) errors.push(...exprErrors(part, scope));
  return errors;
}

/** A guard names a field of the register and the values an existing record may hold for the write to apply. */
function guardErrors(register: RegisterDeclaration, guard: RecordGuard): string[] {
  if (!guard || typeof guard !== 'object' || typeof guard.field !== 'string')
    return ['"guard" must be {field, in: [values]}'];
  const errors: string[] = [];
  if (!Object.hasOwn(register.fields.properties, guard.field))
    errors.push(`guard field ${JSON.stringify(guard.field)} is not a field of the register`);
  if (!Array.isArray(guard.in) || guard.in.length === 0)
    errors.push('guard "in" must list at least one value');
  return errors;
}

function pathErrors(path: string, scope: ExprScope): string[] {
  const [root, ...rest] = path.split('.');
  if (!(PATH_ROOTS as readonly string[]).includes(root))
    return [`${JSON.stringify(path)} must start with one of ${PATH_ROOTS.join(', ')}`];
  if ((root === 'submission' || root === 'task') && !scope.hasTask)
    return [`${JSON.stringify(path)} needs a completed task, and this projection fires on entering a state`];
  if (root === 'task' && !TASK_FIELDS.has(rest.join('.')))
    return [`${JSON.stringify(path)}: a task has ${[...TASK_FIELDS].join(', ')}`];
  if (root === 'item' && !scope.hasEach) return [`${JSON.stringify(path)} is only available with "each"`];
  if (root === 'submission' && scope.form && !schemaHas(scope.form, rest))
    return [`${JSON.stringify(path)}: the form has no such field`];
  if (root === 'item' && scope.itemSchema && !schemaHas(scope.itemSchema, rest))
    return [`${JSON.stringify(path)}: the array's items have no such field`];
  return [];
}

/** Whether a path can exist in data valid against the schema (open objects accept anything below). */
function schemaHas(schema: Record<string, unknown>, path: string[]): boolean {
  let current: Record<string, unknown> | undefined = schema;
  for (const segment of path) {
    if (!current) return false;
    const items = current.items as Record<string, unknown> | undefined;
    const property = propertyOf(current, segment);
    if (property) current = property;
    else if (items && /^\d+$/.test(segment)) current = items;
    else if (!hasProperties(current) && !items) return true;
    else if (current.additionalProperties && typeof current.additionalProperties === 'object')
      current = current.additionalProperties as Record<string, unknown>;
    else return false;
  }
  return true;
}

/** Subschemas whose properties also describe the object (conditional and combined fields). */
function branches(schema: Record<string, unknown>): Record<string, unknown>[] {
  const list = ['allOf', 'anyOf', 'oneOf'].flatMap((k) =>
    Array.isArray(schema[k]) ? (schema[k] as Record<string, unknown>[]) : [],
  );
  for (const k of ['then', 'else'])
    if (schema[k] && typeof schema[k] === 'object') list.push(schema[k] as Record<string, unknown>);
  return list;
}

function propertyOf(schema: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (properties && Object.hasOwn(properties, name)) return properties[name];
  for (const branch of branches(schema)) {
    const found = propertyOf(branch, name);
    if (found) return found;
  }
  return undefined;
}

function hasProperties(schema: Record<string, unknown>): boolean {
  return !!schema.properties || branches(schema).some(hasProperties);
}

function arrayItems(
  each: string,
  form: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const [root, ...rest] = each.split('.');
  if (root !== 'submission' || !form) return undefined;
  let current: Record<string, unknown> | undefined = form;
  for (const segment of rest) current = current && propertyOf(current, segment);
  return current?.items as Record<string, unknown> | undefined;
}

/** Relative state path → the form of its task (null for states that are not tasks). */
export function statesOf(machine: MachineConfig, definitionKey: string): Map<string, string | null> {
  const states = new Map<string, string | null>();
  forEachState(machine, definitionKey, (state, _id, path) => {
    if (path.length === 0) return;
    const task = (state.meta as { task?: { form?: string } } | undefined)?.task;
    states.set(path.join('.'), typeof task?.form === 'string' ? task.form : null);
  });
  return states;
}
