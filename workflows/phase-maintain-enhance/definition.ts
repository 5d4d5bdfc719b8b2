import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { childRegion, gateStates, singleTask, taskState } from '../shared/building-blocks';

const TITLE = 'Phase 5 — Maintain & Enhance';

/**
 * One year of the three-year certification cycle. Two regions: the year's work (maintenance,
 * adaptation, the yearly review of policy and objectives, internal audit and management review,
 * then the external audit and the year's gate) and a one-year clock. The next year starts when
 * both are done: not before the year is over, and not before its work is signed off.
 */
function yearOfCycle(year: 1 | 2 | 3, next: string) {
  const audit = year === 3 ? 'recertification audit' : `surveillance audit (year ${year})`;
  const records = `records.year${year}`;
  return {
    type: 'parallel',
    meta: { description: `Certification cycle, year ${year}: ${audit}` },
    states: {
      work: {
        initial: 'maintaining',
        states: {
          maintaining: {
            type: 'parallel',
            states: {
              maintenance: singleTask({
                form: 'generic-task',
                title: `Year ${year}: keep the AIMS running: registers, risk and impact reassessments on change`,
                candidateRole: 'aims-manager',
                dueIn: 'P90D',
                saveTo: `${records}.maintenance`,
              }),
              adaptation: singleTask({
                form: 'generic-task',
                title: `Year ${year}: adapt the AIMS to new AI technology, risks, regulation and customer feedback`,
                candidateRole: 'aims-manager',
                dueIn: 'P180D',
                saveTo: `${records}.adaptation`,
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
                  internalAudit: taskState({
                    form: 'generic-task',
                    title: `Year ${year}: conduct the internal audits of the audit programme (9.2)`,
                    candidateRole: 'internal-auditor',
                    dueIn: 'P180D',
                    saveTo: `${records}.internalAudit`,
                    next: 'managementReview',
                  }),
                  managementReview: taskState({
                    form: 'generic-task',
                    title: `Year ${year}: hold the management review and record its decisions (9.3)`,
                    candidateRole: 'aims-manager',
                    dueIn: 'P30D',
                    saveTo: `${records}.managementReview`,
                    next: 'done',
                  }),
                  done: { type: 'final' },
                },
              },
            },
            onDone: 'externalAudit',
          },
          externalAudit: taskState({
            form: 'generic-task',
            title: `Host the ${audit} and record its findings and corrective actions`,
            candidateRole: 'aims-manager',
            dueIn: 'P60D',
            saveTo: `${records}.externalAudit`,
            next: 'gate',
          }),
          ...gateStates({ title: `${TITLE}, year ${year}`, passed: 'closed' }),
          closed: { type: 'final' },
        },
      },
      clock: {
        initial: 'running',
        states: { running: { after: { P1Y: 'elapsed' } }, elapsed: { type: 'final' } },
      },
    },
    onDone: next,
  };
}

/**
 * Phase 5 of the programme: the certification cycle, year after year (surveillance audits in
 * years 1 and 2, recertification in year 3, then again). It runs until the AIMS manager sends
 * END_PROGRAMME (e.g. the organisation gives up certification); that ends the whole programme.
 * Input `{ aiPolicy, aiObjectives }` (phase 2's outputs) seeds the yearly reviews.
 */
export const phaseMaintainEnhanceWorkflow: WorkflowDefinitionInput = {
  key: 'phase-maintain-enhance',
  name: TITLE,
  machine: {
    id: 'phase-maintain-enhance',
    initial: 'year1',
    meta: { phase: { number: 5, title: 'Maintain & Enhance' } },
    context: { aiPolicy: null, aiObjectives: null, records: {}, gateReviews: [], rework: [] },
    on: {
      END_PROGRAMME: {
        target: '.ended',
        actions: [{ type: 'assignFromForm', params: { to: 'ending' } }],
      },
    },
    states: {
      year1: yearOfCycle(1, 'year2'),
      year2: yearOfCycle(2, 'year3'),
      year3: yearOfCycle(3, 'year1'),
      ended: {
        type: 'final',
        meta: { outcome: 'ended' },
        output: { outcome: 'ended', ending: '{{context.ending}}', records: '{{context.records}}' },
      },
    },
  },
};
