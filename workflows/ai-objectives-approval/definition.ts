import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { MANAGER_THEN_TOP_MANAGEMENT } from '../shared/building-blocks';

/**
 * The AI objectives (6.2): measurable, each with an owner, resources, a deadline and how results
 * are evaluated; drafted by the AIMS manager, approved by the AIMS manager and top management.
 * Run once in phase 2 and again at each yearly review in phase 5 (input `{ objectives }`).
 */
export const aiObjectivesApprovalWorkflow: WorkflowDefinitionInput = {
  key: 'ai-objectives-approval',
  name: 'AI objectives approval',
  machine: {
    id: 'ai-objectives-approval',
    initial: 'drafting',
    context: { objectives: null, reviews: [] },
    states: {
      drafting: {
        meta: {
          description: 'Set or revise measurable AI objectives and how they will be met (6.2)',
          task: {
            form: 'ai-objectives',
            title: 'Set or review the AI objectives',
            candidateRole: 'aims-manager',
            dueIn: 'P14D',
          },
        },
        on: {
          SUBMIT: {
            target: 'inApproval',
            actions: [{ type: 'assignFromForm', params: { to: 'objectives' } }],
          },
        },
      },
      inApproval: {
        meta: {
          approval: { levels: MANAGER_THEN_TOP_MANAGEMENT, subject: 'context.objectives' },
          notify: { to: 'aims-manager', template: 'document-in-approval', data: { title: 'AI objectives' } },
        },
        after: {
          P14D: {
            actions: [{ type: 'notify', params: { to: 'aims-manager', template: 'approval-overdue' } }],
          },
        },
        on: {
          APPROVED: 'approved',
          REJECTED: { target: 'drafting', actions: [{ type: 'appendToContext', params: { to: 'reviews' } }] },
        },
      },
      approved: {
        type: 'final',
        meta: { outcome: 'approved' },
        output: { outcome: 'approved', objectives: '{{context.objectives}}' },
      },
    },
  },
};
