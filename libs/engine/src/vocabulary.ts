import { assign } from 'xstate';
import { canonicalJson } from './definition-hash.util';
import { contextRelative, getPath, readScoped, resolveTemplates, setPath } from './context-path.util';

type Params = Record<string, unknown>;
type Ctx = Record<string, unknown>;
interface ActionArgs {
  context: Ctx;
  event: { type: string; data?: unknown; [key: string]: unknown };
}

/**
 * Names of the effect actions the compiler puts on states with `meta.*`. Authors cannot use them
 * directly, so every task/approval/subprocess is visible on a state's meta (and on the diagram).
 */
export const ENGINE_ACTIONS = {
  openTask: 'engine.openTask',
  cancelTasks: 'engine.cancelTasks',
  requestApproval: 'engine.requestApproval',
  cancelApproval: 'engine.cancelApproval',
  startChildren: 'engine.startChildren',
  cancelChildren: 'engine.cancelChildren',
  notify: 'engine.notify',
} as const;

/** Guard the compiler adds so a completion event is taken only by the state its `stateId` names. */
export const IS_FOR_STATE_GUARD = 'engine.isEventForState';

/** Actions authors may name in `entry`, `exit` and transition `actions`. */
export const AUTHOR_ACTIONS = [
  'assignFromForm',
  'setContext',
  'appendToContext',
  'notify',
  'setOutcome',
] as const;

/** Guards authors may name in transition `guard`. */
export const AUTHOR_GUARDS = ['fieldEquals', 'fieldNotEquals', 'contextEquals', 'contextNotEquals'] as const;

// Context changes are XState assigns, so they happen inside the pure transition.
const assignFromForm = assign(({ context, event }: ActionArgs, params: Params | undefined) => {
  const data = isObject(event.data) ? event.data : {};
  const to = typeof params?.to === 'string' ? contextRelative(params.to) : undefined;
  if (!to) return { ...context, ...data };
  const existing = getPath(context, to);
  return setPath(context, to, isObject(existing) ? { ...existing, ...data } : data);
});

const setContext = assign(({ context, event }: ActionArgs, params: Params | undefined) => {
  const values = resolveTemplates(params?.values ?? {}, { context, event });
  return { ...context, ...(values as Ctx) };
});

const appendToContext = assign(({ context, event }: ActionArgs, params: Params | undefined) => {
  const to = contextRelative(String(params?.to));
  const from = typeof params?.from === 'string' ? params.from : 'data';
  const item = getPath(event, from);
  const existing = getPath(context, to);
  return setPath(context, to, [...(Array.isArray(existing) ? existing : []), item]);
});

const setOutcome = assign(({ context }: ActionArgs, params: Params | undefined) => ({
  ...context,
  outcome: params?.outcome,
}));

// Effect actions do nothing when run; the engine turns them into Effect objects instead.
const noop = () => undefined;

/** Action implementations registered with `setup()`. */
export const actionImplementations = {
  assignFromForm,
  setContext,
  appendToContext,
  setOutcome,
  notify: noop,
  ...Object.fromEntries(Object.values(ENGINE_ACTIONS).map((name) => [name, noop])),
};

/** Guard implementations registered with `setup()`. */
export const guardImplementations = {
  fieldEquals: ({ event }: ActionArgs, params: Params) =>
    deepEqual(getPath(event.data, String(params.field)), params.value),
  fieldNotEquals: ({ event }: ActionArgs, params: Params) =>
    !deepEqual(getPath(event.data, String(params.field)), params.value),
  contextEquals: ({ context }: ActionArgs, params: Params) =>
    deepEqual(readScoped({ context }, String(params.path)), params.value),
  contextNotEquals: ({ context }: ActionArgs, params: Params) =>
    !deepEqual(readScoped({ context }, String(params.path)), params.value),
  // Strict: a completion event reaches its state only when it names it, so one region's done event
  // never moves another region waiting for the same event type.
  [IS_FOR_STATE_GUARD]: ({ event }: ActionArgs, params: Params) => event.stateId === params.stateId,
};

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return canonicalJson(a) === canonicalJson(b);
}
