import { compileDefinition, referencedKeys, startInstance, step, validateDefinition } from '@aimsflow/engine';
import { builtInForms } from '@aimsflow/forms';
import { builtInWorkflows, documentApprovalWorkflow } from './index';

/** The form keys the built-in definitions may use (the forms shipped in `forms/`). */
const FORM_KEYS = [
  'approval-decision',
  'orientation-checklist',
  'awareness-acknowledgement',
  'leadership-commitment',
  'context-issues',
  'interested-parties',
  'aims-scope',
  'gap-assessment-item',
  'gap-consolidation',
  'project-plan',
  'ai-policy',
  'ai-objectives',
  'ai-system-registration',
  'ai-risk-assessment',
  'ai-impact-assessment',
  'soa-entry',
  'generic-task',
  'management-review-preparation',
  'management-review-minutes',
  'review-action-update',
  'monitoring-metrics',
  'measurement-results',
  'nonconformity-record',
  'nonconformity-containment',
  'nonconformity-root-cause',
  'corrective-action-plan',
  'corrective-action-report',
  'incident-report',
  'concern-report',
  'report-triage',
  'report-response',
  'report-communication',
  'internal-audit-programme',
  'internal-audit-plan',
  'audit-checklist',
  'audit-report',
  'audit-report-approval',
  'audit-acknowledgement',
  'certification-body',
  'certification-stage-one',
  'certification-concern-resolution',
  'certification-stage-two-schedule',
  'certification-stage-two',
  'certification-findings',
  'certification-finding-closure',
  'certification-decision',
  'certificate',
];
const ROLES = [
  'admin',
  'aims-manager',
  'contributor',
  'top-management',
  'internal-auditor',
  'external-auditor',
];

type State = { meta?: Record<string, any>; states?: Record<string, State> };

/** Every state of a machine config with its dotted path. */
function statesOf(machine: State, path: string[] = []): Array<[string, State]> {
  return [
    [path.join('.') || '(root)', machine],
    ...Object.entries(machine.states ?? {}).flatMap(([key, child]) => statesOf(child, [...path, key])),
  ];
}

const allStates = builtInWorkflows.flatMap((workflow) =>
  statesOf(workflow.machine as State).map(([path, state]) => [`${workflow.key}: ${path}`, state] as const),
);

describe('built-in workflows', () => {
  const keys = new Set(builtInWorkflows.map((w) => w.key));

  it.each(builtInWorkflows.map((w) => [w.key, w] as const))(
    '%s validates against the built-in workflow keys and form keys',
    (_key, workflow) => {
      const result = validateDefinition(workflow, {
        definitionExists: (key) => keys.has(key),
        formExists: (key) => FORM_KEYS.includes(key),
      });
      expect(result.ok ? [] : result.errors).toEqual([]);
    },
  );

  it('has one definition per key', () => {
    expect(keys.size).toBe(builtInWorkflows.length);
  });

  it('lists every child definition before the definitions that start it', () => {
    const misplaced = builtInWorkflows.flatMap((workflow, index) =>
      referencedKeys(workflow.machine)
        .definitions.filter((child) => builtInWorkflows.findIndex((w) => w.key === child) > index)
        .map((child) => `${workflow.key} starts ${child}, listed after it`),
    );
    expect(misplaced).toEqual([]);
  });

  it('only uses forms that ship in forms/, each with a valid example to test with', () => {
    const shipped = new Set(
      builtInForms.filter((form) => form.examples.valid.length > 0).map((form) => form.key),
    );
    const used = new Set(builtInWorkflows.flatMap((workflow) => referencedKeys(workflow.machine).forms));
    expect([...used].filter((form) => !shipped.has(form))).toEqual([]);
  });

  it('gives every task a known candidate role or an assignee', () => {
    const unassigned = allStates
      .filter(([, state]) => state.meta?.task)
      .filter(([, state]) => !ROLES.includes(state.meta?.task.candidateRole) && !state.meta?.task.assignee)
      .map(([where]) => where);
    expect(unassigned).toEqual([]);
  });

  it('ends every approval chain with a sign-off by all of top management, except the evaluations', () => {
    // The risk evaluation is a chain only for its segregation of duties (an AIMS manager other than the
    // analyst); top management signs the residual risk's acceptance later in the same process. The
    // effectiveness check of a nonconformity is one for the same reason (nobody checks their own action).
    const evaluations = ['ai-risk-assessment: evaluating', 'nonconformity: checking'];
    const chains = allStates
      .filter(([, state]) => state.meta?.approval)
      .filter(([where]) => !evaluations.includes(where));
    expect(chains.length).toBeGreaterThan(10);
    const notSigned = chains
      .filter(([, state]) => {
        const levels = state.meta?.approval.levels;
        return (
          JSON.stringify(levels[levels.length - 1]) !==
          JSON.stringify({ role: 'top-management', rule: 'all' })
        );
      })
      .map(([where]) => where);
    expect(notSigned).toEqual([]);
  });

  it('document approval: draft, reject with comments, redraft, approve', () => {
    const def = compileDefinition(documentApprovalWorkflow);
    let result = startInstance(def, { ownerId: 'u-1', title: 'AI policy' });
    expect(result.effects).toEqual([
      expect.objectContaining({
        type: 'openTask',
        form: 'generic-task',
        assignee: 'u-1',
        title: 'Draft AI policy',
      }),
    ]);

    result = step(def, result.snapshot, {
      type: 'SUBMIT',
      stateId: 'document-approval.drafting',
      data: { done: true, note: 'v1' },
    });
    expect(result.effects.map((e) => e.type)).toEqual([
      'cancelTasks',
      'requestApproval',
      'notify',
      'scheduleTimer',
    ]);
    expect(result.effects[1]).toMatchObject({ subject: { done: true, note: 'v1' } });

    result = step(def, result.snapshot, {
      type: 'REJECTED',
      stateId: 'document-approval.inApproval',
      data: { comment: 'cite 5.2' },
    });
    expect(result.effects.map((e) => e.type)).toEqual(['cancelApproval', 'cancelTimer', 'openTask']);
    expect(result.context).toMatchObject({ reviews: [{ comment: 'cite 5.2' }] });

    result = step(def, result.snapshot, {
      type: 'SUBMIT',
      stateId: 'document-approval.drafting',
      data: { done: true, note: 'v2' },
    });
    result = step(def, result.snapshot, { type: 'APPROVED', stateId: 'document-approval.inApproval' });
    expect(result).toMatchObject({
      status: 'done',
      outcome: 'approved',
      output: { outcome: 'approved', document: { done: true, note: 'v2' } },
    });
  });
});
