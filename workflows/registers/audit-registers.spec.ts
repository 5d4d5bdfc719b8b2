import { projectStep, type StepFacts } from '@aimsflow/engine';
import { builtInForms } from '@aimsflow/forms';
import { builtInRegisters } from './index';

const report = builtInForms
  .find((form) => form.key === 'audit-report')!
  .examples.valid.find((example) => example.name === 'one-major-and-one-opportunity')!.data as {
  nonconformities: Array<{ ref: string }>;
  otherFindings: Array<{ ref: string }>;
};
const context = { plan: { reference: 'IA-2027-1', title: 'Risk management' }, report };
const facts = (overrides: Partial<StepFacts>): StepFacts => ({
  definitionKey: 'internal-audit',
  entered: [],
  context,
  instanceId: 'audit-1',
  now: new Date('2027-03-02T10:00:00Z'),
  ...overrides,
});

describe('internal audit registers', () => {
  it('writes one finding record per finding of the report, of either list, keyed by its reference', () => {
    const writes = projectStep(
      builtInRegisters,
      facts({
        task: {
          id: 't-report',
          formKey: 'audit-report',
          state: 'reporting',
          submission: report,
          author: 'u-auditor',
          completedBy: 'u-auditor',
        },
        entered: ['approvingReport'],
      }),
    ).filter((write) => write.register === 'audit-findings');
    expect(writes.map((write) => [write.recordKey, write.set.grade, write.set.status])).toEqual([
      ['IA-2027-1-F1', 'major', 'reported'],
      ['IA-2027-1-F2', 'opportunity', 'reported'],
    ]);
    expect(writes[0].set).toMatchObject({
      clause: '6.1.2',
      control: null,
      auditId: 'audit-1',
      auditReference: 'IA-2027-1',
      authorId: 'u-auditor',
    });
  });

  it('follows the report: approved, then a nonconformity case for a nonconformity and acknowledged for the rest', () => {
    const statuses = (state: string) =>
      projectStep(builtInRegisters, facts({ entered: [state] }))
        .filter((write) => write.register === 'audit-findings')
        .map((write) => [write.recordKey, write.set.status, write.updateOnly]);
    expect(statuses('acknowledging')).toEqual([
      ['IA-2027-1-F1', 'report-approved', true],
      ['IA-2027-1-F2', 'report-approved', true],
    ]);
    expect(statuses('raisingNonconformities')).toEqual([
      ['IA-2027-1-F1', 'nonconformity-raised', true],
      ['IA-2027-1-F2', 'acknowledged', true],
    ]);
  });

  it('lists an audit the programme scheduled before anyone has planned it', () => {
    const item = {
      reference: 'IA-2027-2',
      title: 'Operation',
      startDate: '2027-09-01',
      endDate: '2027-09-03',
    };
    const writes = projectStep(
      builtInRegisters,
      facts({ context: { item, programmeTitle: 'Cycle' }, entered: ['scheduled'] }),
    ).filter((write) => write.register === 'audits');
    expect(writes).toEqual([
      expect.objectContaining({
        recordKey: 'audit-1',
        updateOnly: false,
        set: expect.objectContaining({ reference: 'IA-2027-2', programmeTitle: 'Cycle', clauses: [] }),
      }),
      expect.objectContaining({ recordKey: 'audit-1', updateOnly: true, set: { status: 'scheduled' } }),
    ]);
  });
});
