/**
 * A test stand-in for the server: starts an instance, applies its effects the way the server
 * does (tasks, approval chains, child instances, durable timers) and works them off one by one
 * through the pure engine until the instance is done. Children are simulated recursively with
 * the same rules, so a roadmap run drives every phase and every process they start.
 *
 * Approval chains run through the engine's approval reducer, the same rules the server applies:
 * levels in turn, any / all / quorum, and segregation of duties. The deciders are synthetic people,
 * one per slot of a level (any: 1, quorum n: n, all: 2), never the people who completed the tasks.
 */
import {
  activateLevel,
  createChain,
  decideApproval,
  compileDefinition,
  startInstance,
  step,
  type ApprovalChain,
  type ApprovalLevel,
  type ChainEffect,
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
  /** Every decision the simulated deciders made, and every level skipped, in order. */
  decisions: Array<{
    instanceOf: string;
    stateId: string;
    level: number;
    userId: string;
    decision: 'approve' | 'reject' | 'request-changes' | 'skipped';
  }>;
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
  /**
   * The people who may be asked at a level of a chain (its candidates); defaults to synthetic
   * people, one per slot. They decide in order; the reducer refuses those who may not decide.
   */
  approvers?: (
    level: ApprovalLevel,
    scope: { definitionKey: string; stateId: string; level: number },
  ) => string[];
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
  log: SimulationLog = { events: [], tasks: [], approvals: [], children: [], decisions: [] },
): Simulation {
  return run(definitions, key, input, options, log, []);
}

/** `ancestors` are the subtree completer sets of the instances above this one. */
function run(
  definitions: WorkflowDefinitionInput[],
  key: string,
  input: Record<string, unknown>,
  options: SimulationOptions,
  log: SimulationLog,
  ancestors: Set<string>[],
): Simulation {
  const definition = compile(definitions, key);
  const people: People = { own: new Set(), subtree: new Set(), author: null };
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
    const intercepted = options.intercept?.(work, { definitionKey: key, handled: count, result });
    const event =
      work.kind === 'approval' && (!intercepted || isOutcome(work.effect, intercepted))
        ? runChain(work.effect, key, options, log, people, intercepted)
        : (intercepted ?? defaultEvent(work, key, definitions, options, log, [...ancestors, people.subtree]));
    if (
      work.kind === 'task' &&
      event.type === work.effect.completeEvent &&
      typeof event.actorId === 'string'
    ) {
      for (const set of [people.own, people.subtree, ...ancestors]) set.add(event.actorId);
      people.author = event.actorId;
    }
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
  ancestors: Set<string>[],
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
      throw new Error('approvals run through runChain');
    case 'children': {
      const outputs = work.effect.inputs.map((input, index) => ({
        instanceId: `${work.effect.definitionKey}-${index}`,
        output: run(
          definitions,
          work.effect.definitionKey,
          input as Record<string, unknown>,
          options,
          log,
          ancestors,
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

interface People {
  /** Everyone who completed a task of the instance. */
  own: Set<string>;
  /** … or of one of its descendants. */
  subtree: Set<string>;
  /** The completer of the instance's latest task: the author of what is approved next. */
  author: string | null;
}

const isOutcome = (effect: RequestApproval, event: EngineEvent) =>
  event.type === effect.approvedEvent || event.type === effect.rejectedEvent;

/** Synthetic deciders: one per slot of the level. */
function syntheticApprovers(level: ApprovalLevel, stateId: string, levelNo: number): string[] {
  const slots = level.rule === 'any' ? 1 : level.rule === 'all' ? 2 : Math.max(1, level.rule.quorum);
  return Array.from({ length: slots }, (_, i) => `approver:${stateId}:${levelNo}:${i + 1}`);
}

/**
 * Runs an approval chain with the engine's reducer until it sends its outcome event. `wanted` is an
 * intercepted outcome: its rejected event makes the first decider of the current level reject with
 * the event's comment (or request changes when its data says so); otherwise everyone approves.
 */
function runChain(
  effect: RequestApproval,
  definitionKey: string,
  options: SimulationOptions,
  log: SimulationLog,
  people: People,
  wanted?: EngineEvent,
): EngineEvent {
  const approversAt = (levelNo: number) => {
    const level = effect.levels[levelNo - 1];
    return (
      options.approvers?.(level, { definitionKey, stateId: effect.stateId, level: levelNo }) ??
      syntheticApprovers(level, effect.stateId, levelNo)
    );
  };
  const roles = (levelNo: number) => {
    const role = effect.levels[levelNo - 1].role;
    return role ? [role] : [];
  };
  const facts = (userId: string) => ({
    candidateLevels: effect.levels.flatMap((_, i) => (approversAt(i + 1).includes(userId) ? [i + 1] : [])),
    completedStepOfSubject: completed(effect, people, userId),
  });
  let outcome: EngineEvent | undefined;
  let chain: ApprovalChain;
  const carryOut = (effects: ChainEffect[]) => {
    const queue = [...effects];
    for (let next = queue.shift(); next; next = queue.shift()) {
      if (next.type === 'activateLevel') {
        const candidates = approversAt(next.level);
        // As the server counts them: the level's candidates that no rule refuses.
        const eligibleCount = candidates.filter(
          (userId) => !refusedAnyway(chain, next.level, userId, completed(effect, people, userId)),
        ).length;
        const activated = activateLevel(chain, next.level, { eligibleCount });
        chain = activated.chain;
        queue.unshift(...activated.effects);
      } else if (next.type === 'levelSkipped') {
        log.decisions.push({
          instanceOf: definitionKey,
          stateId: effect.stateId,
          level: next.level,
          userId: '',
          decision: 'skipped',
        });
      } else if (next.type === 'recordDecision') {
        log.decisions.push({
          instanceOf: definitionKey,
          stateId: effect.stateId,
          level: next.level,
          userId: next.userId,
          decision: next.decision,
        });
      } else if (next.type === 'sendOutcome') outcome = next.event;
    }
  };
  const created = createChain({
    stateId: effect.stateId,
    levels: effect.levels,
    approvedEvent: effect.approvedEvent,
    rejectedEvent: effect.rejectedEvent,
    authorId: people.author,
    excludedUserIds: effect.excludedPeople ?? [],
  });
  chain = created.chain;
  carryOut(created.effects);
  const reject =
    wanted?.type === effect.rejectedEvent ? (wanted.data as Record<string, unknown> | undefined) : null;
  while (!outcome) {
    const levelNo = chain.currentLevel;
    let decided = false;
    for (const userId of approversAt(levelNo)) {
      const comment = reject ? String(reject.comment ?? reject.requestedChanges ?? 'rejected') : null;
      const decision = reject
        ? reject.decision === 'request-changes'
          ? ('request-changes' as const)
          : ('reject' as const)
        : ('approve' as const);
      const result = decideApproval(
        chain,
        { userId, roles: roles(levelNo), decision, comment },
        facts(userId),
      );
      if (result.refusal) continue;
      chain = result.chain;
      carryOut(result.effects);
      decided = true;
      if (outcome || chain.currentLevel !== levelNo) break;
    }
    if (!decided && !outcome)
      throw new Error(
        `${definitionKey}: the approval chain of ${effect.stateId} waits at level ${levelNo}: nobody may decide`,
      );
    if (!outcome && chain.currentLevel === levelNo)
      throw new Error(
        `${definitionKey}: level ${levelNo} of ${effect.stateId} cannot reach its rule with the people who may decide`,
      );
  }
  return outcome;
}

/** Whether the rules refuse `userId` at a level that is about to become current. */
function refusedAnyway(chain: ApprovalChain, levelNo: number, userId: string, completedStep: boolean) {
  const probe = decideApproval(
    { ...chain, currentLevel: levelNo, status: 'pending' },
    { userId, roles: [], decision: 'approve' },
    { candidateLevels: [levelNo], completedStepOfSubject: completedStep },
  );
  return !!probe.refusal;
}

/** As the server: completers of the instance, and of its descendants for a chain that signs them off. */
const completed = (effect: RequestApproval, people: People, userId: string) =>
  people.own.has(userId) || (!!effect.excludeChildCompleters && people.subtree.has(userId));
