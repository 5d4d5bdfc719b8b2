import { canonicalJson } from '@aimsflow/engine';
import type {
  ConfigurableStep,
  SettingsApprovalLevel,
  StepSettingsValue,
  WorkflowSettings,
  WorkflowSettingsView,
} from '../api/api-types';

/** One approval level as the form edits it. */
export interface LevelValues {
  who: 'role' | 'group' | 'users';
  role: string;
  group: string;
  /** Comma-separated user ids (or templates such as `{{context.ownerId}}`). */
  users: string;
  rule: 'any' | 'all' | 'quorum';
  quorum: number;
}

/** One configurable step as the form edits it; `assignment: 'workflow'` keeps the machine's own. */
export interface StepValues {
  stateId: string;
  kind: 'task' | 'approval';
  assignment: 'workflow' | 'role' | 'group';
  /** Key of the form the task shows. */
  form: string;
  role: string;
  group: string;
  dueIn: string;
  levels: LevelValues[];
}

export interface SettingsFormValues {
  steps: StepValues[];
}

// The shape the server accepts (it has the final say); the client check only gives early feedback.
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** True for an ISO-8601 duration such as `P14D` or `PT36H`. */
export function looksLikeIsoDuration(text: string): boolean {
  return ISO_DURATION.test(text);
}

export const NEW_LEVEL: LevelValues = {
  who: 'role',
  role: 'aims-manager',
  group: '',
  users: '',
  rule: 'any',
  quorum: 2,
};

/** The form's starting values: every step's effective assignment, due duration and levels. */
export function toFormValues(view: WorkflowSettingsView): SettingsFormValues {
  return {
    steps: view.steps.map((step) => {
      const current = step.current;
      return {
        stateId: step.stateId,
        kind: step.kind,
        assignment: current.candidateGroup ? 'group' : current.candidateRole ? 'role' : 'workflow',
        form: current.form ?? '',
        role: current.candidateRole ?? '',
        group: current.candidateGroup ?? '',
        dueIn: current.dueIn ?? '',
        levels: (current.approvalLevels ?? []).map(levelToValues),
      };
    }),
  };
}

/**
 * The settings to save: what the admin changed on top of the settings already stored, so values
 * left alone keep following the workflow's own definition.
 */
export function toSettings(values: SettingsFormValues, view: WorkflowSettingsView): WorkflowSettings {
  const steps: Record<string, StepSettingsValue> = {};
  values.steps.forEach((value, index) => {
    const step: ConfigurableStep | undefined = view.steps[index];
    if (!step || step.stateId !== value.stateId) return;
    const out: StepSettingsValue = { ...(view.settings.steps?.[step.stateId] ?? {}) };
    if (step.kind === 'task') {
      if (value.assignment === 'role' && value.role !== (step.current.candidateRole ?? '')) {
        out.candidateRole = value.role;
        delete out.candidateGroup;
      }
      if (value.assignment === 'group' && value.group !== (step.current.candidateGroup ?? '')) {
        out.candidateGroup = value.group;
        delete out.candidateRole;
      }
      if (value.form && value.form !== (step.current.form ?? '')) out.form = value.form;
      const dueIn = value.dueIn.trim();
      if (!dueIn) delete out.dueIn;
      else if (dueIn !== step.current.dueIn) out.dueIn = dueIn;
    } else {
      const levels = value.levels.map(valuesToLevel);
      if (canonicalJson(levels) !== canonicalJson(step.current.approvalLevels ?? []))
        out.approvalLevels = levels;
    }
    if (Object.keys(out).length) steps[step.stateId] = out;
  });
  return Object.keys(steps).length ? { steps } : {};
}

/** The server's 422 reasons, sorted by the step they name (`step "<stateId>" …`); the rest apart. */
export function reasonsByStep(reasons: unknown): { byStep: Record<string, string[]>; other: string[] } {
  const byStep: Record<string, string[]> = {};
  const other: string[] = [];
  for (const reason of Array.isArray(reasons) ? reasons : []) {
    if (typeof reason !== 'string') continue;
    const match = /^step "([^"]+)"/.exec(reason);
    if (match) (byStep[match[1]] ??= []).push(reason);
    else other.push(reason);
  }
  return { byStep, other };
}

function levelToValues(level: SettingsApprovalLevel): LevelValues {
  const rule = level.rule;
  return {
    who: level.users ? 'users' : level.group ? 'group' : 'role',
    role: level.role ?? '',
    group: level.group ?? '',
    users: (level.users ?? []).join(', '),
    rule: typeof rule === 'object' ? 'quorum' : rule,
    quorum: typeof rule === 'object' ? rule.quorum : NEW_LEVEL.quorum,
  };
}

function valuesToLevel(values: LevelValues): SettingsApprovalLevel {
  const rule = values.rule === 'quorum' ? { quorum: Number(values.quorum) } : values.rule;
  if (values.who === 'group') return { group: values.group, rule };
  if (values.who === 'users')
    return {
      users: values.users
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
      rule,
    };
  return { role: values.role, rule };
}
