import { compileDefinition, replay } from '@aimsflow/engine';
import { nonconformityPlaceholder } from '../testing/nonconformity-placeholder';
import { internalAuditWorkflow } from '../internal-audit/definition';
import { exampleData, simulate } from '../testing/simulate';
import { internalAuditProgrammeWorkflow } from './definition';

const definition = compileDefinition(internalAuditProgrammeWorkflow);
const programme = exampleData('internal-audit-programme') as { title: string; audits: unknown[] };
const drafted = {
  type: 'SUBMIT',
  taskId: 't',
  stateId: 'internal-audit-programme.drafting',
  data: programme,
  actorId: 'manager-1',
};

describe('internal audit programme', () => {
  it('is drafted by the AIMS manager and approved by top management', () => {
    const result = replay(definition, {}, [drafted]);
    expect(result.value).toBe('approving');
    expect(result.effects).toContainEqual(
      expect.objectContaining({
        type: 'requestApproval',
        levels: [{ role: 'top-management', rule: 'all' }],
        subject: programme,
      }),
    );
  });

  it('goes back to the draft with the comment when top management rejects it', () => {
    const result = replay(definition, {}, [
      drafted,
      {
        type: 'REJECTED',
        stateId: 'internal-audit-programme.approving',
        data: { comment: 'audit A.7 first' },
      },
    ]);
    expect(result.value).toBe('drafting');
    expect(result.context).toMatchObject({ reviews: [{ comment: 'audit A.7 first' }] });
  });

  it('once approved starts one internal audit per planned audit, each given its entry', () => {
    const result = replay(definition, {}, [
      drafted,
      { type: 'APPROVED', stateId: 'internal-audit-programme.approving' },
    ]);
    expect(result.effects).toContainEqual({
      type: 'startChildren',
      stateId: 'internal-audit-programme.running',
      definitionKey: 'internal-audit',
      inputs: programme.audits.map((item) => ({ programmeTitle: programme.title, item })),
      completion: 'all',
      doneEvent: 'CHILDREN_DONE',
    });
  });

  it('runs the whole cycle: every planned audit waits for its date, runs and raises its nonconformities', () => {
    const { result, log } = simulate(
      [nonconformityPlaceholder, internalAuditWorkflow, internalAuditProgrammeWorkflow],
      'internal-audit-programme',
    );
    expect(result).toMatchObject({ status: 'done', outcome: 'completed' });
    expect((result.output as { audits: unknown[] }).audits).toHaveLength(programme.audits.length);
    const waits = log.tasks.filter((t) => t.instanceOf === 'internal-audit' && t.form === 'generic-task');
    expect(waits).toHaveLength(programme.audits.length);
    expect(log.approvals.map((a) => a.instanceOf)).toEqual(['internal-audit-programme']);
  });
});
