import type { WorkflowDefinitionInput } from '@aimsflow/engine';

/**
 * One major or minor nonconformity the certification body found at stage 2, started by
 * `certification-audit` for each with `{ item: <finding>, bodyName, majorDeadline }`.
 *
 * Two things run side by side: the finding's `nonconformity` case (source `certification-audit`),
 * and the closure with the body, a task due on the body's deadline: the finding's own `deadline`
 * when it has one (a minor's accepted plan, or a date the body set for a major), else
 * `majorDeadline` (90 days after the last day of stage 2, computed by the server). The server keeps
 * that due date as durable timers: a reminder before it, and an escalation to top management when
 * it lapses. The finding is done when the case is closed and the body has accepted the closure.
 */
export const certificationFindingWorkflow: WorkflowDefinitionInput = {
  key: 'certification-finding',
  name: 'Certification audit finding',
  machine: {
    id: 'certification-finding',
    initial: 'open',
    context: { item: null, bodyName: null, majorDeadline: null, nonconformityCase: null, closure: null },
    states: {
      open: {
        type: 'parallel',
        states: {
          handling: {
            initial: 'running',
            states: {
              running: {
                meta: {
                  description: 'Contain, find the cause, act and check the effect (10.2)',
                  subprocess: {
                    definitionKey: 'nonconformity',
                    input: {
                      source: 'certification-audit',
                      sourceTitle: 'Certification audit by {{context.bodyName}}',
                      item: '{{context.item}}',
                      // The server refuses corrective actions planned after the body's deadline.
                      majorDeadline: '{{context.majorDeadline}}',
                    },
                  },
                },
                on: {
                  CHILDREN_DONE: {
                    target: 'done',
                    actions: [
                      {
                        type: 'setContext',
                        params: { values: { nonconformityCase: '{{event.outputs.0}}' } },
                      },
                    ],
                  },
                },
              },
              done: { type: 'final' },
            },
          },
          closing: {
            initial: 'awaitingAcceptance',
            states: {
              awaitingAcceptance: {
                meta: {
                  description:
                    "Send the correction and its evidence to the certification body and record that it accepted them, by the body's deadline",
                  task: {
                    form: 'certification-finding-closure',
                    title:
                      'Have {{context.bodyName}} accept the closure of {{context.item.ref}}: {{context.item.title}}',
                    candidateRole: 'aims-manager',
                    // The first calendar date wins: the finding's own deadline, else the 90-day default.
                    dueOn: ['{{context.item.deadline}}', '{{context.majorDeadline}}'],
                    dueIn: 'P90D',
                    escalateTo: 'top-management',
                  },
                },
                on: {
                  SUBMIT: {
                    target: 'done',
                    actions: [{ type: 'assignFromForm', params: { to: 'closure' } }],
                  },
                },
              },
              done: { type: 'final' },
            },
          },
        },
        onDone: 'closed',
      },
      closed: {
        type: 'final',
        meta: { outcome: 'closed' },
        output: {
          outcome: 'closed',
          item: '{{context.item}}',
          closure: '{{context.closure}}',
          nonconformityCase: '{{context.nonconformityCase}}',
        },
      },
    },
  },
};
