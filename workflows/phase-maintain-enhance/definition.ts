import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { childRegion, childState, gateStates } from '../shared/building-blocks';
import { cycleDeadlines, type CycleYear } from './deadlines';

const TITLE = 'Phase 5 — Maintain & Enhance';

const ALL_CLAUSES = ['4', '5', '6', '7', '8', '9', '10'];
const ALL_CONTROLS = ['A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10'];

const VISIT: Record<CycleYear, { kind: string; title: string; saveTo: string }> = {
  1: { kind: 'surveillance', title: 'Surveillance audit 1', saveTo: 'surveillance1' },
  2: { kind: 'surveillance', title: 'Surveillance audit 2', saveTo: 'surveillance2' },
  3: { kind: 'recertification', title: 'Recertification audit', saveTo: 'recertification' },
};

/**
 * One year of the certification cycle, on dates computed from the certificate when the year
 * starts (`deadlines.ts`): the certification body's visit is due by `deadlines.visitBy`, and the
 * year's own processes are scheduled to finish before it. Side by side: monitoring and measurement
 * (9.1), the yearly review of the AI policy (A.2.4) and objectives (6.2), the internal audit (9.2,
 * opening on `internalAuditOpens` and its report approved by `internalAuditBy`; it ends only when
 * its nonconformities are closed, 10.2) then the management review (9.3, minutes by
 * `managementReviewBy`), and the visit itself (`surveillance-audit`, escalated to top management
 * when it is still open after its deadline). The visit is not held back until the review is done:
 * the body comes on its own date, and a late review is something it will find. Then the year's gate.
 */
function yearOfCycle(year: CycleYear, next: string) {
  const visit = VISIT[year];
  const reference = `IA-{{context.certificate.number}}-Y${year}`;
  return {
    meta: { description: `Certification cycle, year ${year}: ${visit.title.toLowerCase()}` },
    entry: cycleDeadlines(year),
    initial: 'preparing',
    states: {
      preparing: {
        type: 'parallel',
        states: {
          monitoring: childRegion({
            definitionKey: 'monitoring-cycle',
            saveTo: 'monitoring',
            doneEvent: 'MONITORING_DONE',
            description: `Year ${year}: monitoring and measurement (9.1, A.6.2.6)`,
          }),
          policyReview: childRegion({
            definitionKey: 'ai-policy-approval',
            input: { policy: '{{context.aiPolicy.policy}}' },
            saveTo: 'aiPolicy',
            doneEvent: 'POLICY_REVIEWED',
            description: 'Yearly review of the AI policy (A.2.4)',
          }),
          objectivesReview: childRegion({
            definitionKey: 'ai-objectives-approval',
            input: { objectives: '{{context.aiObjectives.objectives}}' },
            saveTo: 'aiObjectives',
            doneEvent: 'OBJECTIVES_REVIEWED',
            description: 'Yearly review of the AI objectives (6.2)',
          }),
          evaluation: {
            initial: 'internalAudit',
            states: {
              internalAudit: childState({
                definitionKey: 'internal-audit',
                input: {
                  item: {
                    reference,
                    title: `Internal audit before the ${visit.title.toLowerCase()}`,
                    clauses: ALL_CLAUSES,
                    controls: ALL_CONTROLS,
                    startDate: '{{context.deadlines.internalAuditOpens}}',
                    endDate: '{{context.deadlines.internalAuditBy}}',
                  },
                  programmeTitle: `Certification cycle, year ${year}`,
                  dueBy: '{{context.deadlines.internalAuditBy}}',
                },
                saveTo: 'internalAudit',
                next: 'managementReview',
                doneEvent: 'INTERNAL_AUDIT_DONE',
                description: `Year ${year}: the internal audit and its nonconformities, finished 90 days before the visit (9.2, 10.2)`,
              }),
              managementReview: childState({
                definitionKey: 'management-review',
                input: { dueBy: '{{context.deadlines.managementReviewBy}}' },
                saveTo: 'managementReview',
                next: 'done',
                doneEvent: 'MANAGEMENT_REVIEW_DONE',
                description: `Year ${year}: the management review, held 30 days before the visit (9.3)`,
              }),
              done: { type: 'final' },
            },
          },
          visit: childRegion({
            definitionKey: 'surveillance-audit',
            input: {
              kind: visit.kind,
              year,
              title: visit.title,
              certificate: '{{context.certificate}}',
              dueBy: '{{context.deadlines.visitBy}}',
            },
            saveTo: visit.saveTo,
            doneEvent: 'VISIT_DONE',
            description: `The ${visit.title.toLowerCase()} by the certification body, due by the certificate's deadline`,
          }),
        },
        onDone: 'gate',
      },
      ...gateStates({ title: `${TITLE}, year ${year}`, passed: 'closed' }),
      closed: { type: 'final' },
    },
    onDone: next,
  };
}

/**
 * Phase 5 of the programme: the certification cycle on the certificate's dates (surveillance audits
 * in years 1 and 2, recertification in year 3). Input `{ certificate: { number, scope, decidedOn,
 * issuedOn, expiresOn }, aiPolicy, aiObjectives }` (phases 4 and 2). After a recertification the new
 * certificate recorded with its outcome starts the next cycle on its own dates; without one the
 * phase ends (`not-recertified`). It also ends when the AIMS manager sends END_PROGRAMME (e.g. the
 * organisation gives up certification); that ends the whole programme.
 */
export const phaseMaintainEnhanceWorkflow: WorkflowDefinitionInput = {
  key: 'phase-maintain-enhance',
  name: TITLE,
  machine: {
    id: 'phase-maintain-enhance',
    initial: 'year1',
    meta: { phase: { number: 5, title: 'Maintain & Enhance' } },
    context: {
      certificate: null,
      deadlines: null,
      aiPolicy: null,
      aiObjectives: null,
      gateReviews: [],
      rework: [],
    },
    on: {
      END_PROGRAMME: {
        target: '.ended',
        actions: [{ type: 'assignFromForm', params: { to: 'ending' } }],
      },
    },
    states: {
      year1: yearOfCycle(1, 'year2'),
      year2: yearOfCycle(2, 'year3'),
      year3: yearOfCycle(3, 'renewing'),
      renewing: {
        always: [
          {
            target: 'year1',
            guard: {
              type: 'contextEquals',
              params: { path: 'context.recertification.outcome', value: 'recertified' },
            },
            actions: [
              {
                type: 'setContext',
                params: {
                  values: {
                    certificate: '{{context.recertification.newCertificate}}',
                  },
                },
              },
            ],
          },
          { target: 'notRecertified' },
        ],
      },
      notRecertified: {
        type: 'final',
        meta: { outcome: 'not-recertified' },
        output: {
          outcome: 'not-recertified',
          certificate: '{{context.certificate}}',
          recertification: '{{context.recertification}}',
        },
      },
      ended: {
        type: 'final',
        meta: { outcome: 'ended' },
        output: {
          outcome: 'ended',
          ending: '{{context.ending}}',
          certificate: '{{context.certificate}}',
          surveillance1: '{{context.surveillance1}}',
          surveillance2: '{{context.surveillance2}}',
          recertification: '{{context.recertification}}',
        },
      },
    },
  },
};
