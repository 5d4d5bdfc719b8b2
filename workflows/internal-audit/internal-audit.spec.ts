import { compileDefinition, replay, startInstance, step } from '@aimsflow/engine';
import { builtInForms } from '@aimsflow/forms';
import { nonconformityPlaceholder } from '../testing/nonconformity-placeholder';
import { exampleData, simulate } from '../testing/simulate';
import { AUDIT_INDEPENDENCE, internalAuditWorkflow } from './definition';

const definition = compileDefinition(internalAuditWorkflow);
const definitions = [nonconformityPlaceholder, internalAuditWorkflow];
const plan = exampleData('internal-audit-plan') as Record<string, any>;
const report = builtInForms
  .find((form) => form.key === 'audit-report')!
  .examples.valid.find((example) => example.name === 'one-major-and-one-opportunity')!.data as Record<
  string,
  any
>;
/** The simulator submits each form's first valid example; the report is the one with findings. */
const withFindings = (task: { form: string }) => (task.form === 'audit-report' ? report : undefined);
const submit = (state: string, data: unknown) => ({
  type: 'SUBMIT',
  taskId: `t-${state}`,
  stateId: `internal-audit.${state}`,
  data,
  actorId: 'auditor-1',
});

describe('internal audit', () => {
  it('started on its own opens with the plan, drafted by the server, for an independent internal auditor', () => {
    const start = startInstance(definition);
    expect(start.value).toBe('planning');
    expect(start.effects).toEqual([
      expect.objectContaining({
        type: 'openTask',
        form: 'internal-audit-plan',
        candidateRole: 'internal-auditor',
        prefill: 'audit-plan',
        independence: {
          people: ['context.item.auditees'],
          scope: ['context.item.clauses', 'context.item.controls'],
        },
      }),
    ]);
  });

  it('started by the programme waits for its start date, or opens early when the AIMS manager says so', () => {
    const item = { reference: 'IA-2027-1', title: 'Risk', startDate: '2027-03-01', endDate: '2027-03-02' };
    const start = startInstance(definition, { item });
    expect(start.value).toBe('scheduled');
    // The date is kept by the server (meta.waitUntil); the engine schedules nothing itself.
    expect(start.effects.map((e) => e.type)).toEqual(['openTask']);
    expect(start.effects[0]).toMatchObject({
      form: 'generic-task',
      candidateRole: 'aims-manager',
      title: 'Internal audit IA-2027-1 opens on 2027-03-01: complete this to open it now',
    });
    const due = step(definition, start.snapshot, { type: 'AUDIT_DATE_REACHED' });
    expect(due.value).toBe('planning');
    expect(due.effects.map((e) => e.type)).toEqual(['cancelTasks', 'openTask']);
    const early = step(definition, start.snapshot, submit('scheduled', { done: true }));
    expect(early.value).toBe('planning');
  });

  it('gives the checklist and the report approval to the lead auditor, with the independence rule and the generated checklist', () => {
    const result = replay(definition, {}, [submit('planning', plan)]);
    expect(result.value).toBe('checking');
    expect(result.effects).toContainEqual(
      expect.objectContaining({
        type: 'openTask',
        form: 'audit-checklist',
        assignee: plan.leadAuditor,
        candidateRole: 'internal-auditor',
        prefill: 'audit-checklist',
        independence: AUDIT_INDEPENDENCE,
        title: 'Audit checklist: IA-2027-1 Risk management',
      }),
    );
    const approving = replay(definition, {}, [
      submit('planning', plan),
      submit('checking', exampleData('audit-checklist')),
      submit('reporting', report),
    ]);
    expect(approving.effects).toContainEqual(
      expect.objectContaining({
        form: 'audit-report-approval',
        assignee: plan.leadAuditor,
        independence: AUDIT_INDEPENDENCE,
      }),
    );
  });

  it('sends a report the lead auditor sends back to the audit team with the comment', () => {
    const result = replay(definition, {}, [
      submit('planning', plan),
      submit('checking', exampleData('audit-checklist')),
      submit('reporting', report),
      submit('approvingReport', { decision: 'send-back', comment: 'Grade F1 as minor.' }),
    ]);
    expect(result.value).toBe('reporting');
    expect(result.context).toMatchObject({
      reviews: [{ decision: 'send-back', comment: 'Grade F1 as minor.' }],
    });
  });

  it('has the first auditee acknowledge the approved report', () => {
    const result = replay(definition, {}, [
      submit('planning', plan),
      submit('checking', exampleData('audit-checklist')),
      submit('reporting', report),
      submit('approvingReport', { decision: 'approve' }),
    ]);
    expect(result.value).toBe('acknowledging');
    expect(result.effects).toContainEqual(
      expect.objectContaining({ form: 'audit-acknowledgement', assignee: plan.auditees[0].person }),
    );
  });

  it('runs to the end and starts one nonconformity per major or minor finding with the agreed input', () => {
    const { result, log } = simulate(definitions, 'internal-audit', {}, { taskData: withFindings });
    expect(result).toMatchObject({ status: 'done', outcome: 'completed' });
    expect(log.tasks.filter((t) => t.instanceOf === 'internal-audit').map((t) => t.form)).toEqual([
      'internal-audit-plan',
      'audit-checklist',
      'audit-report',
      'audit-report-approval',
      'audit-acknowledgement',
    ]);
    // The report example has one major nonconformity and one opportunity for improvement: one case.
    expect(log.children).toEqual([
      expect.objectContaining({
        definitionKey: 'nonconformity',
        inputs: [
          {
            source: 'internal-audit',
            sourceTitle: plan.title,
            ownerId: plan.auditees[0].person,
            item: report.nonconformities[0],
          },
        ],
      }),
    ]);
    expect((result.output as { nonconformityCases: unknown[] }).nonconformityCases).toEqual([
      expect.objectContaining({
        output: expect.objectContaining({ source: 'internal-audit', item: report.nonconformities[0] }),
      }),
    ]);
  });

  it('ends without a nonconformity case when the report has none', () => {
    const { result, log } = simulate(
      definitions,
      'internal-audit',
      {},
      {
        taskData: (task) =>
          task.form === 'audit-report'
            ? {
                summary: 'Every requirement sampled conforms.',
                conclusion: 'effective',
                nonconformities: [],
                otherFindings: [],
              }
            : undefined,
      },
    );
    expect(result.status).toBe('done');
    expect(log.children).toEqual([expect.objectContaining({ definitionKey: 'nonconformity', inputs: [] })]);
  });
});
