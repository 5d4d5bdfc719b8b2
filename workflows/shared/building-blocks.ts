/**
 * Small builders for the states every programme definition repeats (a task, a draft-then-approve
 * block, a phase gate). They return plain JSON data, so a definition built with them is still
 * just data: the engine, the server and the diagram only ever see the resulting objects.
 */

type State = Record<string, unknown>;

export type ApprovalLevel = { role: string; rule: 'any' | 'all'; skipWhenNoneEligible?: boolean };

/** Sign-off by top management alone (scope, leadership commitment, residual risk). */
export const TOP_MANAGEMENT_SIGN_OFF: ApprovalLevel[] = [{ role: 'top-management', rule: 'all' }];

/** The AIMS manager checks, then every top manager signs (phase gates, policy, SoA). */
export const MANAGER_THEN_TOP_MANAGEMENT: ApprovalLevel[] = [
  { role: 'aims-manager', rule: 'any' },
  { role: 'top-management', rule: 'all' },
];

/**
 * A phase gate's chain: the AIMS manager check, then every top manager signs. Nobody who completed a
 * step of the phase (or of a process it started) decides, so in a small organisation whose only AIMS
 * manager did the phase's work the manager level has nobody eligible: it is skipped (and recorded as
 * skipped, with the reason) and top management signs alone. Top management is never skipped.
 */
export const PHASE_GATE_LEVELS: ApprovalLevel[] = [
  { role: 'aims-manager', rule: 'any', skipWhenNoneEligible: true },
  { role: 'top-management', rule: 'all' },
];

export interface TaskOptions {
  form: string;
  title: string;
  /** Where in the context the submitted form data is kept, e.g. `scope` or `records.competence`. */
  saveTo: string;
  /** The state entered when the task is completed. */
  next: string;
  candidateRole?: string;
  assignee?: string;
  dueIn?: string;
  /** Shown on the diagram and the roadmap page; which clause or control the step serves. */
  description?: string;
}

/** A human task whose completion stores the form data at `saveTo` and moves on to `next`. */
export function taskState(options: TaskOptions): State {
  const { form, title, saveTo, next, candidateRole, assignee, dueIn, description } = options;
  return {
    meta: {
      ...(description ? { description } : {}),
      task: {
        form,
        title,
        ...(assignee ? { assignee } : {}),
        ...(candidateRole ? { candidateRole } : {}),
        ...(dueIn ? { dueIn } : {}),
      },
    },
    on: { SUBMIT: { target: next, actions: [{ type: 'assignFromForm', params: { to: saveTo } }] } },
  };
}

/** A region or step that is one task and then done: `{ initial: 'working', states: { working, done } }`. */
export function singleTask(options: Omit<TaskOptions, 'next'>): State {
  return {
    initial: 'working',
    states: { working: taskState({ ...options, next: 'done' }), done: { type: 'final' } },
  };
}

export interface DraftAndApproveOptions extends Omit<TaskOptions, 'next'> {
  levels: ApprovalLevel[];
}

/**
 * Someone drafts (a task), approvers sign (an approval chain); a rejection sends the draft back
 * with the approvers' comments appended to `reviews.<saveTo>`. Ends in its own final state.
 */
export function draftAndApprove(options: DraftAndApproveOptions): State {
  const { levels, ...task } = options;
  return {
    initial: 'drafting',
    states: {
      drafting: taskState({ ...task, next: 'approving' }),
      approving: {
        meta: { approval: { levels, subject: `context.${task.saveTo}` } },
        on: {
          APPROVED: 'approved',
          REJECTED: {
            target: 'drafting',
            actions: [{ type: 'appendToContext', params: { to: `reviews.${task.saveTo}` } }],
          },
        },
      },
      approved: { type: 'final' },
    },
  };
}

export interface GateOptions {
  /** Heading of what is being signed, e.g. `Phase 1 — Plan & Prepare`. */
  title: string;
  /** The state entered when the gate is approved. */
  passed: string;
  /** Notification template sent to top management when the gate opens. */
  notifyTemplate?: string;
}

/**
 * A phase gate (`PHASE_GATE_LEVELS`): the AIMS manager checks and top management signs the whole phase record; a
 * rejection opens a rework task for the AIMS manager and then the gate again. Returns the two
 * states `gate` and `rework` to spread into a `states` object.
 */
export function gateStates(options: GateOptions): { gate: State; rework: State } {
  return {
    gate: {
      meta: {
        description: `Sign-off of ${options.title}`,
        // The gate signs the whole phase record, the work of the processes the phase started included.
        approval: { levels: PHASE_GATE_LEVELS, subject: 'context', excludeChildCompleters: true },
        notify: {
          to: 'top-management',
          template: options.notifyTemplate ?? 'phase-gate-ready',
          data: { title: options.title },
        },
      },
      on: {
        APPROVED: options.passed,
        REJECTED: { target: 'rework', actions: [{ type: 'appendToContext', params: { to: 'gateReviews' } }] },
      },
    },
    rework: {
      meta: {
        description: 'Address the comments the gate review left, then ask for sign-off again',
        task: {
          form: 'generic-task',
          title: `Rework ${options.title} after the gate review`,
          candidateRole: 'aims-manager',
          dueIn: 'P14D',
        },
      },
      on: { SUBMIT: { target: 'gate', actions: [{ type: 'appendToContext', params: { to: 'rework' } }] } },
    },
  };
}

export interface ChildOptions {
  definitionKey: string;
  /** Top-level context key for the result: one child's output, or every child's with `forEach`. */
  saveTo: string;
  next: string;
  description?: string;
  input?: Record<string, unknown>;
  /** Context path of an array: one child per item. */
  forEach?: string;
  /** Give parallel subprocess states distinct done events, so one cannot complete the other. */
  doneEvent?: string;
}

/** A subprocess state that runs one child (or one per `forEach` item) and keeps the result. */
export function childState(options: ChildOptions): State {
  const { definitionKey, saveTo, next, description, input, forEach, doneEvent = 'CHILDREN_DONE' } = options;
  return {
    meta: {
      ...(description ? { description } : {}),
      subprocess: {
        definitionKey,
        ...(forEach ? { forEach } : {}),
        ...(input ? { input } : {}),
        ...(doneEvent !== 'CHILDREN_DONE' ? { doneEvent } : {}),
      },
    },
    on: {
      [doneEvent]: {
        target: next,
        actions: [
          {
            type: 'setContext',
            // A single child's output as is; a multi-instance state keeps every child's output.
            params: { values: { [saveTo]: forEach ? '{{event.outputs}}' : '{{event.outputs.0.output}}' } },
          },
        ],
      },
    },
  };
}

/** A region that runs one child process (or one per `forEach` item) and is then done. */
export function childRegion(options: Omit<ChildOptions, 'next'>): State {
  return {
    initial: 'running',
    states: { running: childState({ ...options, next: 'done' }), done: { type: 'final' } },
  };
}
