import type { ApprovalMeta, CompiledDefinition, SubprocessMeta, TaskMeta } from './definition.types';
import { DEFAULT_EVENTS, forEachState } from './compile-definition';

/** Who sends a reserved event: the server, when a task, approval chain or sub-process is done. */
export interface ReservedEvent {
  type: string;
  stateId: string;
  kind: 'task' | 'approval' | 'subprocess';
}

/**
 * The outcome events of a definition: every task's `completeEvent`, every approval's
 * `approvedEvent`/`rejectedEvent` and every sub-process `doneEvent` (defaults included), each with
 * the states it belongs to. Only the server sends them; a client sending one is refused.
 */
export function reservedEvents(definition: CompiledDefinition): Map<string, ReservedEvent[]> {
  let reserved = cache.get(definition);
  if (reserved) return reserved;
  const found = new Map<string, ReservedEvent[]>();
  const add = (type: string, stateId: string, kind: ReservedEvent['kind']) =>
    found.set(type, [...(found.get(type) ?? []), { type, stateId, kind }]);
  forEachState(definition.config, definition.key, (state, stateId) => {
    const meta = (state.meta ?? {}) as {
      task?: TaskMeta;
      approval?: ApprovalMeta;
      subprocess?: SubprocessMeta;
    };
    if (meta.task) add(meta.task.completeEvent ?? DEFAULT_EVENTS.taskComplete, stateId, 'task');
    if (meta.approval) {
      add(meta.approval.approvedEvent ?? DEFAULT_EVENTS.approved, stateId, 'approval');
      add(meta.approval.rejectedEvent ?? DEFAULT_EVENTS.rejected, stateId, 'approval');
    }
    if (meta.subprocess) add(meta.subprocess.doneEvent ?? DEFAULT_EVENTS.childrenDone, stateId, 'subprocess');
  });
  reserved = found;
  cache.set(definition, reserved);
  return reserved;
}

// A compiled definition never changes, so its reserved events are worked out once.
const cache = new WeakMap<CompiledDefinition, Map<string, ReservedEvent[]>>();

/** Why a client may not send `eventType` to an instance of the definition; undefined when it may. */
export function reservedEventReason(definition: CompiledDefinition, eventType: string): string | undefined {
  const owners = reservedEvents(definition).get(eventType);
  if (!owners) return undefined;
  const of = (kind: ReservedEvent['kind'], what: string) => {
    const states = owners.filter((o) => o.kind === kind).map((o) => o.stateId);
    return states.length ? [`${what} of state${states.length > 1 ? 's' : ''} ${states.join(', ')}`] : [];
  };
  const roles = [
    ...of('approval', 'the approval chain'),
    ...of('task', 'the task'),
    ...of('subprocess', 'the sub-processes'),
  ];
  return `${eventType} is the outcome of ${roles.join(' and of ')}; only the server sends it.`;
}
