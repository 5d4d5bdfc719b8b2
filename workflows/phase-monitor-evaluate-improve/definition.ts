import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { gateStates, taskState } from '../shared/building-blocks';

const TITLE = 'Phase 3 — Monitor, Evaluate & Improve';

/**
 * Phase 3 of the programme: measure the AIMS and the AI systems in operation, run the first
 * internal audit, hold the first management review on those results, and act on the
 * nonconformities and improvement opportunities they raise; top management signs the gate.
 */
export const phaseMonitorEvaluateImproveWorkflow: WorkflowDefinitionInput = {
  key: 'phase-monitor-evaluate-improve',
  name: TITLE,
  machine: {
    id: 'phase-monitor-evaluate-improve',
    initial: 'monitoring',
    meta: { phase: { number: 3, title: 'Monitor, Evaluate & Improve' } },
    context: { records: {}, gateReviews: [], rework: [] },
    states: {
      monitoring: taskState({
        form: 'generic-task',
        title: 'Set up monitoring and measurement of the AIMS and of AI systems in operation (9.1, A.6.2.6)',
        description: 'What is measured, how, when, by whom; results kept and evaluated',
        candidateRole: 'aims-manager',
        dueIn: 'P30D',
        saveTo: 'records.monitoring',
        next: 'planningInternalAudit',
      }),
      planningInternalAudit: taskState({
        form: 'generic-task',
        title: 'Plan the internal audit programme: frequency, methods, criteria, scope (9.2.2)',
        candidateRole: 'internal-auditor',
        dueIn: 'P14D',
        saveTo: 'records.auditProgramme',
        next: 'internalAudit',
      }),
      internalAudit: taskState({
        form: 'generic-task',
        title: 'Conduct the internal audit and report the findings (9.2)',
        description: 'Auditors are impartial: nobody audits their own work',
        candidateRole: 'internal-auditor',
        dueIn: 'P30D',
        saveTo: 'records.internalAudit',
        next: 'managementReview',
      }),
      managementReview: taskState({
        form: 'generic-task',
        title: 'Hold the management review and record its decisions (9.3)',
        description:
          'With the 9.3.2 inputs: previous actions, changes, performance, audit results, improvement',
        candidateRole: 'aims-manager',
        dueIn: 'P30D',
        saveTo: 'records.managementReview',
        next: 'improving',
      }),
      improving: taskState({
        form: 'generic-task',
        title: 'Correct nonconformities, find root causes and log improvements (10.1, 10.2)',
        candidateRole: 'aims-manager',
        dueIn: 'P30D',
        saveTo: 'records.improvement',
        next: 'gate',
      }),
      ...gateStates({ title: TITLE, passed: 'passed' }),
      passed: {
        type: 'final',
        meta: { outcome: 'passed' },
        output: { outcome: 'passed', records: '{{context.records}}' },
      },
    },
  },
};
