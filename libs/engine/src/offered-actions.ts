import type { AnyStateNode } from 'xstate';
import type { CompiledDefinition } from './definition.types';
import { reservedEvents } from './reserved-events';
import { activeStates, restoreSnapshot } from './run-instance';

/**
 * A signal a person sends to a process by hand (say "the inventory is complete"), declared on the
 * state that handles it as `meta.actions`, so the web app offers it as a button to the people who
 * may send events, instead of leaving it to an API call.
 */
export interface ActionMeta {
  /** The event sent; a transition of the same state handles it. Never an outcome event. */
  event: string;
  /** The button's words, e.g. "Inventory complete". */
  title: string;
  /** What it does, shown beside the button. */
  description?: string;
  /** Asked before sending (e.g. for an action that ends the programme). */
  confirm?: string;
  /** Shown when the state has the action but its guard does not let it through yet. */
  unavailableReason?: string;
}

export interface OfferedAction extends ActionMeta {
  /** The state that declares it. */
  stateId: string;
  /** Whether sending it now moves the process (its transition's guard passes). */
  available: boolean;
}

/** The actions of the instance's active states (the machine's own included), in document order. */
export function offeredActions(definition: CompiledDefinition, persistedSnapshot: unknown): OfferedAction[] {
  const snapshot = restoreSnapshot(definition, persistedSnapshot);
  if (snapshot.status !== 'active') return [];
  const nodes: AnyStateNode[] = [definition.machine.root, ...activeStates(snapshot)];
  return nodes.flatMap((node) =>
    declaredActions(node.meta).map((action) => ({
      ...action,
      stateId: node.id,
      available: snapshot.can({ type: action.event }),
    })),
  );
}

function declaredActions(meta: unknown): ActionMeta[] {
  const actions = (meta as { actions?: unknown } | undefined)?.actions;
  return Array.isArray(actions) ? (actions as ActionMeta[]) : [];
}

const EVENT_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Deploy-time problems of one state's `meta.actions` (the state's own `on` must handle each event). */
export function actionMetaErrors(meta: unknown, on: unknown, where: string): string[] {
  const actions = (meta as { actions?: unknown } | undefined)?.actions;
  if (actions === undefined) return [];
  if (!Array.isArray(actions)) return [`${where}: meta.actions must be a list`];
  const handled = new Set(Object.keys((on ?? {}) as object));
  return actions.flatMap((action: Partial<ActionMeta>, index) => {
    const at = `${where}: meta.actions[${index}]`;
    const errors: string[] = [];
    if (typeof action?.event !== 'string' || !EVENT_NAME.test(action.event))
      errors.push(`${at}.event must be an event name in capitals (e.g. "INVENTORY_COMPLETE")`);
    else if (!handled.has(action.event))
      errors.push(`${at}: this state has no transition "on.${action.event}"`);
    if (typeof action?.title !== 'string' || action.title.trim() === '')
      errors.push(`${at}.title is required`);
    for (const field of ['description', 'confirm', 'unavailableReason'] as const)
      if (action?.[field] !== undefined && typeof action[field] !== 'string')
        errors.push(`${at}.${field} must be text`);
    return errors;
  });
}

/** Actions that name an outcome event (only the server sends those). */
export function reservedActionErrors(definition: CompiledDefinition): string[] {
  const reserved = reservedEvents(definition);
  const errors: string[] = [];
  const visit = (node: AnyStateNode) => {
    for (const action of declaredActions(node.meta))
      if (reserved.has(action.event))
        errors.push(`${node.id}: meta.actions offers ${action.event}, an outcome only the server sends`);
    for (const child of Object.values(node.states)) visit(child);
  };
  visit(definition.machine.root);
  return errors;
}
