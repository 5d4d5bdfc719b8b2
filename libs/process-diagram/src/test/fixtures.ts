import { toGraph } from '@aimsflow/engine';

/** A small approval flow with a nested state, a parallel review and a state with its own id. */
export const reviewGraph = toGraph({
  id: 'doc',
  initial: 'draft',
  states: {
    draft: {
      meta: { task: { form: 'risk-assessment', candidateRole: 'risk-owner' } },
      on: { SUBMIT: 'review', SAVE: 'draft' },
    },
    review: {
      type: 'parallel',
      states: {
        legal: {
          initial: 'open',
          states: {
            open: { after: { P14D: 'late' }, on: { WITHDRAW: '#doc.draft' } },
            late: { id: 'legal-late' },
          },
        },
        tech: {
          meta: {
            approval: {
              levels: [
                { role: 'ai-officer', rule: 'all' },
                { group: 'board', rule: { quorum: 2 } },
              ],
            },
          },
        },
      },
      onDone: 'impact',
    },
    impact: { meta: { subprocess: { definitionKey: 'impact-assessment' } }, on: { DONE: 'approved' } },
    approved: { type: 'final' },
  },
});
