/**
 * A register is declared, not coded: what its records hold, how they are shown, and which steps of
 * which definitions write them. Declarations are pure data (JSON-serialisable), validated at deploy
 * against the definitions and forms they name, and applied by one generic projector.
 */
export interface RegisterDeclaration {
  /** kebab-case, stable: `risks`, `ai-systems`, `objectives`. */
  key: string;
  title: string;
  /** Where the standard asks for it, e.g. `6.2` or `6.1.2, 8.2`. */
  clause?: string;
  description?: string;
  /** JSON Schema (`type: object`) every record's data validates against after each write. */
  fields: RecordSchema;
  /** The list view's columns, in order. */
  columns: RegisterColumn[];
  /** Fields a list can be filtered on by exact value (enums, statuses, people). */
  filters?: string[];
  /** Fields the list's free-text search looks in. */
  search?: string[];
  /** The field that holds the record's status, and its vocabulary in display order. */
  status?: { field: string; values: Array<{ value: string; title: string }> };
  /** The list's default order (else the most recently changed first). */
  sort?: { field: string; order: 'asc' | 'desc' };
  /** Count grids over two integer fields 1…size, e.g. risk heat maps before and after treatment. */
  matrices?: RegisterMatrix[];
  projections: Projection[];
}

export interface RecordSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required?: string[];
  [keyword: string]: unknown;
}

export interface RegisterMatrix {
  title: string;
  rows: string;
  columns: string;
  size: number;
}

export type ColumnKind = 'text' | 'number' | 'date' | 'person' | 'status' | 'boolean' | 'list';

export interface RegisterColumn {
  field: string;
  title: string;
  kind?: ColumnKind;
}

/** When a projection applies: a task of a form completed (optionally in one state), or a state entered. */
export type ProjectionTrigger = { taskCompleted: { form: string; state?: string } } | { entered: string[] };

/**
 * "When definition D does X, create or update the record keyed by K with these fields."
 * Fields not in `set` keep their value; an expression that finds nothing writes nothing.
 */
export interface Projection {
  definition: string;
  when: ProjectionTrigger;
  /** Write one record per element of this array; `item.` names the element in expressions. */
  each?: string;
  /** The record's key; required unless `all`. */
  key?: Expr;
  set: Record<string, Expr>;
  /** Only change records that exist (e.g. consolidation notes on assessed gaps). */
  updateOnly?: boolean;
  /**
   * Only change an existing record whose `field` holds one of `in` (`null` stands for absent), e.g.
   * "a gap assessment drafts an SoA entry until the entry is decided". A new record is always written.
   */
  guard?: RecordGuard;
  /** Update every existing record of the register (the guard picks which), e.g. signing approves every decided entry. */
  all?: boolean;
}

export interface RecordGuard {
  field: string;
  in: unknown[];
}

/**
 * A value for a record field, computed from the step:
 * - a path: `submission.x.y`, `context.x`, `item.x` (with `each`), `task.id`, `task.author`
 *   (the accountable person: the assignee, also when a delegate completed it), `task.completedBy`,
 *   `instance.id`, `state` (the entered state's path), `now` (ISO timestamp), `today` (ISO date);
 * - `{ const: v }`; `{ first: [e…] }` the first that finds a non-empty value, else the last one's; `{ lower: e }`;
 *   `{ multiply: [e…] }`; `{ maxOf: e, field: 'f' }` the largest `f` over an array;
 *   `{ fromState: { state: v } }` the value for the state just entered.
 */
export type Expr =
  | string
  | { const: unknown }
  | { first: Expr[] }
  | { lower: Expr }
  | { multiply: Expr[] }
  | { maxOf: Expr; field: string }
  | { fromState: Record<string, unknown> }
  | IfExpr;

/**
 * `{ if: e, then: a, else: b }`: `a` when `e` holds, else `b` (nothing when there is no `else`).
 * `e` holds when it equals `equals`, or (as a string) matches the regular expression `matches`,
 * or, with neither, when it finds a value other than `false`.
 */
export interface IfExpr {
  if: Expr;
  equals?: unknown;
  matches?: string;
  then: Expr;
  else?: Expr;
}

/** What the projector needs to know about one applied step. */
export interface StepFacts {
  definitionKey: string;
  /** The task completed in this step, if any. */
  task?: {
    id: string;
    formKey: string;
    /** Relative state path of the task, e.g. `analysing` or `statementOfApplicability.signing`. */
    state: string;
    submission: unknown;
    author: string | null;
    completedBy: string | null;
  };
  /** Relative paths of the states this step entered (active now, not before). */
  entered: string[];
  context: unknown;
  instanceId: string;
  now: Date;
}

/** One record write the projector asks for. */
export interface RecordWrite {
  register: string;
  /** Null: every record of the register (a projection with `all`). */
  recordKey: string | null;
  set: Record<string, unknown>;
  updateOnly: boolean;
  guard?: RecordGuard;
}
