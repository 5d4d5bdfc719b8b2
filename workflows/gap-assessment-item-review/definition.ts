import type { WorkflowDefinitionInput } from '@aimsflow/engine';

/**
 * One item of the gap analysis (a clause requirement area or an Annex A control): a contributor
 * records how far it is met today, with evidence. Started by `gap-analysis`, one per item, with
 * input `{ item: { id, kind: 'clause' | 'control', title } }`.
 */
export const gapAssessmentItemReviewWorkflow: WorkflowDefinitionInput = {
  key: 'gap-assessment-item-review',
  name: 'Gap assessment of one requirement or control',
  machine: {
    id: 'gap-assessment-item-review',
    initial: 'assessing',
    context: { item: null, assessment: null },
    states: {
      assessing: {
        meta: {
          description: 'Compare current practice with the requirement or control and attach evidence',
          task: {
            form: 'gap-assessment-item',
            title: 'Gap assessment: {{context.item.id}} {{context.item.title}}',
            candidateRole: 'contributor',
            dueIn: 'P14D',
          },
        },
        on: {
          SUBMIT: { target: 'assessed', actions: [{ type: 'assignFromForm', params: { to: 'assessment' } }] },
        },
      },
      assessed: {
        type: 'final',
        meta: { outcome: 'assessed' },
        output: { item: '{{context.item}}', assessment: '{{context.assessment}}' },
      },
    },
  },
};
