import type { WorkflowDefinitionInput } from '@aimsflow/engine';

/**
 * One row of the Statement of Applicability: for one Annex A control, the AIMS manager records
 * whether it applies, why, and how far it is implemented. Started by `phase-build-implement`, one
 * per control, with input `{ item: { id, title } }`.
 */
export const soaEntryReviewWorkflow: WorkflowDefinitionInput = {
  key: 'soa-entry-review',
  name: 'Statement of Applicability entry',
  machine: {
    id: 'soa-entry-review',
    initial: 'deciding',
    context: { item: null, entry: null },
    states: {
      deciding: {
        meta: {
          description: 'Include or exclude the control, with the reason and implementation status',
          task: {
            form: 'soa-entry',
            title: 'SoA: {{context.item.id}} {{context.item.title}}',
            candidateRole: 'aims-manager',
            dueIn: 'P14D',
          },
        },
        on: { SUBMIT: { target: 'decided', actions: [{ type: 'assignFromForm', params: { to: 'entry' } }] } },
      },
      decided: { type: 'final', output: { control: '{{context.item}}', entry: '{{context.entry}}' } },
    },
  },
};
