import { compileDefinition, replay, startInstance } from '@aimsflow/engine';
import { builtInWorkflows } from '../index';
import { simulate } from '../testing/simulate';
import { surveillanceAuditWorkflow } from './definition';

const definition = compileDefinition(surveillanceAuditWorkflow);
const ID = 'surveillance-audit';
const INPUT = {
  kind: 'surveillance',
  year: 1,
  title: 'Surveillance audit 1',
  certificate: { number: 'AIMS-2027-0042', decidedOn: '2027-03-15', expiresOn: '2030-03-14' },
  dueBy: '2028-03-15',
};
const VISIT = {
  startDate: '2028-02-14',
  endDate: '2028-02-15',
  leadAuditor: 'Dana Keller',
  sampledClauses: ['6.1.2', '9.2'],
  sampledControls: ['A.6.2.4'],
};
const finding = (ref: string, grade: string) => ({
  ref,
  grade,
  title: `Finding ${ref}`,
  clause: '10.2',
  description: 'Two closed nonconformities have no effectiveness check.',
});

describe('surveillance-audit', () => {
  it('opens the visit task due on the deadline, escalated to top management when it lapses', () => {
    const { effects } = startInstance(definition, INPUT);
    expect(effects).toContainEqual(
      expect.objectContaining({
        type: 'openTask',
        stateId: `${ID}.visiting`,
        form: 'surveillance-visit',
        title: "Surveillance audit 1: record the certification body's visit (due by 2028-03-15)",
        dueOn: '2028-03-15',
        escalateTo: 'top-management',
      }),
    );
  });

  it("starts one nonconformity per major or minor finding of the body, as a certification audit's", () => {
    const reported = replay(definition, INPUT, [
      { type: 'SUBMIT', stateId: `${ID}.visiting`, data: VISIT },
      {
        type: 'SUBMIT',
        stateId: `${ID}.reporting`,
        data: {
          summary: 'Maintained, with findings.',
          nonconformities: [finding('S1-F1', 'major'), finding('S1-F2', 'minor')],
          otherFindings: [{ ref: 'S1-O1', grade: 'opportunity', title: 'Automate metrics' }],
          outcome: 'maintained-pending-actions',
        },
      },
    ]);
    expect(reported.value).toBe('raisingNonconformities');
    expect(reported.effects).toContainEqual(
      expect.objectContaining({
        type: 'startChildren',
        definitionKey: 'nonconformity',
        inputs: [
          {
            item: finding('S1-F1', 'major'),
            source: 'certification-audit',
            sourceTitle: 'Surveillance audit 1',
          },
          {
            item: finding('S1-F2', 'minor'),
            source: 'certification-audit',
            sourceTitle: 'Surveillance audit 1',
          },
        ],
      }),
    );
  });

  it('completes with the visit, the findings and the outcome once the nonconformities are closed', () => {
    const { result, log } = simulate(builtInWorkflows, ID, INPUT, {
      taskData: (task) => (task.form === 'surveillance-visit' ? VISIT : undefined),
    });
    const cases = log.children.filter((c) => c.instanceOf === ID);
    expect(cases).toEqual([
      expect.objectContaining({ definitionKey: 'nonconformity', inputs: [expect.any(Object)] }),
    ]);
    expect(result).toMatchObject({
      status: 'done',
      outcome: 'completed',
      output: {
        kind: 'surveillance',
        dueBy: '2028-03-15',
        visit: VISIT,
        outcome: 'maintained-pending-actions',
        nonconformityCases: [expect.objectContaining({ output: expect.any(Object) })],
      },
    });
  });
});
