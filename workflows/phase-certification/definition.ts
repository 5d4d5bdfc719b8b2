import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { childState, gateStates } from '../shared/building-blocks';

const TITLE = 'Phase 4 — Certification';

/**
 * Phase 4 of the programme: the certification audit by an accredited body (`certification-audit`:
 * the body, stage 1 with its concerns resolved, stage 2 and its findings closed by the body's
 * deadlines, the decision and the certificate); top management signs the gate. When the body does
 * not grant the certificate, the AIMS manager addresses its reasons and a new certification audit
 * starts.
 *
 * Output: `{ outcome: 'passed', certificate: { number, scope, decidedOn, issuedOn, expiresOn },
 * certificationAudit }`, the dates as yyyy-mm-dd; phase 5 plans surveillance and recertification
 * from `certificate`.
 */
export const phaseCertificationWorkflow: WorkflowDefinitionInput = {
  key: 'phase-certification',
  name: TITLE,
  machine: {
    id: 'phase-certification',
    initial: 'certifying',
    meta: { phase: { number: 4, title: 'Certification' } },
    context: { certificationAudit: null, notGranted: [], gateReviews: [], rework: [] },
    states: {
      certifying: childState({
        definitionKey: 'certification-audit',
        saveTo: 'certificationAudit',
        next: 'checkingDecision',
        description: 'Stage 1 and stage 2 by the certification body, its findings closed, its decision',
      }),
      checkingDecision: {
        always: [
          {
            target: 'addressingRefusal',
            guard: {
              type: 'contextEquals',
              params: { path: 'context.certificationAudit.outcome', value: 'not-granted' },
            },
          },
          { target: 'gate' },
        ],
      },
      addressingRefusal: {
        meta: {
          description: 'The body did not grant the certificate: address its reasons before a new audit',
          task: {
            form: 'generic-task',
            title:
              'Address the reasons the certificate was not granted, then start a new certification audit',
            candidateRole: 'aims-manager',
            dueIn: 'P60D',
          },
        },
        on: {
          SUBMIT: {
            target: 'certifying',
            actions: [
              {
                type: 'appendToContext',
                params: { to: 'notGranted', from: 'data' },
              },
            ],
          },
        },
      },
      ...gateStates({ title: TITLE, passed: 'passed' }),
      passed: {
        type: 'final',
        meta: { outcome: 'passed' },
        output: {
          outcome: 'passed',
          certificate: '{{context.certificationAudit.certificate}}',
          certificationAudit: '{{context.certificationAudit}}',
        },
      },
    },
  },
};
