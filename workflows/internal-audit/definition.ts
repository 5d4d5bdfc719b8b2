import type { WorkflowDefinitionInput } from '@aimsflow/engine';

/**
 * Who may not do the audit's work (checked by the server on claim, assignment and completion): the
 * auditees the plan names, and the owners and authors of register records (SoA rows, gaps, risks, …)
 * about the clauses and controls in scope. Nobody audits their own work (9.2.2 c).
 */
export const AUDIT_INDEPENDENCE = {
  people: ['context.plan.auditees'],
  scope: ['context.plan.clauses', 'context.plan.controls'],
};

const leadAuditorTask = {
  assignee: '{{context.plan.leadAuditor}}',
  candidateRole: 'internal-auditor',
  independence: AUDIT_INDEPENDENCE,
};

/**
 * One internal audit (9.2): plan → checklist → report → the lead auditor approves it → the auditee
 * acknowledges it → one `nonconformity` per major or minor finding.
 *
 * Started on its own (no input) it opens with the plan. Started by `internal-audit-programme` with
 * `{ item: <planned audit>, programmeTitle }` it first waits for the audit's start date: the server
 * keeps a durable timer for `meta.waitUntil` (the engine's own `after` delays are fixed durations),
 * and the AIMS manager may start it earlier from the task that waits with it. The plan is drafted from
 * the programme's entry, and the checklist from the catalogue's clauses in scope and the SoA's
 * controls in scope (`meta.task.prefill`, filled by the server when the task opens).
 *
 * Each nonconformity child starts with `{ source: 'internal-audit', sourceTitle, ownerId, item: <finding> }`,
 * owned by the first auditee (who acknowledged the report).
 */
export const internalAuditWorkflow: WorkflowDefinitionInput = {
  key: 'internal-audit',
  name: 'Internal audit',
  machine: {
    id: 'internal-audit',
    initial: 'starting',
    context: {
      item: null,
      programmeTitle: null,
      plan: null,
      checklist: null,
      report: null,
      reportApproval: null,
      acknowledgement: null,
      nonconformityCases: [],
      reviews: [],
    },
    states: {
      starting: {
        always: [
          {
            target: 'planning',
            guard: { type: 'contextEquals', params: { path: 'context.item', value: null } },
          },
          { target: 'scheduled' },
        ],
      },
      scheduled: {
        meta: {
          description: 'Waits for the start date the programme gave the audit',
          waitUntil: { date: 'context.item.startDate', event: 'AUDIT_DATE_REACHED' },
          task: {
            form: 'generic-task',
            title:
              'Internal audit {{context.item.reference}} opens on {{context.item.startDate}}: complete this to open it now',
            candidateRole: 'aims-manager',
          },
        },
        on: { AUDIT_DATE_REACHED: 'planning', SUBMIT: 'planning' },
      },
      planning: {
        meta: {
          description:
            'Scope (clauses and controls), criteria, dates, lead auditor, auditors and auditees (9.2.2 b–c)',
          task: {
            form: 'internal-audit-plan',
            title: 'Plan the internal audit',
            candidateRole: 'internal-auditor',
            dueIn: 'P14D',
            prefill: 'audit-plan',
            independence: {
              people: ['context.item.auditees'],
              scope: ['context.item.clauses', 'context.item.controls'],
            },
          },
        },
        on: { SUBMIT: { target: 'checking', actions: [{ type: 'assignFromForm', params: { to: 'plan' } }] } },
      },
      checking: {
        meta: {
          description: 'Audit each requirement in scope: result and evidence per line',
          task: {
            form: 'audit-checklist',
            title: 'Audit checklist: {{context.plan.reference}} {{context.plan.title}}',
            dueIn: 'P30D',
            prefill: 'audit-checklist',
            ...leadAuditorTask,
          },
        },
        on: {
          SUBMIT: { target: 'reporting', actions: [{ type: 'assignFromForm', params: { to: 'checklist' } }] },
        },
      },
      reporting: {
        meta: {
          description:
            'Grade the findings (major, minor, opportunity, observation), each with its clause or control and evidence',
          task: {
            form: 'audit-report',
            title: 'Audit report: {{context.plan.reference}} {{context.plan.title}}',
            candidateRole: 'internal-auditor',
            dueIn: 'P14D',
            prefill: 'audit-report',
            independence: AUDIT_INDEPENDENCE,
          },
        },
        on: {
          SUBMIT: {
            target: 'approvingReport',
            actions: [{ type: 'assignFromForm', params: { to: 'report' } }],
          },
        },
      },
      approvingReport: {
        meta: {
          description: 'The lead auditor approves the report or sends it back',
          task: {
            form: 'audit-report-approval',
            title: 'Approve the audit report: {{context.plan.reference}} {{context.plan.title}}',
            dueIn: 'P7D',
            ...leadAuditorTask,
          },
        },
        on: {
          SUBMIT: [
            {
              target: 'acknowledging',
              guard: { type: 'fieldEquals', params: { field: 'decision', value: 'approve' } },
              actions: [{ type: 'assignFromForm', params: { to: 'reportApproval' } }],
            },
            { target: 'reporting', actions: [{ type: 'appendToContext', params: { to: 'reviews' } }] },
          ],
        },
      },
      acknowledging: {
        meta: {
          description: 'The auditee acknowledges the report and its findings (9.2.2 d)',
          task: {
            form: 'audit-acknowledgement',
            title: 'Acknowledge the audit report: {{context.plan.reference}} {{context.plan.title}}',
            assignee: '{{context.plan.auditees.0.person}}',
            candidateRole: 'contributor',
            dueIn: 'P7D',
          },
        },
        on: {
          SUBMIT: {
            target: 'raisingNonconformities',
            actions: [{ type: 'assignFromForm', params: { to: 'acknowledgement' } }],
          },
        },
      },
      raisingNonconformities: {
        meta: {
          description: 'Each major or minor finding becomes a nonconformity case (10.2)',
          subprocess: {
            definitionKey: 'nonconformity',
            forEach: 'context.report.nonconformities',
            // The first auditee owns it: the area is theirs, and they acknowledged the finding.
            input: {
              source: 'internal-audit',
              sourceTitle: '{{context.plan.title}}',
              ownerId: '{{context.plan.auditees.0.person}}',
            },
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
          plan: '{{context.plan}}',
          checklist: '{{context.checklist}}',
          report: '{{context.report}}',
          nonconformityCases: '{{context.nonconformityCases}}',
        },
      },
    },
  },
};
