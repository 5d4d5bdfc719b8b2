import { and, setup, type AnyStateMachine } from 'xstate';
import type { ApprovalMeta, MachineConfig, SubprocessMeta, TaskMeta } from './definition.types';
import { isIsoDuration, parseIsoDuration } from './iso-duration.util';
import {
  ENGINE_ACTIONS,
  IS_FOR_STATE_GUARD,
  actionImplementations,
  guardImplementations,
} from './vocabulary';

type StateConfig = Record<string, unknown>;
type ActionRef = string | { type: string; params?: unknown };

/** Default event names the server sends back to a state. */
export const DEFAULT_EVENTS = {
  taskComplete: 'SUBMIT',
  approved: 'APPROVED',
  rejected: 'REJECTED',
  childrenDone: 'CHILDREN_DONE',
} as const;

/** Id XState gives a state node: the machine id, then the path of keys (or the node's own `id`). */
export function machineId(config: MachineConfig, fallback: string): string {
  return typeof config.id === 'string' ? config.id : fallback;
}

/** The id the engine gives a state config at `path` (mirrors StateNode.id: an explicit id wins below the root). */
export function stateNodeId(state: Record<string, unknown>, rootId: string, path: string[]): string {
  return path.length && typeof state.id === 'string' ? state.id : [rootId, ...path].join('.');
}

/** Visits every state config of a machine, the root first, with the id the engine gives it. */
export function forEachState(
  machine: MachineConfig,
  key: string,
  visit: (state: Record<string, unknown>, stateId: string, path: string[]) => void,
): void {
  const rootId = machineId(machine, key);
  const walk = (state: Record<string, unknown>, path: string[]) => {
    visit(state, stateNodeId(state, rootId, path), path);
    for (const [childKey, child] of Object.entries((state.states ?? {}) as Record<string, unknown>)) {
      if (child && typeof child === 'object') walk(child as Record<string, unknown>, [...path, childKey]);
    }
  };
  walk(machine, []);
}

/**
 * Turns a data-only definition into an XState machine: `meta.*` become entry/exit effect actions,
 * ISO `after` keys become named delays, and the static `context` is merged with the start input.
 */
export function buildMachine(config: MachineConfig, key: string): AnyStateMachine {
  const id = machineId(config, key);
  const delays: Record<string, number> = {};
  const compiled = compileState(config, id, [], delays);
  const staticContext = (config.context ?? {}) as Record<string, unknown>;
  compiled.id = id;
  compiled.context = ({ input }: { input?: Record<string, unknown> }) => ({
    ...structuredClone(staticContext),
    ...(input ?? {}),
  });
  // The config is dynamic data, so XState's static typing cannot help here.
  return setup({
    actions: actionImplementations as never,
    guards: guardImplementations as never,
    delays,
  }).createMachine(compiled as never) as unknown as AnyStateMachine;
}

function compileState(
  state: StateConfig,
  rootId: string,
  path: string[],
  delays: Record<string, number>,
): StateConfig {
  const stateId = stateNodeId(state, rootId, path);
  const out: StateConfig = { ...state };
  const meta = (state.meta ?? {}) as Record<string, unknown>;
  const entry: ActionRef[] = [...toArray(state.entry as ActionRef | ActionRef[] | undefined)];
  const exit: ActionRef[] = [];
  const scopedEvents: string[] = [];

  // Author entry actions run first, so effects see the context they set (e.g. an assignee).
  const task = meta.task as TaskMeta | undefined;
  if (task) {
    const completeEvent = task.completeEvent ?? DEFAULT_EVENTS.taskComplete;
    entry.push({
      type: ENGINE_ACTIONS.openTask,
      params: {
        stateId,
        ...task,
        completeEvent,
        ...(task.dueIn ? { dueInMs: parseIsoDuration(task.dueIn) } : {}),
      },
    });
    exit.push({ type: ENGINE_ACTIONS.cancelTasks, params: { stateId } });
    scopedEvents.push(completeEvent);
  }
  const approval = meta.approval as ApprovalMeta | undefined;
  if (approval) {
    const approvedEvent = approval.approvedEvent ?? DEFAULT_EVENTS.approved;
    const rejectedEvent = approval.rejectedEvent ?? DEFAULT_EVENTS.rejected;
    entry.push({
      type: ENGINE_ACTIONS.requestApproval,
      params: { stateId, ...approval, approvedEvent, rejectedEvent },
    });
    exit.push({ type: ENGINE_ACTIONS.cancelApproval, params: { stateId } });
    scopedEvents.push(approvedEvent, rejectedEvent);
  }
  const subprocess = meta.subprocess as SubprocessMeta | undefined;
  if (subprocess) {
    const doneEvent = subprocess.doneEvent ?? DEFAULT_EVENTS.childrenDone;
    entry.push({
      type: ENGINE_ACTIONS.startChildren,
      params: { stateId, ...subprocess, completion: subprocess.completion ?? 'all', doneEvent },
    });
    exit.push({ type: ENGINE_ACTIONS.cancelChildren, params: { stateId } });
    scopedEvents.push(doneEvent);
  }
  if (meta.notify)
    entry.push({ type: ENGINE_ACTIONS.notify, params: { stateId, ...(meta.notify as object) } });
  exit.push(...toArray(state.exit as ActionRef | ActionRef[] | undefined));

  if (entry.length) out.entry = entry;
  if (exit.length) out.exit = exit;

  if (state.on && scopedEvents.length) {
    const on = { ...(state.on as Record<string, unknown>) };
    for (const eventType of scopedEvents) {
      if (on[eventType] !== undefined && on[eventType] !== null)
        on[eventType] = scopeTransitions(on[eventType], stateId);
    }
    out.on = on;
  }

  if (state.after && typeof state.after === 'object') {
    for (const delayKey of Object.keys(state.after)) {
      if (isIsoDuration(delayKey)) delays[delayKey] = parseIsoDuration(delayKey);
    }
  }

  if (state.states && typeof state.states === 'object') {
    out.states = Object.fromEntries(
      Object.entries(state.states as Record<string, StateConfig>).map(([childKey, child]) => [
        childKey,
        compileState(child, rootId, [...path, childKey], delays),
      ]),
    );
  }
  return out;
}

// Two parallel task states may both wait for SUBMIT; the task's stateId decides which one moves.
function scopeTransitions(transitions: unknown, stateId: string): unknown[] {
  const stateGuard = { type: IS_FOR_STATE_GUARD, params: { stateId } };
  return toArray(transitions).map((transition) => {
    const normalized = (
      typeof transition === 'string' ? { target: transition } : { ...(transition as object) }
    ) as {
      guard?: unknown;
    };
    normalized.guard = normalized.guard ? and([stateGuard, normalized.guard as never]) : stateGuard;
    return normalized;
  });
}

function toArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
