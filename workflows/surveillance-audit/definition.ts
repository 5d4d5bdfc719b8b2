import type { WorkflowDefinitionInput } from '@aimsflow/engine';

/** What the visit is: a surveillance audit (years 1 and 2) or the recertification audit (year 3). */
export const VISIT_KINDS = ['surveillance', 'recertification'] as const;

/**
 * One visit of the certification body after certification: a surveillance audit, or (input
 * `kind: 'recertification'`) the full-scope recertification audit before the certificate expires.
 * Started by phase 5 with `{ kind, year, title, certificate, dueBy }`: `dueBy` (yyyy-mm-dd) is the
 * deadline computed from the certificate's dates. The visit task is due at the end of that day and,
 * when it is still open then, is escalated to top management (the server's task-deadline timers).
 *
 * Record the visit (its dates and which clauses and controls the body sampled, fed to the
 * `surveillance-visits` register for the coverage over the cycle) → the body's findings, graded, and
 * its outcome (for a recertification, the new certificate) → one `nonconformity` per major or minor
 * finding, source `certification-audit`; the visit is complete when those are closed.
 */
export const surveillanceAuditWorkflow: WorkflowDefinitionInput = {
  key: 'surveillance-audit',
  name: 'Surveillance or recertification audit',
  machine: {
    id: 'surveillance-audit',
    initial: 'visiting',
    context: {
      kind: 'surveillance',
      year: null,
      title: 'Surveillance audit',
      certificate: null,
      dueBy: null,
      visit: null,
      report: null,
      nonconformityCases: [],
    },
    states: {
      visiting: {
        meta: {
          description:
            "The certification body's visit: its dates, its auditors and the clauses and controls it sampled",
          task: {
            form: 'surveillance-visit',
            title: "{{context.title}}: record the certification body's visit (due by {{context.dueBy}})",
            candidateRole: 'aims-manager',
            // Without a computed deadline (started by hand) the task is due a month after it opens.
            dueIn: 'P30D',
            dueOn: '{{context.dueBy}}',
            escalateTo: 'top-management',
          },
        },
        on: {
          SUBMIT: { target: 'reporting', actions: [{ type: 'assignFromForm', params: { to: 'visit' } }] },
        },
      },
      reporting: {
        meta: {
          description:
            "The body's findings, each graded and tied to a clause or control, and the body's outcome",
          task: {
            form: 'surveillance-report',
            title: "{{context.title}}: record the body's findings and outcome",
            candidateRole: 'aims-manager',
            dueIn: 'P14D',
          },
        },
        on: {
          SUBMIT: {
            target: 'raisingNonconformities',
            actions: [{ type: 'assignFromForm', params: { to: 'report' } }],
          },
        },
      },
      raisingNonconformities: {
        meta: {
          description: 'Each major or minor finding of the body becomes a nonconformity case (10.2)',
          subprocess: {
            definitionKey: 'nonconformity',
            forEach: 'context.report.nonconformities',
            input: { source: 'certification-audit', sourceTitle: '{{context.title}}' },
          },
        },
        on: {
          CHILDREN_DONE: {
            target: 'completed',
            actions: [
              { type: 'setContext', params: { values: { nonconformityCases: '{{event.outputs}}' } } },
            ],
          },
        },
      },
      completed: {
        type: 'final',
        meta: { outcome: 'completed' },
        output: {
          kind: '{{context.kind}}',
          year: '{{context.year}}',
          dueBy: '{{context.dueBy}}',
          visit: '{{context.visit}}',
          outcome: '{{context.report.outcome}}',
          report: '{{context.report}}',
          newCertificate: '{{context.report.newCertificate}}',
          nonconformityCases: '{{context.nonconformityCases}}',
        },
      },
    },
  },
};
