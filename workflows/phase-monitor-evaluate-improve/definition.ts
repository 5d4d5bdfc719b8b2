import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { childRegion, childState, gateStates } from '../shared/building-blocks';

const TITLE = 'Phase 3 — Monitor, Evaluate & Improve';

/**
 * Phase 3 of the programme, run by the processes built for it. Monitoring and measurement (9.1,
 * A.6.2.6) and the first internal audit (9.2) run side by side: the monitoring cycle records a
 * result every period until a period is recorded as the last of the phase; the audit plans,
 * checks, reports and starts a `nonconformity` (10.2) for each major or minor finding, and ends
 * only when those are closed, so nonconformities are handled before the review considers them.
 * Then the management review (9.3) is held on the input pack the registers give, its actions
 * tracked to their owners; top management signs the gate. No step is a generic task.
 */
export const phaseMonitorEvaluateImproveWorkflow: WorkflowDefinitionInput = {
  key: 'phase-monitor-evaluate-improve',
  name: TITLE,
  machine: {
    id: 'phase-monitor-evaluate-improve',
    initial: 'evaluating',
    meta: { phase: { number: 3, title: 'Monitor, Evaluate & Improve' } },
    context: { records: {}, gateReviews: [], rework: [] },
    states: {
      evaluating: {
        type: 'parallel',
        states: {
          monitoring: childRegion({
            definitionKey: 'monitoring-cycle',
            saveTo: 'monitoring',
            doneEvent: 'MONITORING_DONE',
            description:
              'Monitoring and measurement of the AIMS and of AI systems in operation (9.1, A.6.2.6)',
          }),
          auditing: childRegion({
            definitionKey: 'internal-audit',
            saveTo: 'internalAudit',
            doneEvent: 'INTERNAL_AUDIT_DONE',
            description: 'The first internal audit, its findings and their nonconformities (9.2, 10.2)',
          }),
        },
        onDone: 'managementReview',
      },
      managementReview: childState({
        definitionKey: 'management-review',
        saveTo: 'managementReview',
        next: 'gate',
        doneEvent: 'MANAGEMENT_REVIEW_DONE',
        description: 'The management review on the monitoring and audit results (9.3)',
      }),
      ...gateStates({ title: TITLE, passed: 'passed' }),
      passed: {
        type: 'final',
        meta: { outcome: 'passed' },
        output: {
          outcome: 'passed',
          monitoring: '{{context.monitoring}}',
          internalAudit: '{{context.internalAudit}}',
          managementReview: '{{context.managementReview}}',
        },
      },
    },
  },
};
