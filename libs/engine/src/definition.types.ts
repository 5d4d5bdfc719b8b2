import type { AnyStateMachine, StateValue } from 'xstate';

/** A JSON value: what definitions, contexts, events and snapshots are made of. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A state-machine config as plain data (an XState v5 config without functions). */
export type MachineConfig = Record<string, unknown>;

/** What an author writes (and what the server stores as a definition version). */
export interface WorkflowDefinitionInput {
  /** kebab-case, stable across versions, e.g. `document-approval`. */
  key: string;
  name: string;
  machine: MachineConfig;
}

/** A validated definition bound to an XState machine; build once per version and cache it. */
export interface CompiledDefinition {
  key: string;
  name: string;
  /** The config exactly as authored (still pure data). */
  config: MachineConfig;
  /** The executable machine; never persist this. */
  machine: AnyStateMachine;
}

/** `meta.task`: the state is a human task. */
export interface TaskMeta {
  form: string;
  title?: string;
  /** A user id or a template such as `{{context.ownerId}}`. */
  assignee?: string;
  candidateRole?: string;
  candidateGroup?: string;
  /** ISO-8601 duration, e.g. `P14D`. */
  dueIn?: string;
  priority?: number;
  /** Event the server sends when the task is completed; default `SUBMIT`. */
  completeEvent?: string;
}

export type ApprovalRule = 'any' | 'all' | { quorum: number };

export interface ApprovalLevel {
  role?: string;
  group?: string;
  users?: string[];
  rule: ApprovalRule;
  /**
   * Skip this level when nobody may decide at it once it becomes current (every candidate authored or
   * completed a step of the subject, is excluded, or there is none), e.g. the AIMS manager check of a
   * small organisation's phase gate. Never allowed on the last level or a top-management level.
   */
  skipWhenNoneEligible?: boolean;
}

/** `meta.approval`: the state waits for an approval chain run by the server. */
export interface ApprovalMeta {
  levels: ApprovalLevel[];
  /**
   * What the decision is about, as the inbox and the task page name it, e.g. `Sign the minutes:
   * {{context.title}}` (templates read the context when the chain starts). Without it: "Approve".
   */
  title?: string;
  /** Context path of what is being approved, e.g. `context.document`. */
  subject?: string;
  /** Context paths naming people who may not decide at any level, e.g. `context.assessment.riskOwner`. */
  excludePeople?: string[];
  /**
   * The subject signs off the work of the instance's sub-processes too (a phase gate): everyone who
   * completed a step of a descendant instance may not decide either.
   */
  excludeChildCompleters?: boolean;
  approvedEvent?: string;
  rejectedEvent?: string;
}

/** `meta.subprocess`: the state runs one or more child instances. */
export interface SubprocessMeta {
  definitionKey: string;
  input?: Record<string, unknown>;
  /** Context path of an array: one child per item, the item given as `input.item`. */
  forEach?: string;
  completion?: 'all' | { quorum: number };
  doneEvent?: string;
}

/** `meta.notify` and the `notify` action. */
export interface NotifyParams {
  to: string;
  template: string;
  data?: Record<string, unknown>;
}

/** Side effects the server applies, in order, in the same transaction as the new snapshot. */
export type Effect =
  | {
      type: 'openTask';
      stateId: string;
      form: string;
      title?: string;
      assignee?: string;
      candidateRole?: string;
      candidateGroup?: string;
      dueIn?: string;
      dueInMs?: number;
      priority?: number;
      completeEvent: string;
    }
  | { type: 'cancelTasks'; stateId: string }
  | {
      type: 'requestApproval';
      stateId: string;
      levels: ApprovalLevel[];
      /** `meta.approval.title` with its templates filled in. */
      title?: string;
      subject?: unknown;
      /** The people `excludePeople` named when the chain was requested. */
      excludedPeople?: string[];
      /** `meta.approval.excludeChildCompleters`: completers of descendant instances may not decide. */
      excludeChildCompleters?: boolean;
      approvedEvent: string;
      rejectedEvent: string;
    }
  | { type: 'cancelApproval'; stateId: string }
  | {
      type: 'startChildren';
      stateId: string;
      definitionKey: string;
      /** One entry per child to start. */
      inputs: unknown[];
      completion: 'all' | { quorum: number };
      doneEvent: string;
    }
  | { type: 'cancelChildren'; stateId: string }
  | { type: 'scheduleTimer'; timerId: string; delayMs: number; event: { type: string } }
  | { type: 'cancelTimer'; timerId: string }
  | { type: 'notify'; stateId?: string; to: unknown; template: string; data?: unknown };

export type InstanceStatus = 'active' | 'done' | 'error';

/** The outcome of one pure engine step. */
export interface StepResult {
  /** XState persisted snapshot, plain JSON: store it as is. */
  snapshot: unknown;
  value: StateValue;
  status: InstanceStatus;
  /** Machine output when done (root `output`, else the reached final state's `output`). */
  output?: unknown;
  /** `meta.outcome` of the reached top-level final state, else `context.outcome`. */
  outcome?: string;
  context: unknown;
  effects: Effect[];
  /** Ids of every active state node (ancestors included, root excluded). */
  activeStateIds: string[];
  /** False when the event was not accepted (no enabled transition); nothing changed then. */
  accepted: boolean;
}

/** An event sent to an instance. */
export interface EngineEvent {
  type: string;
  [key: string]: unknown;
}

/** Optional existence checks for keys a definition refers to (preload them; they are sync). */
export interface DefinitionLookups {
  formExists?: (formKey: string) => boolean;
  definitionExists?: (definitionKey: string) => boolean;
  /** Notification templates the server can render (`meta.notify`, `notify` actions). */
  templateExists?: (template: string) => boolean;
}

export type ValidationResult = { ok: true; definition: CompiledDefinition } | { ok: false; errors: string[] };
