import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { MANAGER_THEN_TOP_MANAGEMENT } from '../shared/building-blocks';

/**
 * The AI policy (5.2, A.2.2) drafted by the AIMS manager and approved by the AIMS manager and top
 * management; a rejection sends it back with the comments. Run once to establish the policy
 * (phase 2) and again for each yearly review (phase 5, A.2.4); pass the policy in force as input
 * `{ policy }` so the reviewer starts from it.
 */
export const aiPolicyApprovalWorkflow: WorkflowDefinitionInput = {
  key: 'ai-policy-approval',
  name: 'AI policy approval',
  machine: {
    id: 'ai-policy-approval',
    initial: 'drafting',
    context: { policy: null, reviews: [] },
    states: {
      drafting: {
        meta: {
          description: 'Write or revise the AI policy and its commitments (5.2)',
          task: {
            form: 'ai-policy',
            title: 'Draft or review the AI policy',
            candidateRole: 'aims-manager',
            dueIn: 'P14D',
          },
        },
        on: {
          SUBMIT: { target: 'inApproval', actions: [{ type: 'assignFromForm', params: { to: 'policy' } }] },
        },
      },
      inApproval: {
        meta: {
          approval: { levels: MANAGER_THEN_TOP_MANAGEMENT, subject: 'context.policy' },
          notify: { to: 'aims-manager', template: 'document-in-approval', data: { title: 'AI policy' } },
        },
        // Without a target the reminder leaves the approval chain running.
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
        output: { outcome: 'approved', policy: '{{context.policy}}' },
      },
    },
  },
};
