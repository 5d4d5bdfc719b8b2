import type { WorkflowDefinitionInput } from '@aimsflow/engine';

/**
 * One corrective action of a nonconformity's plan (10.2), started by `nonconformity` with
 * `forEach` over the plan's actions: input `{ item: { description, ownerId, dueDate },
 * nonconformityTitle, source }`. The action's owner carries it out and records what was done and
 * what shows it; the owner never checks the effect (the nonconformity's effectiveness check
 * excludes every action owner).
 */
export const correctiveActionWorkflow: WorkflowDefinitionInput = {
  key: 'corrective-action',
  name: 'Corrective action',
  machine: {
    id: 'corrective-action',
    initial: 'implementing',
    context: { item: null, nonconformityTitle: null, source: null, report: null },
    states: {
      implementing: {
        meta: {
          description: 'The action owner removes the cause as planned and records the evidence (10.2 d, g)',
          task: {
            form: 'corrective-action-report',
            title: 'Corrective action due {{context.item.dueDate}}: {{context.item.description}}',
            assignee: '{{context.item.ownerId}}',
            // Only when the plan named nobody who exists: the AIMS managers pick it up.
            candidateRole: 'aims-manager',
            // The day the plan set; the server makes it the task's due date (`dueIn` when it is none).
            dueOn: '{{context.item.dueDate}}',
            dueIn: 'P30D',
          },
        },
        on: {
          SUBMIT: { target: 'done', actions: [{ type: 'assignFromForm', params: { to: 'report' } }] },
        },
      },
      done: {
        type: 'final',
        meta: { outcome: 'done' },
        output: { outcome: 'done', action: '{{context.item}}', report: '{{context.report}}' },
      },
    },
  },
};
