import type { WorkflowDefinitionInput } from '@aimsflow/engine';

/**
 * Policy/document approval (ISO/IEC 42001 5.2, 7.5): the owner drafts, the AIMS manager then top
 * management approve; a rejection sends it back with the reviewers' comments kept in context.
 */
export const documentApprovalWorkflow: WorkflowDefinitionInput = {
  key: 'document-approval',
  name: 'Document approval',
  machine: {
    id: 'document-approval',
    initial: 'drafting',
    context: { ownerId: null, title: 'Untitled document', document: null, reviews: [] },
    states: {
      drafting: {
        meta: {
          task: {
            form: 'generic-task',
            title: 'Draft {{context.title}}',
            assignee: '{{context.ownerId}}',
            dueIn: 'P7D',
          },
          actions: [
            {
              event: 'WITHDRAW',
              title: 'Withdraw the document',
              description: 'The document is not needed after all: end this approval without a decision.',
              confirm: 'Withdraw this document? The draft is kept in the history.',
            },
          ],
        },
        on: {
          SUBMIT: { target: 'inApproval', actions: [{ type: 'assignFromForm', params: { to: 'document' } }] },
          WITHDRAW: {
            target: 'withdrawn',
            actions: [{ type: 'setOutcome', params: { outcome: 'withdrawn' } }],
          },
        },
      },
      inApproval: {
        meta: {
          approval: {
            levels: [
              { role: 'aims-manager', rule: 'any' },
              { role: 'top-management', rule: 'all' },
            ],
            subject: 'context.document',
          },
          notify: { to: '{{context.ownerId}}', template: 'document-in-approval' },
        },
        // Without a target the reminder leaves the approval chain running.
        after: {
          P14D: {
            actions: [{ type: 'notify', params: { to: 'aims-manager', template: 'approval-overdue' } }],
          },
        },
        on: {
          APPROVED: {
            target: 'approved',
            actions: [{ type: 'setOutcome', params: { outcome: 'approved' } }],
          },
          REJECTED: { target: 'drafting', actions: [{ type: 'appendToContext', params: { to: 'reviews' } }] },
        },
      },
      approved: {
        type: 'final',
        meta: { outcome: 'approved' },
        output: { outcome: 'approved', document: '{{context.document}}' },
      },
      withdrawn: { type: 'final', meta: { outcome: 'withdrawn' }, output: { outcome: 'withdrawn' } },
    },
  },
};
