import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateNode,
  type StateValue,
} from 'xstate';
import type { CompiledDefinition, Effect, EngineEvent, StepResult } from './definition.types';
import { readScoped, resolveTemplates, type TemplateScope } from './context-path.util';
import { ENGINE_ACTIONS } from './vocabulary';

interface ExecutableAction {
  type: string;
  params?: Record<string, unknown>;
  info?: { context?: unknown; event?: unknown };
}

interface SnapshotNode {
  id: string;
  type: string;
  parent?: SnapshotNode;
  meta?: { outcome?: unknown };
  config: { output?: unknown };
}

/** Starts an instance: the initial snapshot plus the effects of entering the initial states. */
export function startInstance(definition: CompiledDefinition, input?: Record<string, unknown>): StepResult {
  const [snapshot, actions] = initialTransition(definition.machine, input);
  return toResult(definition, snapshot, actions as ExecutableAction[], true);
}

/**
 * One pure engine step: restore the persisted snapshot, apply the event, return the new persisted
 * snapshot and the effects to apply. An event the current state does not accept changes nothing.
 */
export function step(
  definition: CompiledDefinition,
  persistedSnapshot: unknown,
  event: EngineEvent,
): StepResult {
  const restored = restore(definition, persistedSnapshot);
  if (!accepts(restored, event)) return toResult(definition, restored, [], false);
  const [next, actions] = transition(definition.machine, restored, event);
  return toResult(definition, next, actions as ExecutableAction[], true);
}

/** Whether the instance, in its current state, has an enabled transition for the event (guards included). */
export function isEventAccepted(
  definition: CompiledDefinition,
  persistedSnapshot: unknown,
  event: string | EngineEvent,
): boolean {
  return accepts(restore(definition, persistedSnapshot), typeof event === 'string' ? { type: event } : event);
}

/** Re-runs an instance from its input through every event; returns the last step's result. */
export function replay(
  definition: CompiledDefinition,
  input: Record<string, unknown> | undefined,
  events: EngineEvent[],
): StepResult {
  return events.reduce<StepResult>(
    (result, event) => step(definition, result.snapshot, event),
    startInstance(definition, input),
  );
}

function accepts(snapshot: AnyMachineSnapshot, event: EngineEvent): boolean {
  return snapshot.status === 'active' && snapshot.can(event);
}

/** Revives a persisted snapshot; throws when its value names states the definition does not have. */
export function restoreSnapshot(definition: CompiledDefinition, persisted: unknown): AnyMachineSnapshot {
  return restore(definition, persisted);
}

/** Every active state node of a snapshot, ancestors included, root excluded. */
export function activeStates(snapshot: AnyMachineSnapshot): AnyStateNode[] {
  return (snapshot as unknown as { _nodes: AnyStateNode[] })._nodes.filter((node) => node.parent);
}

/** The ids of the active states of a persisted snapshot (ancestors included, root excluded). */
export function activeStateIds(definition: CompiledDefinition, persisted: unknown): string[] {
  return activeStates(restore(definition, persisted)).map((node) => node.id);
}

/** XState's persisted snapshot as plain JSON (what a jsonb column stores). */
export function toPersisted(
  definition: CompiledDefinition,
  snapshot: AnyMachineSnapshot,
): { value: StateValue; context: unknown; output?: unknown; [key: string]: unknown } {
  // A JSON round trip drops `undefined` fields, so what we return is exactly what a jsonb column stores.
  return JSON.parse(JSON.stringify(definition.machine.getPersistedSnapshot(snapshot)));
}

function restore(definition: CompiledDefinition, persisted: unknown): AnyMachineSnapshot {
  if (!persisted || typeof persisted !== 'object' || !('value' in persisted)) {
    throw new Error(`Not a persisted snapshot of "${definition.key}"`);
  }
  // restoreSnapshot revives the context in place; clone so the caller's object stays untouched.
  // The actor scope is only used to revive child actors, which definitions cannot declare.
  return definition.machine.restoreSnapshot(
    structuredClone(persisted) as never,
    {} as never,
  ) as AnyMachineSnapshot;
}

function toResult(
  definition: CompiledDefinition,
  snapshot: AnyMachineSnapshot,
  actions: ExecutableAction[],
  accepted: boolean,
): StepResult {
  const persisted = toPersisted(definition, snapshot);
  const nodes = (snapshot as unknown as { _nodes: SnapshotNode[] })._nodes;
  const result: StepResult = {
    snapshot: persisted,
    value: persisted.value,
    status: snapshot.status === 'stopped' ? 'done' : snapshot.status,
    context: persisted.context,
    effects: actions.map(toEffect).filter((effect): effect is Effect => effect !== undefined),
    activeStateIds: nodes.filter((node) => node.parent).map((node) => node.id),
    accepted,
  };
  if (snapshot.status === 'done') {
    const finalNode = nodes.find((node) => node.type === 'final' && node.parent && !node.parent.parent);
    const scope = { context: persisted.context };
    const output = resolveTemplates(persisted.output ?? finalNode?.config.output, scope);
    if (output !== undefined) result.output = output;
    const outcome = finalNode?.meta?.outcome ?? (persisted.context as { outcome?: unknown })?.outcome;
    if (typeof outcome === 'string') result.outcome = outcome;
  }
  return result;
}

/** The effect an engine action stands for (undefined for author actions that only change the context). */
export function toEffect(action: ExecutableAction): Effect | undefined {
  const params = action.params ?? {};
  const scope: TemplateScope = { context: action.info?.context, event: action.info?.event };
  const stateId = String(params.stateId);
  switch (action.type) {
    case ENGINE_ACTIONS.openTask:
      return { type: 'openTask', ...(resolveTemplates(params, scope) as object) } as Effect;
    case ENGINE_ACTIONS.cancelTasks:
      return { type: 'cancelTasks', stateId };
    case ENGINE_ACTIONS.requestApproval:
      return {
        type: 'requestApproval',
        stateId,
        levels: resolveTemplates(params.levels, scope),
        ...(typeof params.title === 'string' ? { title: String(resolveTemplates(params.title, scope)) } : {}),
        ...(typeof params.subject === 'string' ? { subject: readScoped(scope, params.subject) } : {}),
        ...(Array.isArray(params.excludePeople)
          ? { excludedPeople: namedPeople(params.excludePeople, scope) }
          : {}),
        ...(params.excludeChildCompleters === true ? { excludeChildCompleters: true } : {}),
        approvedEvent: params.approvedEvent,
        rejectedEvent: params.rejectedEvent,
      } as Effect;
    case ENGINE_ACTIONS.cancelApproval:
      return { type: 'cancelApproval', stateId };
    case ENGINE_ACTIONS.startChildren:
      return {
        type: 'startChildren',
        stateId,
        definitionKey: params.definitionKey,
        inputs: childInputs(params, scope),
        completion: params.completion,
        doneEvent: params.doneEvent,
      } as Effect;
    case ENGINE_ACTIONS.cancelChildren:
      return { type: 'cancelChildren', stateId };
    case ENGINE_ACTIONS.notify:
    case 'notify':
      return {
        type: 'notify',
        ...(params.stateId ? { stateId } : {}),
        to: resolveTemplates(params.to, scope),
        template: String(params.template),
        ...(params.data !== undefined ? { data: resolveTemplates(params.data, scope) } : {}),
      };
    // Delayed raises are XState `after` timers: the server stores them and sends the event back.
    case 'xstate.raise':
      if (typeof params.delay !== 'number') return undefined;
      return {
        type: 'scheduleTimer',
        timerId: String(params.id),
        delayMs: params.delay,
        event: params.event as { type: string },
      };
    case 'xstate.cancel':
      return { type: 'cancelTimer', timerId: String(params.sendId) };
    default:
      return undefined;
  }
}

function namedPeople(paths: unknown[], scope: TemplateScope): string[] {
  return paths
    .map((path) => (typeof path === 'string' ? readScoped(scope, path) : undefined))
    .filter((person): person is string => typeof person === 'string' && person.length > 0);
}

function childInputs(params: Record<string, unknown>, scope: TemplateScope): unknown[] {
  const input = (resolveTemplates(params.input ?? {}, scope) ?? {}) as Record<string, unknown>;
  if (typeof params.forEach !== 'string') return [input];
  const items = readScoped(scope, params.forEach);
  return Array.isArray(items) ? items.map((item) => ({ ...input, item })) : [];
}
