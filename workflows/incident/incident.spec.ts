import { compileDefinition, replay, startInstance, type EngineEvent } from '@aimsflow/engine';
import { concernWorkflow } from '../concern/definition';
import { builtInWorkflows } from '../index';
import { exampleData, simulate } from '../testing/simulate';
import { incidentWorkflow } from './definition';

const REPORTER = 'reporter-1';
const HANDLER = '3f0e8a52-6d1b-4c5e-9a7f-1b2c3d4e5f60';

const submit = (id: string, state: string, data: unknown): EngineEvent => ({
  type: 'SUBMIT',
  taskId: state,
  stateId: `${id}.${state}`,
  data,
  actorId: 'manager-1',
});
const NOT_MET = {
  severity: 'high',
  assessment: 'A limit the AIMS requires was not enforced.',
  raiseNonconformity: true,
  grade: 'major',
  control: 'A.6.2.5',
};
const AS_DESIGNED = { severity: 'low', assessment: 'Works as designed.', raiseNonconformity: false };
const triageWith = (data: object) => (task: { form: string }) =>
  task.form === 'report-triage' ? data : undefined;

describe.each([
  [incidentWorkflow, 'incident-report', 'incident', 'whatHappened'],
  [concernWorkflow, 'concern-report', 'complaint', 'details'],
] as const)('%s', (workflow, reportForm, source, descriptionField) => {
  const definition = compileDefinition(workflow);
  const id = workflow.key;
  const report = exampleData(reportForm) as Record<string, string>;
  const triaged = (triage: object) => [
    submit(id, 'reporting', report),
    submit(id, 'triaging', { ...triage, handlerId: HANDLER }),
  ];

  it('asks the person who raised it to report it, then the AIMS managers to triage it', () => {
    const start = startInstance(definition, { reporterId: REPORTER });
    expect(start.effects).toContainEqual(
      expect.objectContaining({ type: 'openTask', form: reportForm, assignee: REPORTER }),
    );
    const reported = replay(definition, { reporterId: REPORTER }, [submit(id, 'reporting', report)]);
    expect(reported.effects).toContainEqual(
      expect.objectContaining({ type: 'openTask', form: 'report-triage', candidateRole: 'aims-manager' }),
    );
  });

  it('has the handler the triage named respond and communicate, then closes without a nonconformity', () => {
    const responding = replay(definition, { reporterId: REPORTER }, triaged(AS_DESIGNED));
    expect(responding.effects).toContainEqual(
      expect.objectContaining({ type: 'openTask', form: 'report-response', assignee: HANDLER }),
    );
    const { result, log } = simulate(
      builtInWorkflows,
      id,
      { reporterId: REPORTER },
      {
        taskData: triageWith(AS_DESIGNED),
      },
    );
    expect(log.tasks.map((t) => t.form)).toEqual([
      reportForm,
      'report-triage',
      'report-response',
      'report-communication',
    ]);
    expect(log.children).toEqual([]);
    expect(result).toMatchObject({ status: 'done', outcome: 'closed', output: { nonconformityId: null } });
  });

  it(`raises a nonconformity with source "${source}" when the triage finds a requirement not met`, () => {
    const triage = NOT_MET;
    const raised = replay(definition, { reporterId: REPORTER }, [
      ...triaged(triage),
      submit(id, 'responding', exampleData('report-response')),
      submit(id, 'communicating', exampleData('report-communication')),
    ]);
    expect(raised.value).toBe('raisingNonconformity');
    expect(raised.effects).toContainEqual(
      expect.objectContaining({
        type: 'startChildren',
        definitionKey: 'nonconformity',
        inputs: [
          {
            source,
            sourceTitle: report.title,
            ownerId: HANDLER,
            item: expect.objectContaining({
              title: report.title,
              description: report[descriptionField],
              grade: triage.grade,
              control: triage.control,
            }),
          },
        ],
      }),
    );
    // The nonconformity runs to its close (recording skipped: it was handed over); then the case closes.
    const { result, log } = simulate(
      builtInWorkflows,
      id,
      { reporterId: REPORTER },
      {
        taskData: triageWith(NOT_MET),
      },
    );
    expect(log.tasks.filter((t) => t.instanceOf === 'nonconformity').map((t) => t.form)[0]).toBe(
      'nonconformity-containment',
    );
    expect(result).toMatchObject({
      status: 'done',
      outcome: 'closed',
      output: { nonconformityId: 'nonconformity-0' },
    });
  });
});
