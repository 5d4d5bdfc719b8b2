import { forEachState, isIsoDuration, type ApprovalLevel, type MachineConfig } from '@aimsflow/engine';

/** What an admin may change on one step without touching the machine. */
export interface StepSettings {
  /** Key of a published form the task shows instead of the one the workflow names. */
  form?: string;
  candidateRole?: string;
  candidateGroup?: string;
  /** ISO-8601 duration, e.g. `P14D`. */
  dueIn?: string;
  approvalLevels?: ApprovalLevel[];
}

/** Per-organisation settings stored next to a definition version, keyed by state id. */
// A type, not an interface, so that it fits the entity's `Record<string, unknown>` column.
export type DefinitionSettings = {
  steps?: Record<string, StepSettings>;
};

export type StepKind = 'task' | 'approval';

/** A step the settings form can change, with its effective values. */
export interface ConfigurableStep {
  /** The id the engine gives the state (`machine-id.path.to.state`), as in the graph and in tasks. */
  stateId: string;
  /** The task title when it has one, else the state's key path. */
  label: string;
  kind: StepKind;
  current: {
    form?: string;
    assignee?: string;
    candidateRole?: string;
    candidateGroup?: string;
    dueIn?: string;
    approvalLevels?: ApprovalLevel[];
  };
}

/** Known names the settings may refer to; `groupExists` is skipped when absent. */
export interface SettingsLookups {
  roles: readonly string[];
  groupExists?: (nameOrId: string) => boolean;
}

// An approval that waits for more people than this is a typo, not a policy.
export const MAX_QUORUM = 20;

const TASK_FIELDS = ['form', 'candidateRole', 'candidateGroup', 'dueIn'] as const;
const STEP_FIELDS = [...TASK_FIELDS, 'approvalLevels'] as const;

type StateConfig = Record<string, unknown>;
interface Located {
  stateId: string;
  path: string[];
  state: StateConfig;
  kind: StepKind;
}

/** Every task and approval state with the id the engine gives it. */
function configurableStates(machine: MachineConfig, key: string): Located[] {
  const found: Located[] = [];
  forEachState(machine, key, (state, stateId, path) => {
    const meta = (state.meta ?? {}) as Record<string, unknown>;
    if (isObject(meta.task)) found.push({ stateId, path, state, kind: 'task' });
    else if (isObject(meta.approval)) found.push({ stateId, path, state, kind: 'approval' });
  });
  return found;
}

/** The steps of a machine an admin can configure, with their current assignment, due date or levels. */
export function listConfigurableSteps(machine: MachineConfig, key: string): ConfigurableStep[] {
  return configurableStates(machine, key).map(({ stateId, path, state, kind }) => {
    const meta = state.meta as { task?: Record<string, unknown>; approval?: { levels?: ApprovalLevel[] } };
    if (kind === 'approval') {
      return {
        stateId,
        label: path.join('.'),
        kind,
        current: { approvalLevels: cloneJson(meta.approval?.levels ?? []) },
      };
    }
    const task = meta.task ?? {};
    const pick = (field: string) => (typeof task[field] === 'string' ? { [field]: task[field] } : {});
    return {
      stateId,
      label: typeof task.title === 'string' && task.title ? task.title : path.join('.'),
      kind,
      current: {
        ...pick('form'),
        ...pick('assignee'),
        ...pick('candidateRole'),
        ...pick('candidateGroup'),
        ...pick('dueIn'),
      },
    };
  });
}

/**
 * A new machine config with the settings merged into `meta.task` and `meta.approval.levels`; the
 * input is not changed. A role replaces the step's group and a group its role. Call after
 * `validateSettings`: entries for unknown states are ignored here.
 */
export function applySettings(
  machine: MachineConfig,
  settings: DefinitionSettings | Record<string, unknown> | null | undefined,
  key: string,
): MachineConfig {
  const steps = (settings as DefinitionSettings | null | undefined)?.steps;
  if (!steps || !isObject(steps) || Object.keys(steps).length === 0) return machine;
  const merged = cloneJson(machine);
  for (const { stateId, state, kind } of configurableStates(merged, key)) {
    const step = steps[stateId];
    if (!isObject(step)) continue;
    const meta = state.meta as { task?: Record<string, unknown>; approval?: Record<string, unknown> };
    if (kind === 'task' && meta.task) {
      const task = { ...meta.task };
      if (step.candidateRole !== undefined) {
        task.candidateRole = step.candidateRole;
        delete task.candidateGroup;
      }
      if (step.candidateGroup !== undefined) {
        task.candidateGroup = step.candidateGroup;
        delete task.candidateRole;
      }
      if (step.dueIn !== undefined) task.dueIn = step.dueIn;
      // Whether the form exists is checked with the merged machine, like every form a definition names.
      if (step.form !== undefined) task.form = step.form;
      meta.task = task;
    }
    if (kind === 'approval' && meta.approval && step.approvalLevels !== undefined) {
      meta.approval = { ...meta.approval, levels: cloneJson(step.approvalLevels) };
    }
  }
  return merged;
}

/** Every problem with `settings` for this machine, each naming the step; empty when valid. */
export function validateSettings(
  machine: MachineConfig,
  key: string,
  settings: unknown,
  lookups: SettingsLookups,
): string[] {
  if (settings === undefined || settings === null) return [];
  if (!isObject(settings)) return ['settings must be an object'];
  const errors: string[] = [];
  for (const field of Object.keys(settings)) {
    if (field !== 'steps') errors.push(`settings.${field} is not a setting (allowed: steps)`);
  }
  if (settings.steps === undefined) return errors;
  if (!isObject(settings.steps)) return [...errors, 'settings.steps must be an object keyed by state id'];

  const known = new Map(configurableStates(machine, key).map((s) => [s.stateId, s.kind]));
  for (const [stateId, step] of Object.entries(settings.steps)) {
    const where = `step "${stateId}"`;
    const kind = known.get(stateId);
    if (!kind) {
      errors.push(`${where} is not a task or approval state of ${key}`);
      continue;
    }
    if (!isObject(step)) {
      errors.push(`${where}: settings must be an object`);
      continue;
    }
    for (const field of Object.keys(step)) {
      if (!(STEP_FIELDS as readonly string[]).includes(field)) {
        errors.push(`${where}: "${field}" is not a step setting (allowed: ${STEP_FIELDS.join(', ')})`);
      } else if (kind === 'approval' && field !== 'approvalLevels') {
        errors.push(`${where} is an approval: set approvalLevels, not ${field}`);
      } else if (kind === 'task' && field === 'approvalLevels') {
        errors.push(`${where} is a task: approvalLevels apply to approval states only`);
      }
    }
    if (kind === 'task') checkTaskStep(step, where, lookups, errors);
    if (kind === 'approval' && step.approvalLevels !== undefined)
      checkLevels(step.approvalLevels, where, lookups, errors);
  }
  return errors;
}

/**
 * Only the settings that still fit `machine` (steps that exist with the same kind), so a new
 * shipped machine can keep an organisation's choices for the steps it still has.
 */
export function settingsFor(machine: MachineConfig, key: string, settings: unknown): DefinitionSettings {
  const steps = isObject(settings) && isObject(settings.steps) ? settings.steps : {};
  const known = new Map(configurableStates(machine, key).map((s) => [s.stateId, s.kind]));
  const kept: Record<string, StepSettings> = {};
  for (const [stateId, step] of Object.entries(steps)) {
    const kind = known.get(stateId);
    if (!kind || !isObject(step)) continue;
    const fields = kind === 'task' ? TASK_FIELDS : (['approvalLevels'] as const);
    const entry = Object.fromEntries(fields.filter((f) => step[f] !== undefined).map((f) => [f, step[f]]));
    if (Object.keys(entry).length) kept[stateId] = entry as StepSettings;
  }
  return normalizeSettings({ steps: kept });
}

/**
 * The canonical form stored and hashed: no empty steps, no unset fields, `{}` when nothing is set,
 * so saving the same choices twice is recognised as unchanged.
 */
export function normalizeSettings(settings: unknown): DefinitionSettings {
  if (!isObject(settings) || !isObject(settings.steps)) return isObject(settings) ? { ...settings } : {};
  const steps: Record<string, StepSettings> = {};
  for (const [stateId, step] of Object.entries(settings.steps)) {
    if (!isObject(step)) {
      steps[stateId] = step as StepSettings;
      continue;
    }
    const kept = Object.fromEntries(
      Object.entries(step).filter(([, value]) => value !== undefined && value !== null && value !== ''),
    );
    if (Object.keys(kept).length) steps[stateId] = kept as StepSettings;
  }
  const { steps: _ignored, ...rest } = settings;
  return Object.keys(steps).length ? { ...rest, steps } : rest;
}

function checkTaskStep(
  step: Record<string, unknown>,
  where: string,
  lookups: SettingsLookups,
  errors: string[],
) {
  if (step.candidateRole !== undefined && step.candidateGroup !== undefined) {
    errors.push(`${where}: choose a candidate role or a candidate group, not both`);
  }
  if (step.candidateRole !== undefined)
    checkRole(step.candidateRole, `${where} candidateRole`, lookups, errors);
  if (step.candidateGroup !== undefined)
    checkGroup(step.candidateGroup, `${where} candidateGroup`, lookups, errors);
  if (
    step.form !== undefined &&
    (typeof step.form !== 'string' || !/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(step.form))
  )
    errors.push(`${where}: form "${String(step.form)}" is not a form key`);
  if (step.dueIn !== undefined && (typeof step.dueIn !== 'string' || !isIsoDuration(step.dueIn))) {
    errors.push(`${where}: dueIn "${String(step.dueIn)}" is not an ISO-8601 duration (e.g. P14D)`);
  }
}

function checkLevels(levels: unknown, where: string, lookups: SettingsLookups, errors: string[]) {
  if (!Array.isArray(levels) || levels.length === 0) {
    errors.push(`${where}: approvalLevels must list at least one level`);
    return;
  }
  levels.forEach((level: unknown, index) => {
    const at = `${where} level ${index + 1}`;
    if (!isObject(level)) {
      errors.push(`${at}: must be an object`);
      return;
    }
    const whoFields = (['role', 'group', 'users'] as const).filter((f) => level[f] !== undefined);
    if (whoFields.length !== 1) {
      errors.push(`${at}: name exactly one of role, group or users`);
    }
    if (level.role !== undefined) checkRole(level.role, `${at} role`, lookups, errors);
    if (level.group !== undefined) checkGroup(level.group, `${at} group`, lookups, errors);
    if (
      level.users !== undefined &&
      (!Array.isArray(level.users) ||
        level.users.length === 0 ||
        level.users.some((u) => typeof u !== 'string' || !u))
    ) {
      errors.push(`${at}: users must be a non-empty list of user ids`);
    }
    const rule = level.rule;
    if (rule === 'any' || rule === 'all') return;
    const quorum = isObject(rule) ? rule.quorum : undefined;
    if (typeof quorum !== 'number' || !Number.isInteger(quorum) || quorum < 1) {
      errors.push(`${at}: rule must be "any", "all" or { quorum: n } with a whole n of at least 1`);
      return;
    }
    const people = Array.isArray(level.users) ? level.users.length : MAX_QUORUM;
    if (quorum > people) {
      errors.push(
        Array.isArray(level.users)
          ? `${at}: a quorum of ${quorum} can never be reached by ${people} named user(s)`
          : `${at}: a quorum of ${quorum} is more than the ${MAX_QUORUM} this product allows`,
      );
    }
  });
}

function checkRole(role: unknown, where: string, lookups: SettingsLookups, errors: string[]) {
  if (typeof role !== 'string' || !lookups.roles.includes(role)) {
    errors.push(`${where}: "${String(role)}" is not a role (roles: ${lookups.roles.join(', ')})`);
  }
}

function checkGroup(group: unknown, where: string, lookups: SettingsLookups, errors: string[]) {
  if (typeof group !== 'string' || !group.trim()) errors.push(`${where}: must name a group`);
  else if (lookups.groupExists && !lookups.groupExists(group))
    errors.push(`${where}: group "${group}" does not exist`);
}

// Not structuredClone: under Jest it yields objects of another realm, which the engine's
// plain-data check rejects. Definitions are JSON anyway.
function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
