/**
 * A test stand-in for the server: starts an instance, applies its effects the way the server
 * does (tasks, approval chains, child instances, durable timers) and works them off one by one
 * through the pure engine until the instance is done. Children are simulated recursively with
 * the same rules, so a roadmap run drives every phase and every process they start.
 */
import {
  compileDefinition,
  startInstance,
  step,
  type CompiledDefinition,
  type Effect,
  type EngineEvent,
  type StepResult,
  type WorkflowDefinitionInput,
} from '@aimsflow/engine';
import { builtInForms } from '@aimsflow/forms';

type OpenTask = Extract<Effect, { type: 'openTask' }>;
type RequestApproval = Extract<Effect, { type: 'requestApproval' }>;
type StartChildren = Extract<Effect, { type: 'startChildren' }>;
type ScheduleTimer = Extract<Effect, { type: 'scheduleTimer' }>;

/** The next piece of open work the simulator is about to act on. */
export type PendingWork =
  | { kind: 'task'; effect: OpenTask }
  | { kind: 'approval'; effect: RequestApproval }
  | { kind: 'children'; effect: StartChildren }
  | { kind: 'timer'; effect: ScheduleTimer };

/** What happened, across the instance and all its descendants, in order. */
export interface SimulationLog {
  /** `instanceOf` is the key of the definition whose instance sent, opened or started it. */
  events: Array<{ instanceOf: string; event: EngineEvent }>;
  tasks: Array<{ instanceOf: string } & OpenTask>;
  approvals: Array<{ instanceOf: string } & RequestApproval>;
  children: Array<{ instanceOf: string } & StartChildren>;
}

export interface SimulationOptions {
  /**
   * Overrides the default handling of a piece of work (submit a task with its form's first valid
   * example, approve an approval, run children, fire a timer): return the event to send instead.
   * `handled` counts how often work on that state was handled before in this instance.
   */
  intercept?: (
    work: PendingWork,
    scope: { definitionKey: string; handled: number; result: StepResult },
  ) => EngineEvent | undefined;
  /** Form data for a task; defaults to the first valid example of the task's form. */
  taskData?: (task: OpenTask, definitionKey: string) => unknown;
  /** Safety net against a loop that never ends; per instance. */
  maxEvents?: number;
}

export interface Simulation {
  result: StepResult;
  log: SimulationLog;
}

const compiled = new WeakMap<WorkflowDefinitionInput, CompiledDefinition>();

/** Runs an instance of `key` (and every child it starts) until it is done. */
export function simulate(
  definitions: WorkflowDefinitionInput[],
  key: string,
  input: Record<string, unknown> = {},
  options: SimulationOptions = {},
  log: SimulationLog = { events: [], tasks: [], approvals: [], children: [] },
): Simulation {
  const definition = compile(definitions, key);
  const open = new Map<string, PendingWork>();
  const handled = new Map<string, number>();
  const apply = (effects: Effect[]) => {
    for (const effect of effects) {
      if (effect.type === 'openTask') {
        open.set(`task:${effect.stateId}`, { kind: 'task', effect });
        log.tasks.push({ instanceOf: key, ...effect });
      } else if (effect.type === 'requestApproval') {
        open.set(`approval:${effect.stateId}`, { kind: 'approval', effect });
        log.approvals.push({ instanceOf: key, ...effect });
      } else if (effect.type === 'startChildren') {
        open.set(`children:${effect.stateId}`, { kind: 'children', effect });
        log.children.push({ instanceOf: key, ...effect });
      } else if (effect.type === 'scheduleTimer')
        open.set(`timer:${effect.timerId}`, { kind: 'timer', effect });
      else if (effect.type === 'cancelTasks') open.delete(`task:${effect.stateId}`);
      else if (effect.type === 'cancelApproval') open.delete(`approval:${effect.stateId}`);
      else if (effect.type === 'cancelChildren') open.delete(`children:${effect.stateId}`);
      else if (effect.type === 'cancelTimer') open.delete(`timer:${effect.timerId}`);
    }
  };

  let result = startInstance(definition, input);
  apply(result.effects);
  for (let sent = 0; result.status === 'active'; sent++) {
    if (sent >= (options.maxEvents ?? 500)) throw new Error(`${key}: still running after ${sent} events`);
    const work = nextWork(open);
    if (!work) throw new Error(`${key} is stuck in ${JSON.stringify(result.value)} with no open work`);
    const stateKey = work.kind === 'timer' ? work.effect.timerId : work.effect.stateId;
    const count = handled.get(stateKey) ?? 0;
    handled.set(stateKey, count + 1);
    const event =
      options.intercept?.(work, { definitionKey: key, handled: count, result }) ??
      defaultEvent(work, key, definitions, options, log);
    log.events.push({ instanceOf: key, event });
    // A JSON round trip, as the server stores the snapshot in a jsonb column.
    const next = step(definition, JSON.parse(JSON.stringify(result.snapshot)), event);
    if (!next.accepted) {
      throw new Error(`${key} refused ${event.type} in ${JSON.stringify(result.value)}`);
    }
    // An intercepted event may leave the work open (e.g. a timer that fired without a target).
    if (work.kind === 'timer') open.delete(`timer:${work.effect.timerId}`);
    result = next;
    apply(result.effects);
  }
  return { result, log };
}

function compile(definitions: WorkflowDefinitionInput[], key: string): CompiledDefinition {
  const input = definitions.find((definition) => definition.key === key);
  if (!input) throw new Error(`no definition "${key}"`);
  let definition = compiled.get(input);
  if (!definition) {
    definition = compileDefinition(input);
    compiled.set(input, definition);
  }
  return definition;
}

// People before machines: tasks and approvals first, then children, then the earliest timer.
function nextWork(open: Map<string, PendingWork>): PendingWork | undefined {
  const all = [...open.values()];
  const byKind = (kind: PendingWork['kind']) => all.filter((work) => work.kind === kind);
  const timers = byKind('timer') as Array<Extract<PendingWork, { kind: 'timer' }>>;
  timers.sort((a, b) => a.effect.delayMs - b.effect.delayMs);
  return byKind('task')[0] ?? byKind('approval')[0] ?? byKind('children')[0] ?? timers[0];
}

function defaultEvent(
  work: PendingWork,
  definitionKey: string,
  definitions: WorkflowDefinitionInput[],
  options: SimulationOptions,
  log: SimulationLog,
): EngineEvent {
  switch (work.kind) {
    case 'task': {
      const data = options.taskData?.(work.effect, definitionKey) ?? exampleData(work.effect.form);
      return {
        type: work.effect.completeEvent,
        taskId: `task-${log.tasks.length}`,
        stateId: work.effect.stateId,
        data,
        actorId: 'user-1',
      };
    }
    case 'approval':
      return { type: work.effect.approvedEvent, stateId: work.effect.stateId };
    case 'children': {
      const outputs = work.effect.inputs.map((input, index) => ({
        instanceId: `${work.effect.definitionKey}-${index}`,
        output: simulate(
          definitions,
          work.effect.definitionKey,
          input as Record<string, unknown>,
          options,
          log,
        ).result.output,
      }));
      return { type: work.effect.doneEvent, stateId: work.effect.stateId, outputs };
    }
    case 'timer':
      return work.effect.event;
  }
}

/** The first valid example submission of a built-in form. */
export function exampleData(formKey: string): unknown {
  const form = builtInForms.find((candidate) => candidate.key === formKey);
  const example = form?.examples.valid[0];
  if (!example) throw new Error(`form "${formKey}" has no valid example`);
  return structuredClone(example.data);
}
