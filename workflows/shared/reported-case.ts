/**
 * The machine an AI incident (A.8.4) and a concern (A.3.3) share: the person who raises it reports
 * it, an AIMS manager triages it, the handler responds and tells those who must know, and, when the
 * triage found a requirement not met, a `nonconformity` is raised as a child (the case stays open,
 * following it, until the nonconformity is closed). Started with `{ reporterId }` (the API's intake
 * route sets it to the signed-in user), or, for an anonymous concern, with `{ report, anonymous: true }`
 * and no reporter.
 */
export interface ReportedCaseOptions {
  key: string;
  reportForm: string;
  reportTitle: string;
  /** Field of the report that describes it; it becomes the nonconformity's description. */
  descriptionField: string;
  /** The nonconformity's source (its start-input contract). */
  nonconformitySource: 'incident' | 'complaint';
  /** Response deadline of the triage, e.g. `P1D` for an incident. */
  triageDueIn: string;
  describe: { reporting: string; triaging: string; responding: string; communicating: string };
}

export function reportedCaseMachine(options: ReportedCaseOptions): Record<string, unknown> {
  const { key, describe } = options;
  const handlerTask = (form: string, title: string, description: string, dueIn: string) => ({
    description,
    task: { form, title, assignee: '{{context.handlerId}}', candidateRole: 'aims-manager', dueIn },
  });
  return {
    id: key,
    initial: 'reporting',
    context: {
      reporterId: null,
      // An anonymous concern arrives with its report already written and no reporter (see below).
      anonymous: false,
      handlerId: null,
      report: null,
      triage: null,
      response: null,
      communication: null,
      nonconformityId: null,
      nonconformity: null,
    },
    states: {
      reporting: {
        meta: {
          description: describe.reporting,
          task: {
            form: options.reportForm,
            title: options.reportTitle,
            assignee: '{{context.reporterId}}',
            // Only when nobody is named (started without a reporter): an AIMS manager records it.
            candidateRole: 'aims-manager',
            dueIn: 'P1D',
          },
        },
        // Started with the report itself (the API's anonymous intake, which validated it against the
        // report form): straight to triage, with no report task that would name who wrote it.
        always: {
          target: 'triaging',
          guard: { type: 'contextNotEquals', params: { path: 'context.report', value: null } },
        },
        on: {
          SUBMIT: { target: 'triaging', actions: [{ type: 'assignFromForm', params: { to: 'report' } }] },
        },
      },
      triaging: {
        meta: {
          description: describe.triaging,
          task: {
            form: 'report-triage',
            title: 'Triage: {{context.report.title}}',
            candidateRole: 'aims-manager',
            dueIn: options.triageDueIn,
          },
        },
        on: {
          SUBMIT: {
            target: 'responding',
            actions: [
              { type: 'assignFromForm', params: { to: 'triage' } },
              { type: 'setContext', params: { values: { handlerId: '{{event.data.handlerId}}' } } },
            ],
          },
        },
      },
      responding: {
        meta: handlerTask('report-response', 'Respond: {{context.report.title}}', describe.responding, 'P7D'),
        on: {
          SUBMIT: {
            target: 'communicating',
            actions: [{ type: 'assignFromForm', params: { to: 'response' } }],
          },
        },
      },
      communicating: {
        meta: handlerTask(
          'report-communication',
          'Tell those who must know: {{context.report.title}}',
          describe.communicating,
          'P3D',
        ),
        on: {
          SUBMIT: {
            target: 'deciding',
            actions: [{ type: 'assignFromForm', params: { to: 'communication' } }],
          },
        },
      },
      deciding: {
        always: [
          {
            target: 'raisingNonconformity',
            guard: {
              type: 'contextEquals',
              params: { path: 'context.triage.raiseNonconformity', value: true },
            },
          },
          { target: 'closed' },
        ],
      },
      raisingNonconformity: {
        meta: {
          description: 'A requirement was not met: the nonconformity is handled in its own process (10.2)',
          subprocess: {
            definitionKey: 'nonconformity',
            input: {
              source: options.nonconformitySource,
              sourceTitle: '{{context.report.title}}',
              ownerId: '{{context.handlerId}}',
              item: {
                title: '{{context.report.title}}',
                description: `{{context.report.${options.descriptionField}}}`,
                grade: '{{context.triage.grade}}',
                clause: '{{context.triage.clause}}',
                control: '{{context.triage.control}}',
                evidence: '{{context.response.actions}}',
              },
            },
          },
        },
        on: {
          CHILDREN_DONE: {
            target: 'closed',
            actions: [
              {
                type: 'setContext',
                params: {
                  values: {
                    nonconformityId: '{{event.outputs.0.instanceId}}',
                    nonconformity: '{{event.outputs.0.output}}',
                  },
                },
              },
            ],
          },
        },
      },
      closed: {
        type: 'final',
        meta: { outcome: 'closed' },
        output: {
          outcome: 'closed',
          report: '{{context.report}}',
          triage: '{{context.triage}}',
          response: '{{context.response}}',
          communication: '{{context.communication}}',
          nonconformityId: '{{context.nonconformityId}}',
        },
      },
    },
  };
}
