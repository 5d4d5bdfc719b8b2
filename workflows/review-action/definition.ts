import type { WorkflowDefinitionInput } from '@aimsflow/engine';

/**
 * One action a management review decided (an improvement, a change to the AIMS or resources),
 * tracked to its end: a task for its owner, who reports it done or dropped (9.3.3, 10.1).
 * Started by `management-review`, one per action, with `{ review, item: { kind, title, owner, dueDate } }`.
 */
export const reviewActionWorkflow: WorkflowDefinitionInput = {
  key: 'review-action',
  name: 'Management review action',
  machine: {
    id: 'review-action',
    initial: 'working',
    context: { item: null, review: null, update: null },
    states: {
      working: {
        meta: {
          description: 'Carry out an action the management review decided (9.3.3)',
          task: {
            form: 'review-action-update',
            title: 'Review action: {{context.item.title}}',
            assignee: '{{context.item.owner}}',
          },
        },
        on: { SUBMIT: { target: 'closed', actions: [{ type: 'assignFromForm', params: { to: 'update' } }] } },
      },
      closed: {
        type: 'final',
        meta: { outcome: 'closed' },
        output: { action: '{{context.item}}', update: '{{context.update}}' },
      },
    },
  },
};
