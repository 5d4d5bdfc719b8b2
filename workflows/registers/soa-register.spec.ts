import { projectStep, type StepFacts } from '@aimsflow/engine';
import { annexAControls, clauses } from '@aimsflow/iso42001';
import { builtInRegisters } from './index';

const soa = builtInRegisters.find((r) => r.key === 'soa')!;
const facts = (over: Partial<StepFacts>): StepFacts => ({
  definitionKey: 'gap-assessment-item-review',
  entered: [],
  context: {},
  instanceId: 'i',
  now: new Date('2026-12-06T00:00:00Z'),
  ...over,
});
const task = (formKey: string, state: string, submission: Record<string, unknown>) => ({
  id: 't',
  formKey,
  state,
  submission,
  author: 'assignee',
  completedBy: 'delegate',
});
const gap = (submission: Record<string, unknown>, item?: Record<string, unknown>) =>
  projectStep(
    [soa],
    facts({ task: task('gap-assessment-item', 'assessing', submission), context: { item } }),
  );
const entry = (submission: Record<string, unknown>) =>
  projectStep(
    [soa],
    facts({ definitionKey: 'soa-entry-review', task: task('soa-entry', 'deciding', submission) }),
  );

describe('the SoA register declaration', () => {
  it('keys records by exactly the 38 Annex A controls (no clause, no control family)', () => {
    const ids = [
      ...annexAControls.map((c) => c.id),
      ...clauses.map((c: { id: string }) => c.id),
      'A.6',
      'A.6.1',
      'A.2',
      'A.11.2',
      'A.2.22',
    ];
    const keyed = ids.filter((id) => gap({ requirement: id, status: 'partial' }).length === 1);
    expect(keyed).toEqual(annexAControls.map((c) => c.id));
  });

  it('drafts an entry from a gap assessment, guarded so a decided entry is not overwritten', () => {
    expect(gap({ status: 'not-applicable', justification: 'No AI suppliers' }, { id: 'A.10.3' })).toEqual([
      {
        register: 'soa',
        recordKey: 'A.10.3',
        updateOnly: false,
        guard: { field: 'stage', in: [null, 'catalogue', 'draft'] },
        set: {
          controlId: 'A.10.3',
          applicable: false,
          justification: 'No AI suppliers',
          status: 'not-applicable',
          stage: 'draft',
          evidence: [],
          ownerId: 'assignee',
        },
      },
    ]);
    // In place with a note: the note justifies it; without one the justification is left as it is.
    expect(
      gap({ requirement: 'A.2.2', status: 'implemented', note: 'Policy v2', owner: 'o' })[0].set,
    ).toEqual(expect.objectContaining({ applicable: true, justification: 'Policy v2', ownerId: 'o' }));
    expect(gap({ requirement: 'A.2.2', status: 'partial' })[0].set).not.toHaveProperty('justification');
  });

  it('decides an entry from an SoA entry', () => {
    expect(
      entry({ control: 'A.5.2', applicable: true, inclusionReason: 'Required', evidence: [] })[0],
    ).toEqual({
      register: 'soa',
      recordKey: 'A.5.2',
      updateOnly: false,
      set: {
        controlId: 'A.5.2',
        applicable: true,
        justification: 'Required',
        status: 'planned',
        stage: 'decided',
        evidence: [],
        ownerId: 'assignee',
      },
    });
    expect(
      entry({ control: 'A.5.2', applicable: false, exclusionReason: 'No', implementation: 'partial' })[0].set,
    ).toEqual(expect.objectContaining({ applicable: false, justification: 'No', status: 'not-applicable' }));
    expect(entry({ control: 'A.5.2', applicable: true, implementation: 'partial' })[0].set).toEqual(
      expect.objectContaining({ justification: null, status: 'partial' }),
    );
  });

  it('approves every decided entry when the signed SoA moves the phase on to implementing', () => {
    const signed = facts({
      definitionKey: 'phase-build-implement',
      entered: ['implementing', 'implementing.operations'],
    });
    expect(projectStep([soa], signed)).toEqual([
      {
        register: 'soa',
        recordKey: null,
        updateOnly: true,
        guard: { field: 'stage', in: ['decided'] },
        set: { stage: 'approved' },
      },
    ]);
  });
});
