import { getPath } from '../context-path.util';
import type { Expr, IfExpr, Projection, RecordWrite, RegisterDeclaration, StepFacts } from './register.types';

/** The record writes one applied step causes, in declaration order. Pure: no I/O. */
export function projectStep(registers: readonly RegisterDeclaration[], facts: StepFacts): RecordWrite[] {
  const writes: RecordWrite[] = [];
  for (const register of registers) {
    for (const projection of register.projections) {
      if (projection.definition !== facts.definitionKey) continue;
      for (const state of triggeredBy(projection, facts)) {
        const scope: Scope = { facts, state, item: undefined };
        const items = projection.each ? evaluate(projection.each, scope) : [undefined];
        if (!Array.isArray(items)) continue;
        for (const item of items) {
          const write = recordWrite(register.key, projection, { ...scope, item });
          if (write) writes.push(write);
        }
      }
    }
  }
  return writes;
}

/** The states (relative paths) for which the projection fires in this step; empty when it does not. */
function triggeredBy(projection: Projection, facts: StepFacts): string[] {
  const when = projection.when;
  if ('taskCompleted' in when) {
    const task = facts.task;
    if (!task || task.formKey !== when.taskCompleted.form) return [];
    if (when.taskCompleted.state && when.taskCompleted.state !== task.state) return [];
    return [task.state];
  }
  return facts.entered.filter((state) => when.entered.includes(state));
}

function recordWrite(register: string, projection: Projection, scope: Scope): RecordWrite | null {
  let recordKey: string | null = null;
  if (projection.all !== true) {
    const key = projection.key === undefined ? undefined : evaluate(projection.key, scope);
    if (isMissing(key) || (typeof key !== 'string' && typeof key !== 'number')) return null;
    recordKey = String(key);
  }
  const set: Record<string, unknown> = {};
  for (const [field, expr] of Object.entries(projection.set)) {
    const value = evaluate(expr, scope);
    if (value !== undefined) set[field] = value;
  }
  const write: RecordWrite = {
    register,
    recordKey,
    set,
    updateOnly: projection.updateOnly === true || projection.all === true,
  };
  if (projection.guard) write.guard = { field: projection.guard.field, in: projection.guard.in };
  return write;
}

interface Scope {
  facts: StepFacts;
  state: string;
  item: unknown;
}

/** Evaluates an expression; `undefined` means "found nothing" (the field is left as it is). */
export function evaluate(expr: Expr, scope: Scope): unknown {
  if (typeof expr === 'string') return readPath(expr, scope);
  if ('const' in expr) return expr.const;
  if ('first' in expr) {
    // The last candidate is the default, so `{ const: null }` there clears the field.
    let value: unknown;
    for (const candidate of expr.first) {
      value = evaluate(candidate, scope);
      if (!isMissing(value)) return value;
    }
    return value;
  }
  if ('lower' in expr) {
    const value = evaluate(expr.lower, scope);
    return typeof value === 'string' ? value.trim().toLowerCase() : value;
  }
  if ('multiply' in expr) {
    const factors = expr.multiply.map((e) => Number(evaluate(e, scope)));
    return factors.every(Number.isFinite) ? factors.reduce((a, b) => a * b, 1) : undefined;
  }
  if ('maxOf' in expr) {
    const list = evaluate(expr.maxOf, scope);
    if (!Array.isArray(list)) return undefined;
    const values = list.map((entry) => Number(getPath(entry, expr.field))).filter(Number.isFinite);
    return values.length ? Math.max(...values) : 0;
  }
  if ('fromState' in expr)
    return Object.hasOwn(expr.fromState, scope.state) ? expr.fromState[scope.state] : undefined;
  if ('if' in expr) {
    const chosen = holds(expr, evaluate(expr.if, scope)) ? expr.then : expr.else;
    return chosen === undefined ? undefined : evaluate(chosen, scope);
  }
  return undefined;
}

function holds(expr: IfExpr, value: unknown): boolean {
  if (Object.hasOwn(expr, 'equals')) return sameValue(value, expr.equals);
  if (typeof expr.matches === 'string')
    return (
      (typeof value === 'string' || typeof value === 'number') && regExp(expr.matches).test(String(value))
    );
  return !isMissing(value) && value !== false;
}

const patterns = new Map<string, RegExp>();
function regExp(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) {
    pattern = new RegExp(source);
    if (patterns.size > 500) patterns.clear();
    patterns.set(source, pattern);
  }
  return pattern;
}

/** JSON equality: what a declaration can write is JSON, so compare as JSON (a missing value equals nothing). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined) return false;
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The roots a path may start with, and what each reads. */
export const PATH_ROOTS = [
  'submission',
  'context',
  'item',
  'task',
  'instance',
  'state',
  'now',
  'today',
] as const;

function readPath(path: string, { facts, state, item }: Scope): unknown {
  const [root, ...rest] = path.split('.');
  const tail = rest.join('.');
  switch (root) {
    case 'submission':
      return facts.task ? getPath(facts.task.submission, tail) : undefined;
    case 'context':
      return getPath(facts.context, tail);
    case 'item':
      return getPath(item, tail);
    case 'task':
      if (!facts.task) return undefined;
      if (tail === 'id') return facts.task.id;
      if (tail === 'author') return facts.task.author ?? undefined;
      if (tail === 'completedBy') return facts.task.completedBy ?? undefined;
      return undefined;
    case 'instance':
      return tail === 'id' ? facts.instanceId : undefined;
    case 'state':
      return state;
    case 'now':
      return facts.now.toISOString();
    case 'today':
      return facts.now.toISOString().slice(0, 10);
    default:
      return undefined;
  }
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
