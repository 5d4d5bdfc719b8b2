import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { MANAGER_THEN_TOP_MANAGEMENT } from '../shared/building-blocks';
import { gapAnalysisItems } from './items';

/**
 * Gap analysis against clauses 4–10 and Annex A: one `gap-assessment-item-review` child per item
 * (all of them run at once), then the AIMS manager consolidates the answers into a prioritised gap
 * list, which the AIMS manager and top management sign off. `items` defaults to the whole
 * catalogue; a caller may pass a narrower list as input.
 */
export const gapAnalysisWorkflow: WorkflowDefinitionInput = {
  key: 'gap-analysis',
  name: 'Gap analysis (clauses 4–10 and Annex A)',
  machine: {
    id: 'gap-analysis',
    initial: 'assessingItems',
    context: { items: gapAnalysisItems(), assessments: [], gapList: null, reviews: [] },
    states: {
      assessingItems: {
        meta: {
          description: 'Every requirement area and control is assessed by a contributor',
          subprocess: { definitionKey: 'gap-assessment-item-review', forEach: 'context.items' },
        },
        on: {
          CHILDREN_DONE: {
            target: 'consolidating',
            actions: [{ type: 'setContext', params: { values: { assessments: '{{event.outputs}}' } } }],
          },
        },
      },
      consolidating: {
        meta: {
          description: 'Turn the item answers into a prioritised gap list and a first SoA draft',
          task: {
            form: 'gap-consolidation',
            title: 'Consolidate the gap analysis',
            candidateRole: 'aims-manager',
            dueIn: 'P14D',
          },
        },
        on: {
          SUBMIT: { target: 'signingOff', actions: [{ type: 'assignFromForm', params: { to: 'gapList' } }] },
        },
      },
      signingOff: {
        meta: { approval: { levels: MANAGER_THEN_TOP_MANAGEMENT, subject: 'context.gapList' } },
        on: {
          APPROVED: 'completed',
          REJECTED: {
            target: 'consolidating',
            actions: [{ type: 'appendToContext', params: { to: 'reviews' } }],
          },
        },
      },
      completed: {
        type: 'final',
        meta: { outcome: 'approved' },
        output: { gapList: '{{context.gapList}}', assessments: '{{context.assessments}}' },
      },
    },
  },
};
