import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { gateStates, taskState } from '../shared/building-blocks';

const TITLE = 'Phase 4 — Certification';

/**
 * Phase 4 of the programme: check readiness, engage an accredited certification body, go through
 * the stage 1 and stage 2 audits, correct what they find, and record the certificate; top
 * management signs the gate.
 */
export const phaseCertificationWorkflow: WorkflowDefinitionInput = {
  key: 'phase-certification',
  name: TITLE,
  machine: {
    id: 'phase-certification',
    initial: 'preparingForAudit',
    meta: { phase: { number: 4, title: 'Certification' } },
    context: { records: {}, gateReviews: [], rework: [] },
    states: {
      preparingForAudit: taskState({
        form: 'generic-task',
        title:
          'Check readiness for the external audit: evidence pack, internal audit and management review done',
        candidateRole: 'aims-manager',
        dueIn: 'P30D',
        saveTo: 'records.readiness',
        next: 'engagingCertificationBody',
      }),
      engagingCertificationBody: taskState({
        form: 'generic-task',
        title: 'Select an accredited certification body and agree scope and dates',
        candidateRole: 'aims-manager',
        dueIn: 'P30D',
        saveTo: 'records.certificationBody',
        next: 'stageOneAudit',
      }),
      stageOneAudit: taskState({
        form: 'generic-task',
        title: 'Host the stage 1 audit (documentation and readiness) and record its findings',
        candidateRole: 'aims-manager',
        dueIn: 'P60D',
        saveTo: 'records.stageOne',
        next: 'stageTwoAudit',
      }),
      stageTwoAudit: taskState({
        form: 'generic-task',
        title: 'Host the stage 2 audit (implementation) and record its findings',
        candidateRole: 'aims-manager',
        dueIn: 'P60D',
        saveTo: 'records.stageTwo',
        next: 'addressingFindings',
      }),
      addressingFindings: taskState({
        form: 'generic-task',
        title:
          'Correct the audit nonconformities: majors before the certificate, minors with an accepted plan',
        candidateRole: 'aims-manager',
        dueIn: 'P90D',
        saveTo: 'records.findings',
        next: 'recordingCertificate',
      }),
      recordingCertificate: taskState({
        form: 'generic-task',
        title: 'Record the ISO/IEC 42001 certificate (number, scope, validity)',
        candidateRole: 'aims-manager',
        dueIn: 'P30D',
        saveTo: 'records.certificate',
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
