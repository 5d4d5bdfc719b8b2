import { compileDefinition, replay, startInstance, step } from '@aimsflow/engine';
import { annexAControls } from '@aimsflow/iso42001';
import { gapAssessmentItemReviewWorkflow } from '../gap-assessment-item-review/definition';
import { gapAnalysisWorkflow } from './definition';
import { gapAnalysisItems } from './items';

const definition = compileDefinition(gapAnalysisWorkflow);
const ITEMS = [
  { id: '4.3', kind: 'clause', title: 'Determining the scope of the AI management system' },
  { id: 'A.6.2.4', kind: 'control', title: 'AI system verification and validation' },
  { id: 'A.10.3', kind: 'control', title: 'Suppliers' },
];
const childrenDone = (outputs: unknown[] = []) => ({
  type: 'CHILDREN_DONE',
  stateId: 'gap-analysis.assessingItems',
  outputs,
});
const consolidate = {
  type: 'SUBMIT',
  taskId: 't',
  stateId: 'gap-analysis.consolidating',
  data: { summary: 'Two gaps in supplier control.' },
  actorId: 'u-1',
};

describe('gap analysis', () => {
  it('starts one item review per item, each given its item', () => {
    const start = startInstance(definition, { items: ITEMS });
    expect(start.effects).toEqual([
      {
        type: 'startChildren',
        stateId: 'gap-analysis.assessingItems',
        definitionKey: 'gap-assessment-item-review',
        inputs: ITEMS.map((item) => ({ item })),
        completion: 'all',
        doneEvent: 'CHILDREN_DONE',
      },
    ]);
  });

  it('covers every clause requirement area and every Annex A control when no items are given', () => {
    const start = startInstance(definition);
    const inputs = (start.effects[0] as { inputs: Array<{ item: { id: string } }> }).inputs;
    const ids = inputs.map((input) => input.item.id);
    expect(ids).toHaveLength(32 + annexAControls.length);
    expect(ids).toEqual(
      expect.arrayContaining(['4.1', '6.1.2', '7.5.3', '9.3.2', '10.2', 'A.2.2', 'A.10.4']),
    );
    // Headings are covered through their sub-clauses, not assessed twice.
    expect(ids.filter((id) => ['4', '6', '6.1', '7.5', '9.2', '9.3'].includes(id))).toEqual([]);
  });

  it('lists clause items before control items, each with its kind', () => {
    const items = gapAnalysisItems();
    const firstControl = items.findIndex((item) => item.kind === 'control');
    expect(items.slice(0, firstControl).every((item) => item.kind === 'clause')).toBe(true);
    expect(
      items.slice(firstControl).every((item) => item.kind === 'control' && item.id.startsWith('A.')),
    ).toBe(true);
  });

  it('moves to consolidation at once when there is nothing to assess', () => {
    const start = startInstance(definition, { items: [] });
    expect(start.effects).toEqual([expect.objectContaining({ type: 'startChildren', inputs: [] })]);
    const result = step(definition, start.snapshot, childrenDone());
    expect(result.effects).toContainEqual(
      expect.objectContaining({ type: 'openTask', form: 'gap-consolidation', candidateRole: 'aims-manager' }),
    );
  });

  it('keeps the item answers, sends the gap list for sign-off and returns both when approved', () => {
    const outputs = [{ instanceId: 'c-1', output: { item: ITEMS[0], assessment: { status: 'partial' } } }];
    const inApproval = replay(definition, { items: ITEMS.slice(0, 1) }, [childrenDone(outputs), consolidate]);
    expect(inApproval.effects).toContainEqual(
      expect.objectContaining({ type: 'requestApproval', subject: consolidate.data }),
    );
    const approved = step(definition, inApproval.snapshot, {
      type: 'APPROVED',
      stateId: 'gap-analysis.signingOff',
    });
    expect(approved).toMatchObject({
      status: 'done',
      outcome: 'approved',
      output: { gapList: consolidate.data, assessments: outputs },
    });
  });

  it('sends a rejected gap list back to consolidation with the comment', () => {
    const result = replay(definition, { items: [] }, [
      childrenDone(),
      consolidate,
      { type: 'REJECTED', stateId: 'gap-analysis.signingOff', data: { comment: 'prioritise A.10' } },
    ]);
    expect(result.value).toBe('consolidating');
    expect(result.context).toMatchObject({ reviews: [{ comment: 'prioritise A.10' }] });
  });

  it('item review: a contributor assesses the item and returns it with the answer', () => {
    const child = compileDefinition(gapAssessmentItemReviewWorkflow);
    const start = startInstance(child, { item: ITEMS[1] });
    expect(start.effects).toEqual([
      expect.objectContaining({
        type: 'openTask',
        form: 'gap-assessment-item',
        candidateRole: 'contributor',
        title: 'Gap assessment: A.6.2.4 AI system verification and validation',
      }),
    ]);
    const answer = { requirement: 'A.6.2.4', status: 'partial' };
    const result = step(child, start.snapshot, {
      type: 'SUBMIT',
      stateId: 'gap-assessment-item-review.assessing',
      data: answer,
    });
    expect(result).toMatchObject({ status: 'done', output: { item: ITEMS[1], assessment: answer } });
  });
});
