import type { AnyStateNode } from 'xstate';
import type { CompiledDefinition, Effect } from './definition.types';
import { isIsoDuration, parseIsoDuration } from './iso-duration.util';
import { activeStates, restoreSnapshot, toEffect, toPersisted } from './run-instance';
import { ENGINE_ACTIONS } from './vocabulary';

/** What moving an instance onto a (new) definition version means, or why it cannot be done. */
export type MigrationPlan =
  | {
      ok: true;
      /** The persisted snapshot in the target version: store it as is. */
      snapshot: unknown;
      value: unknown;
      activeStateIds: string[];
      /** States entered by the migration (not active before). */
      enteredStateIds: string[];
      /** States active before and no longer active. */
      leftStateIds: string[];
      /** Exit effects of the states left, then entry effects of the states entered: apply in order. */
      effects: Effect[];
    }
  | { ok: false; errors: string[] };

const ENTRY_EFFECT_ACTIONS = new Set<string>([
  ENGINE_ACTIONS.openTask,
  ENGINE_ACTIONS.requestApproval,
  ENGINE_ACTIONS.startChildren,
  ENGINE_ACTIONS.notify,
  'notify',
]);

/**
 * Plans a migration: `snapshot` is the instance's persisted snapshot with its `value` already mapped
 * to the target version's states; `fromActiveStateIds` are the state ids active before. Returns the
 * target snapshot plus the effects the server applies as if the instance had left the old states
 * (`cancelTasks`/`cancelApproval`/`cancelChildren`/`cancelTimer`) and entered the new ones
 * (`openTask`/`requestApproval`/`startChildren`/`scheduleTimer`/`notify`). Author actions that
 * change the context (`setContext`, `assignFromForm`, …) are not re-run. Refused, with reasons:
 * an unknown state, a parallel state without a state for each region, entering a final state (the
 * instance would have to complete: cancel it instead) and entering a state with `always`.
 * `source` (the version the instance comes from) lets the timers of the states left be cancelled.
 */
export function planMigration(
  target: CompiledDefinition,
  fromActiveStateIds: string[],
  snapshot: unknown,
  source?: CompiledDefinition,
): MigrationPlan {
  const value = (snapshot as { value?: unknown } | null)?.value;
  const errors: string[] = [];
  checkValue(target.machine.root, value, errors);
  if (errors.length) return { ok: false, errors };
  let restored;
  try {
    restored = restoreSnapshot(target, snapshot);
  } catch (error) {
    return { ok: false, errors: [(error as Error).message] };
  }
  const before = new Set(fromActiveStateIds);
  const nodes = activeStates(restored);
  const activeStateIds = nodes.map((node) => node.id);
  const active = new Set(activeStateIds);
  const entered = nodes.filter((node) => !before.has(node.id)).sort((a, b) => a.order - b.order);
  for (const node of entered) {
    if (node.type === 'final') {
      errors.push(
        `${node.id} is a final state: the instance would have to complete. Cancel the instance instead.`,
      );
    }
    if (node.always?.length) {
      errors.push(`${node.id} moves on at once (always); map the instance to the state it leads to.`);
    }
  }
  if (errors.length) return { ok: false, errors };
  const left = fromActiveStateIds.filter((id) => !active.has(id));

  const effects: Effect[] = [];
  for (const stateId of [...left].reverse()) {
    effects.push({ type: 'cancelTasks', stateId });
    effects.push({ type: 'cancelApproval', stateId });
    effects.push({ type: 'cancelChildren', stateId });
    const node = findNode(source, stateId) ?? findNode(target, stateId);
    for (const key of afterKeys(node)) effects.push({ type: 'cancelTimer', timerId: afterId(key, stateId) });
  }
  const persisted = toPersisted(target, restored);
  const scope = { context: persisted.context, event: { type: 'aimsflow.migration' } };
  for (const node of entered) {
    for (const action of node.config.entry ? toArray(node.config.entry) : []) {
      const ref = typeof action === 'string' ? { type: action } : (action as { type?: unknown });
      if (typeof ref.type !== 'string' || !ENTRY_EFFECT_ACTIONS.has(ref.type)) continue;
      const effect = toEffect({ ...(ref as { type: string }), info: scope });
      if (effect) effects.push(effect);
    }
    for (const key of afterKeys(node)) {
      const delayMs = isIsoDuration(key) ? parseIsoDuration(key) : Number(key);
      const timerId = afterId(key, node.id);
      effects.push({ type: 'scheduleTimer', timerId, delayMs, event: { type: timerId } });
    }
  }
  return {
    ok: true,
    snapshot: persisted,
    value: persisted.value,
    activeStateIds,
    enteredStateIds: entered.map((node) => node.id),
    leftStateIds: left,
    effects,
  };
}

// A parallel state needs a state for every region; XState would silently fill in the initial ones.
function checkValue(node: AnyStateNode, value: unknown, errors: string[]): void {
  const children = node.states as Record<string, AnyStateNode>;
  const keys = Object.keys(children);
  if (node.type === 'parallel') {
    if (value === undefined) return; // entered as a whole: every region starts at its initial state
    if (typeof value !== 'object' || value === null) {
      errors.push(`${node.id} is parallel: give a state for each of its regions (${keys.join(', ')}).`);
      return;
    }
    const given = Object.keys(value);
    const missing = keys.filter((k) => !given.includes(k));
    const unknown = given.filter((k) => !keys.includes(k));
    if (missing.length)
      errors.push(`${node.id} is parallel: no state given for region ${missing.join(', ')}.`);
    if (unknown.length) errors.push(`${node.id} has no region ${unknown.join(', ')}.`);
    for (const key of given.filter((k) => keys.includes(k)))
      checkValue(children[key], (value as Record<string, unknown>)[key], errors);
    return;
  }
  if (value === undefined) return;
  if (typeof value === 'string') {
    if (!children[value]) errors.push(`State ${node.id}.${value} does not exist.`);
    return;
  }
  if (typeof value !== 'object' || value === null || Object.keys(value).length !== 1) {
    errors.push(`${node.id} takes exactly one child state, not ${JSON.stringify(value)}.`);
    return;
  }
  const [[key, childValue]] = Object.entries(value);
  if (!children[key]) errors.push(`State ${node.id}.${key} does not exist.`);
  else checkValue(children[key], childValue, errors);
}

function findNode(definition: CompiledDefinition | undefined, stateId: string): AnyStateNode | undefined {
  if (!definition) return undefined;
  try {
    return definition.machine.getStateNodeById(stateId);
  } catch {
    return undefined;
  }
}

function afterKeys(node: AnyStateNode | undefined): string[] {
  const after = node?.config.after;
  return after && typeof after === 'object' ? Object.keys(after) : [];
}

// XState's id for an `after` timer (and the event it raises): see createAfterEvent.
function afterId(delayKey: string, stateId: string): string {
  return `xstate.after.${delayKey}.${stateId}`;
}

function toArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}
