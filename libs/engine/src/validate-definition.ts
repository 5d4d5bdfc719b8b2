import type { AnyStateMachine } from 'xstate';
import { buildMachine } from './compile-definition';
import type {
  CompiledDefinition,
  DefinitionLookups,
  MachineConfig,
  ValidationResult,
  WorkflowDefinitionInput,
} from './definition.types';
import { isIsoDuration } from './iso-duration.util';
import { actionMetaErrors, reservedActionErrors } from './offered-actions';
import { AUTHOR_ACTIONS, AUTHOR_GUARDS } from './vocabulary';

const KEBAB_CASE = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const TRANSITION_KEYS = ['on', 'after', 'always', 'onDone'] as const;

type StateConfig = Record<string, unknown>;
// StateNode's public typing hides what reachability needs; this is the slice we read.
interface Node {
  key: string;
  id: string;
  type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  path: string[];
  parent?: Node;
  states: Record<string, Node>;
  config: { target?: string };
  transitions: Map<string, Array<{ target?: Node[] }>>;
  always?: Array<{ target?: Node[] }>;
  initial?: { target: Node[] };
}

/** Checks a definition (data, vocabulary, delays, referenced keys, reachability) and compiles it. */
export function validateDefinition(
  input: WorkflowDefinitionInput,
  lookups: DefinitionLookups = {},
): ValidationResult {
  const errors: string[] = [];
  if (!input || typeof input !== 'object') return { ok: false, errors: ['definition must be an object'] };
  if (typeof input.key !== 'string' || !KEBAB_CASE.test(input.key)) {
    errors.push(`key "${String(input.key)}" must be kebab-case (e.g. "document-approval")`);
  }
  if (typeof input.name !== 'string' || input.name.trim() === '')
    errors.push('name must be a non-empty string');
  if (!input.machine || typeof input.machine !== 'object' || Array.isArray(input.machine)) {
    return { ok: false, errors: [...errors, 'machine must be an object (an XState machine config)'] };
  }
  checkJson(input.machine, 'machine', errors);
  if (errors.length) return { ok: false, errors };

  checkState(input.machine, [], lookups, errors);
  if (lookups.templateExists)
    for (const template of notificationTemplates(input.machine))
      if (!lookups.templateExists(template))
        errors.push(`notification template "${template}" does not exist`);
  if (errors.length) return { ok: false, errors };

  let machine: AnyStateMachine;
  try {
    machine = buildMachine(input.machine, input.key);
  } catch (error) {
    const message = (error as Error).message;
    const culprits = statesWithTargetIn(input.machine, message);
    const where = culprits.length ? `${culprits.map((path) => label(path)).join(', ')}: ` : '';
    return { ok: false, errors: [`${where}XState cannot build the machine: ${message}`] };
  }
  checkReachability(machine, errors);
  const definition = { key: input.key, name: input.name, config: input.machine, machine };
  errors.push(...reservedActionErrors(definition));
  if (errors.length) return { ok: false, errors };
  return { ok: true, definition };
}

/** Validates and compiles, throwing a DefinitionError listing every problem. */
export function compileDefinition(
  input: WorkflowDefinitionInput,
  lookups?: DefinitionLookups,
): CompiledDefinition {
  const result = validateDefinition(input, lookups);
  if (!result.ok) throw new DefinitionError(input?.key, result.errors);
  return result.definition;
}

/** Thrown by compileDefinition; `errors` are the same messages validateDefinition returns. */
export class DefinitionError extends Error {
  constructor(
    readonly definitionKey: string | undefined,
    readonly errors: string[],
  ) {
    super(`Invalid workflow definition "${definitionKey}":\n- ${errors.join('\n- ')}`);
    this.name = 'DefinitionError';
  }
}

/** Every notification template a machine names: in `meta.notify` and in `notify` actions anywhere. */
export function notificationTemplates(machine: unknown): string[] {
  const found = new Set<string>();
  const visit = (node: unknown, key?: string) => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const params = o.params as { template?: unknown } | undefined;
    if (o.type === 'notify' && typeof params?.template === 'string') found.add(params.template);
    if (key === 'notify' && typeof o.template === 'string') found.add(o.template);
    for (const [k, v] of Object.entries(o)) visit(v, k);
  };
  visit(machine);
  return [...found].sort();
}

/** Form keys and child definition keys a machine refers to, so a server can preload its lookups. */
export function referencedKeys(machine: MachineConfig): { forms: string[]; definitions: string[] } {
  const forms = new Set<string>();
  const definitions = new Set<string>();
  const visit = (state: StateConfig) => {
    const meta = (state.meta ?? {}) as Record<string, { form?: unknown; definitionKey?: unknown }>;
    if (typeof meta.task?.form === 'string') forms.add(meta.task.form);
    if (typeof meta.subprocess?.definitionKey === 'string') definitions.add(meta.subprocess.definitionKey);
    Object.values((state.states ?? {}) as Record<string, StateConfig>).forEach(visit);
  };
  visit(machine);
  return { forms: [...forms], definitions: [...definitions] };
}

// XState names the bad target but not always the state declaring it; find that state for the message.
function statesWithTargetIn(machine: MachineConfig, message: string): string[][] {
  const found: string[][] = [];
  const visit = (state: StateConfig, path: string[]) => {
    const targets: string[] = [];
    const collect = (t: unknown) => {
      if (typeof t === 'string') targets.push(t);
      else if (Array.isArray(t)) t.forEach(collect);
      else if (t && typeof t === 'object') collect((t as { target?: unknown }).target);
    };
    for (const key of TRANSITION_KEYS) {
      const block = state[key];
      if (key === 'on' || key === 'after') Object.values((block ?? {}) as object).forEach(collect);
      else collect(block);
    }
    if (targets.some((target) => message.includes(`'${target.replace(/^\./, '')}'`))) found.push(path);
    for (const [key, child] of Object.entries((state.states ?? {}) as Record<string, StateConfig>)) {
      visit(child, [...path, key]);
    }
  };
  visit(machine, []);
  return found;
}

function label(path: string[]): string {
  return path.length ? `state "${path.join('.')}"` : 'root state';
}

function checkJson(value: unknown, where: string, errors: string[]): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) errors.push(`${where}: ${value} is not JSON`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkJson(item, `${where}[${index}]`, errors));
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) checkJson(item, `${where}.${key}`, errors);
    return;
  }
  const kind = typeof value === 'object' ? ((value as object).constructor?.name ?? 'object') : typeof value;
  errors.push(`${where}: a ${kind} is not JSON; definitions must be plain data`);
}

function checkState(state: StateConfig, path: string[], lookups: DefinitionLookups, errors: string[]): void {
  const where = label(path);
  if (state.invoke !== undefined)
    errors.push(`${where}: "invoke" is not supported; declare meta.subprocess instead`);
  checkActions(state.entry, `${where} entry`, errors);
  checkActions(state.exit, `${where} exit`, errors);
  for (const key of TRANSITION_KEYS) {
    const block = state[key];
    if (block === undefined) continue;
    if (key === 'on' || key === 'after') {
      for (const [eventOrDelay, transitions] of Object.entries(block as Record<string, unknown>)) {
        if (key === 'after' && !isIsoDuration(eventOrDelay) && !/^\d+$/.test(eventOrDelay)) {
          errors.push(
            `${where}: delay "${eventOrDelay}" is neither an ISO-8601 duration (e.g. "P14D") nor milliseconds`,
          );
        }
        checkTransitions(transitions, `${where} ${key} "${eventOrDelay}"`, errors);
      }
    } else {
      checkTransitions(block, `${where} ${key}`, errors);
    }
  }
  checkMeta((state.meta ?? {}) as Record<string, unknown>, where, lookups, errors);
  errors.push(...actionMetaErrors(state.meta, state.on, where));
  for (const [childKey, child] of Object.entries((state.states ?? {}) as Record<string, StateConfig>)) {
    if (!child || typeof child !== 'object') {
      errors.push(`${label([...path, childKey])}: must be an object`);
      continue;
    }
    checkState(child, [...path, childKey], lookups, errors);
  }
}

function checkTransitions(transitions: unknown, where: string, errors: string[]): void {
  for (const transition of Array.isArray(transitions) ? transitions : [transitions]) {
    if (transition === undefined || transition === null || typeof transition === 'string') continue;
    const t = transition as { guard?: unknown; actions?: unknown };
    if (t.guard !== undefined) checkNamed(t.guard, 'guard', AUTHOR_GUARDS, where, errors);
    checkActions(t.actions, where, errors);
  }
}

function checkActions(actions: unknown, where: string, errors: string[]): void {
  if (actions === undefined) return;
  for (const action of Array.isArray(actions) ? actions : [actions]) {
    const name = checkNamed(action, 'action', AUTHOR_ACTIONS, where, errors);
    if (name)
      checkActionParams(name, (action as { params?: Record<string, unknown> }).params ?? {}, where, errors);
  }
}

function checkNamed(
  ref: unknown,
  kind: string,
  vocabulary: readonly string[],
  where: string,
  errors: string[],
) {
  const name = typeof ref === 'string' ? ref : (ref as { type?: unknown })?.type;
  if (typeof name !== 'string') {
    errors.push(`${where}: ${kind} must be a name or { type, params }`);
    return undefined;
  }
  if (!vocabulary.includes(name)) {
    errors.push(`${where}: unknown ${kind} "${name}" (allowed: ${vocabulary.join(', ')})`);
    return undefined;
  }
  const params = typeof ref === 'string' ? {} : ((ref as { params?: Record<string, unknown> }).params ?? {});
  if (kind === 'guard') {
    const needed = name.startsWith('field') ? 'field' : 'path';
    if (typeof params[needed] !== 'string') errors.push(`${where}: guard "${name}" needs params.${needed}`);
  }
  return name;
}

function checkActionParams(
  name: string,
  params: Record<string, unknown>,
  where: string,
  errors: string[],
): void {
  const need = (field: string, type: string) => {
    if (typeof params[field] !== type)
      errors.push(`${where}: action "${name}" needs params.${field} (${type})`);
  };
  if (name === 'setContext') need('values', 'object');
  if (name === 'appendToContext') need('to', 'string');
  if (name === 'setOutcome') need('outcome', 'string');
  if (name === 'notify') {
    need('to', 'string');
    need('template', 'string');
  }
}

function checkMeta(
  meta: Record<string, unknown>,
  where: string,
  lookups: DefinitionLookups,
  errors: string[],
): void {
  const task = meta.task as Record<string, unknown> | undefined;
  if (task) {
    if (typeof task.form !== 'string' || !task.form) errors.push(`${where}: meta.task.form is required`);
    else if (lookups.formExists && !lookups.formExists(task.form)) {
      errors.push(`${where}: meta.task.form "${task.form}" does not exist`);
    }
    if (task.dueIn !== undefined && (typeof task.dueIn !== 'string' || !isIsoDuration(task.dueIn))) {
      errors.push(`${where}: meta.task.dueIn "${String(task.dueIn)}" is not an ISO-8601 duration`);
    }
  }
  const subprocess = meta.subprocess as Record<string, unknown> | undefined;
  if (subprocess) {
    const key = subprocess.definitionKey;
    if (typeof key !== 'string' || !key) errors.push(`${where}: meta.subprocess.definitionKey is required`);
    else if (lookups.definitionExists && !lookups.definitionExists(key)) {
      errors.push(`${where}: meta.subprocess.definitionKey "${key}" does not exist`);
    }
    const completion = subprocess.completion;
    if (
      completion !== undefined &&
      completion !== 'all' &&
      !(
        typeof (completion as { quorum?: unknown })?.quorum === 'number' &&
        (completion as { quorum: number }).quorum > 0
      )
    ) {
      errors.push(`${where}: meta.subprocess.completion must be "all" or { quorum: n > 0 }`);
    }
  }
  const approval = meta.approval as
    | { levels?: unknown; title?: unknown; excludePeople?: unknown; excludeChildCompleters?: unknown }
    | undefined;
  if (approval) {
    if (approval.title !== undefined && !(typeof approval.title === 'string' && approval.title.trim()))
      errors.push(`${where}: meta.approval.title must be a text that is not empty`);
    if (approval.excludeChildCompleters !== undefined && typeof approval.excludeChildCompleters !== 'boolean')
      errors.push(`${where}: meta.approval.excludeChildCompleters must be true or false`);
    const exclude = approval.excludePeople;
    if (
      exclude !== undefined &&
      !(Array.isArray(exclude) && exclude.every((p) => typeof p === 'string' && p.startsWith('context.')))
    )
      errors.push(`${where}: meta.approval.excludePeople must be a list of context paths (context.…)`);
    if (!Array.isArray(approval.levels) || approval.levels.length === 0) {
      errors.push(`${where}: meta.approval.levels must be a non-empty array`);
    } else {
      const levels = approval.levels as Array<{
        rule?: unknown;
        role?: unknown;
        skipWhenNoneEligible?: unknown;
      }>;
      levels.forEach((level, index) => {
        const rule = level?.rule;
        const valid =
          rule === 'any' || rule === 'all' || typeof (rule as { quorum?: unknown })?.quorum === 'number';
        if (!valid)
          errors.push(`${where}: meta.approval.levels[${index}].rule must be "any", "all" or { quorum: n }`);
        const skip = level?.skipWhenNoneEligible;
        if (skip !== undefined && typeof skip !== 'boolean')
          errors.push(`${where}: meta.approval.levels[${index}].skipWhenNoneEligible must be true or false`);
        else if (skip === true && (index === levels.length - 1 || level.role === 'top-management'))
          errors.push(
            `${where}: meta.approval.levels[${index}].skipWhenNoneEligible is not allowed on the last level or a top-management level`,
          );
      });
    }
  }
  if (meta.notify !== undefined) {
    const notify = meta.notify as Record<string, unknown>;
    if (typeof notify?.to !== 'string' || typeof notify?.template !== 'string') {
      errors.push(`${where}: meta.notify needs "to" and "template"`);
    }
  }
}

function checkReachability(machine: AnyStateMachine, errors: string[]): void {
  const root = machine.root as unknown as Node;
  const all: Node[] = [];
  const collect = (node: Node) => {
    all.push(node);
    Object.values(node.states).forEach(collect);
  };
  collect(root);

  // XState resolves targets lazily; touching them here turns a bad target into a validation error.
  const targetsOf = new Map<Node, Node[]>();
  for (const node of all) {
    try {
      const targets: Node[] = [];
      for (const list of node.transitions.values()) list.forEach((t) => targets.push(...(t.target ?? [])));
      (node.always ?? []).forEach((t) => targets.push(...(t.target ?? [])));
      targetsOf.set(node, targets);
    } catch (error) {
      errors.push(`${label(node.path)}: ${(error as Error).message}`);
    }
  }
  if (errors.length) return;

  const reached = new Set<Node>();
  const entered = new Set<Node>();
  const pending: Node[] = [];
  const markReached = (node: Node) => {
    if (reached.has(node)) return;
    reached.add(node);
    pending.push(node);
  };
  // A node may be active only as an ancestor; entering it as a target still enters its initial child.
  const enter = (node: Node): void => {
    if (entered.has(node)) return;
    entered.add(node);
    markReached(node);
    for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
      markReached(parent);
      if (parent.type === 'parallel')
        regions(parent)
          .filter((r) => r !== child)
          .forEach(enter);
    }
    if (node.type === 'compound') (node.initial?.target ?? []).forEach(enter);
    if (node.type === 'parallel') regions(node).forEach(enter);
    if (node.type === 'history' && node.parent) {
      // Restoring history lands on a state visited before, or on the default target the first time.
      const fallback = node.config.target ? node.parent.states[node.config.target.split('.')[0]] : undefined;
      if (fallback) enter(fallback);
      else if (node.parent.type === 'parallel') regions(node.parent).forEach(enter);
      else (node.parent.initial?.target ?? []).forEach(enter);
    }
  };
  enter(root);
  while (pending.length) (targetsOf.get(pending.pop() as Node) ?? []).forEach(enter);

  for (const node of all) {
    if (!reached.has(node)) {
      errors.push(
        `${label(node.path)} is unreachable${node.type === 'final' ? ' (a final state no transition leads to)' : ''}`,
      );
    }
  }
  if (!canFinish(root, reached)) errors.push('no reachable final state: the workflow could never end');
}

function canFinish(node: Node, reached: Set<Node>): boolean {
  const children = regions(node).filter((child) => reached.has(child));
  if (node.type === 'parallel') return children.every((child) => canFinish(child, reached));
  return children.some((child) => child.type === 'final');
}

// History pseudo-states are children in XState's tree but never regions or resting places.
function regions(node: Node): Node[] {
  return Object.values(node.states).filter((child) => child.type !== 'history');
}
