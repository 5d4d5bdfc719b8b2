import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { TOP_MANAGEMENT_SIGN_OFF } from '../shared/building-blocks';

/**
 * The management review (9.3). The AIMS manager schedules it and names who takes part, top
 * management among them. While it is open the server compiles its input pack (9.3.2) live from
 * the registers (`GET /api/management-reviews/:id/input-pack`); when the minutes are recorded
 * (`holding` completes) the pack is frozen with its SHA-256 into the `management-reviews` record.
 * Top management sign the minutes; then every decision, change and resource it decided becomes
 * a `review-action` for its owner, and the review closes when they are all done. The minutes name
 * the date of the next review.
 */
export const managementReviewWorkflow: WorkflowDefinitionInput = {
  key: 'management-review',
  name: 'Management review',
  machine: {
    id: 'management-review',
    initial: 'preparing',
    context: { preparation: null, minutes: null, actions: [], reviews: [] },
    states: {
      preparing: {
        meta: {
          description: 'Schedule the review and name its participants, top management among them (9.3.1)',
          task: {
            form: 'management-review-preparation',
            title: 'Prepare the management review',
            candidateRole: 'aims-manager',
            dueIn: 'P14D',
          },
        },
        on: {
          SUBMIT: { target: 'holding', actions: [{ type: 'assignFromForm', params: { to: 'preparation' } }] },
        },
      },
      holding: {
        meta: {
          description:
            'Go through the input pack with the participants and record the minutes (9.3.2, 9.3.3)',
          task: {
            form: 'management-review-minutes',
            title: 'Hold the management review: {{context.preparation.title}}',
            candidateRole: 'aims-manager',
          },
        },
        on: {
          SUBMIT: { target: 'signing', actions: [{ type: 'assignFromForm', params: { to: 'minutes' } }] },
        },
      },
      signing: {
        meta: {
          description: 'Top management sign the minutes and the actions decided',
          approval: {
            title: 'Sign the management review minutes: {{context.preparation.title}}',
            levels: TOP_MANAGEMENT_SIGN_OFF,
            subject: 'context.minutes',
          },
          notify: {
            to: 'top-management',
            template: 'document-in-approval',
            data: { title: 'Management review minutes' },
          },
        },
        on: {
          APPROVED: 'following',
          REJECTED: { target: 'holding', actions: [{ type: 'appendToContext', params: { to: 'reviews' } }] },
        },
      },
      following: {
        meta: {
          description: 'Each decision, change and resource is a tracked action with its owner and due date',
          subprocess: {
            definitionKey: 'review-action',
            forEach: 'context.minutes.actions',
            input: { review: '{{context.preparation.title}}' },
          },
        },
        on: {
          CHILDREN_DONE: {
            target: 'closed',
            actions: [{ type: 'setContext', params: { values: { actions: '{{event.outputs}}' } } }],
          },
        },
      },
      closed: {
        type: 'final',
        meta: { outcome: 'closed' },
        output: {
          minutes: '{{context.minutes}}',
          actions: '{{context.actions}}',
          nextReviewDate: '{{context.minutes.nextReviewDate}}',
        },
      },
    },
  },
};
