import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { TOP_MANAGEMENT_SIGN_OFF } from '../shared/building-blocks';

/**
 * The internal audit programme (9.2.2) over the certification cycle: the AIMS manager plans the
 * audits (dates, scope, priority from risk), top management approves the programme, then every
 * planned audit runs as an `internal-audit` child that opens on its own start date. The server
 * refuses a programme whose audits together leave out a clause 4–10 or an Annex A control the SoA
 * keeps, or whose dates fall outside a cycle of at most three years.
 */
export const internalAuditProgrammeWorkflow: WorkflowDefinitionInput = {
  key: 'internal-audit-programme',
  name: 'Internal audit programme',
  machine: {
    id: 'internal-audit-programme',
    initial: 'drafting',
    context: { programme: null, audits: [], reviews: [] },
    states: {
      drafting: {
        meta: {
          description:
            'Plan the audits of the cycle: every clause 4–10 and every applicable control, more often where risk is higher',
          task: {
            form: 'internal-audit-programme',
            title: 'Plan the internal audit programme',
            candidateRole: 'aims-manager',
            dueIn: 'P30D',
          },
        },
        on: {
          SUBMIT: { target: 'approving', actions: [{ type: 'assignFromForm', params: { to: 'programme' } }] },
        },
      },
      approving: {
        meta: {
          description: 'Top management approves the programme',
          approval: { levels: TOP_MANAGEMENT_SIGN_OFF, subject: 'context.programme' },
        },
        on: {
          APPROVED: 'running',
          REJECTED: { target: 'drafting', actions: [{ type: 'appendToContext', params: { to: 'reviews' } }] },
        },
      },
      running: {
        meta: {
          description: 'Every planned audit opens on its start date and runs to its end',
          subprocess: {
            definitionKey: 'internal-audit',
            forEach: 'context.programme.audits',
            input: { programmeTitle: '{{context.programme.title}}' },
          },
        },
        on: {
          CHILDREN_DONE: {
            target: 'completed',
            actions: [{ type: 'setContext', params: { values: { audits: '{{event.outputs}}' } } }],
          },
        },
      },
      completed: {
        type: 'final',
        meta: { outcome: 'completed' },
        output: { programme: '{{context.programme}}', audits: '{{context.audits}}' },
      },
    },
  },
};
