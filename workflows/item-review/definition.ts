import type { WorkflowDefinitionInput } from '@aimsflow/engine';

/** One reviewer looks at one item (a clause, a control, a risk); used as a multi-instance child. */
export const itemReviewWorkflow: WorkflowDefinitionInput = {
  key: 'item-review',
  name: 'Item review',
  machine: {
    id: 'item-review',
    initial: 'reviewing',
    context: { item: null, finding: null },
    states: {
      reviewing: {
        meta: {
          task: {
            form: 'generic-task',
            title: 'Review {{context.item.title}}',
            assignee: '{{context.item.ownerId}}',
            dueIn: 'P10D',
          },
        },
        on: {
          SUBMIT: { target: 'reviewed', actions: [{ type: 'assignFromForm', params: { to: 'finding' } }] },
        },
      },
      reviewed: { type: 'final', output: { item: '{{context.item}}', finding: '{{context.finding}}' } },
    },
  },
};
