import type { WorkflowDefinitionInput } from '@aimsflow/engine';

const manager = (form: string, title: string, dueIn: string, extra: Record<string, unknown> = {}) => ({
  form,
  title,
  candidateRole: 'aims-manager',
  dueIn,
  ...extra,
});

const keep = (to: string) => [{ type: 'assignFromForm', params: { to } }];

/**
 * The certification audit by an accredited body (phase 4), run by the AIMS manager who records what
 * the body does:
 * - the body: name, accreditation body and number, scope, audit days, contacts;
 * - stage 1, the document review: a checklist of the documented information the standard asks for,
 *   drafted by the server from the catalogue with a link to where each is kept in Aimsflow
 *   (`meta.task.prefill`). Concerns the body raises are resolved by the AIMS manager and reviewed
 *   again, as often as needed, before stage 2 is scheduled;
 * - stage 2: its dates as agreed, then as held (late or not), then the body's findings per clause or
 *   control, graded. The server drafts the default deadline for majors, 90 days after the last day
 *   held, and refuses a findings record that does not match it. Each major or minor becomes a
 *   `certification-finding` (its nonconformity case and the closure with the body, due on the
 *   body's deadline with a reminder and an escalation to top management);
 * - the body's decision: granted, granted once the nonconformities were closed, or not granted;
 * - when granted, the certificate (number, scope, decision, issue and expiry dates; expiry drafted
 *   three years after issue) in the certificates register.
 *
 * Output: `{ decision, certificate, body, findings, findingCases }`; outcome `granted` or `not-granted`.
 */
export const certificationAuditWorkflow: WorkflowDefinitionInput = {
  key: 'certification-audit',
  name: 'Certification audit',
  machine: {
    id: 'certification-audit',
    initial: 'engagingBody',
    context: {
      body: null,
      stageOne: null,
      stageOneReviews: [],
      concernResolutions: [],
      stageTwoSchedule: null,
      stageTwo: null,
      findings: null,
      findingCases: [],
      decision: null,
      certificate: null,
    },
    states: {
      engagingBody: {
        meta: {
          description: 'Record the accredited certification body, the scope it certifies and its audit days',
          task: manager('certification-body', 'Record the certification body and the agreed scope', 'P30D'),
        },
        on: { SUBMIT: { target: 'reviewingDocuments', actions: keep('body') } },
      },
      reviewingDocuments: {
        meta: {
          description:
            'Stage 1: the body reviews the documented information; record what it accepted and each concern it raised',
          task: manager(
            'certification-stage-one',
            'Stage 1 document review by {{context.body.name}}',
            'P30D',
            { prefill: 'certification-stage-one', dueOn: '{{context.body.stageOneEnd}}' },
          ),
        },
        on: {
          SUBMIT: [
            {
              target: 'resolvingConcerns',
              guard: { type: 'fieldEquals', params: { field: 'outcome', value: 'concerns-raised' } },
              actions: [
                { type: 'setContext', params: { values: { stageOne: '{{event.data}}' } } },
                { type: 'appendToContext', params: { to: 'stageOneReviews' } },
              ],
            },
            {
              target: 'schedulingStageTwo',
              actions: [
                { type: 'setContext', params: { values: { stageOne: '{{event.data}}' } } },
                { type: 'appendToContext', params: { to: 'stageOneReviews' } },
              ],
            },
          ],
        },
      },
      resolvingConcerns: {
        meta: {
          description: 'Resolve each stage 1 concern so that the body can review again before stage 2',
          task: manager(
            'certification-concern-resolution',
            'Resolve the stage 1 concerns of {{context.body.name}}',
            'P30D',
          ),
        },
        on: {
          SUBMIT: {
            target: 'reviewingDocuments',
            actions: [{ type: 'appendToContext', params: { to: 'concernResolutions' } }],
          },
        },
      },
      schedulingStageTwo: {
        meta: {
          description: 'Agree the stage 2 dates with the body',
          task: manager(
            'certification-stage-two-schedule',
            'Agree the stage 2 dates with {{context.body.name}}',
            'P14D',
          ),
        },
        on: { SUBMIT: { target: 'holdingStageTwo', actions: keep('stageTwoSchedule') } },
      },
      holdingStageTwo: {
        meta: {
          description: 'Stage 2 on site: record the dates it was actually held',
          task: manager(
            'certification-stage-two',
            'Stage 2 audit by {{context.body.name}}, planned {{context.stageTwoSchedule.startDate}} to {{context.stageTwoSchedule.endDate}}',
            'P90D',
            { prefill: 'certification-stage-two', dueOn: '{{context.stageTwoSchedule.endDate}}' },
          ),
        },
        on: { SUBMIT: { target: 'recordingFindings', actions: keep('stageTwo') } },
      },
      recordingFindings: {
        meta: {
          description:
            'Record the body’s findings per clause or control, graded major, minor or opportunity, with its deadlines',
          task: manager(
            'certification-findings',
            'Record the stage 2 findings of {{context.body.name}}',
            'P14D',
            {
              prefill: 'certification-findings',
            },
          ),
        },
        on: { SUBMIT: { target: 'correcting', actions: keep('findings') } },
      },
      correcting: {
        meta: {
          description:
            'Each major or minor nonconformity is handled and closed with the body by its deadline (10.2)',
          subprocess: {
            definitionKey: 'certification-finding',
            forEach: 'context.findings.nonconformities',
            input: { bodyName: '{{context.body.name}}', majorDeadline: '{{context.findings.majorDeadline}}' },
          },
        },
        on: {
          CHILDREN_DONE: {
            target: 'deciding',
            actions: [{ type: 'setContext', params: { values: { findingCases: '{{event.outputs}}' } } }],
          },
        },
      },
      deciding: {
        meta: {
          description: 'Record the decision of the certification body',
          task: manager(
            'certification-decision',
            'Record the certification decision of {{context.body.name}}',
            'P60D',
          ),
        },
        on: {
          SUBMIT: [
            {
              target: 'notGranted',
              guard: { type: 'fieldEquals', params: { field: 'decision', value: 'not-granted' } },
              actions: keep('decision'),
            },
            { target: 'recordingCertificate', actions: keep('decision') },
          ],
        },
      },
      recordingCertificate: {
        meta: {
          description: 'Record the certificate: number, scope, decision, issue and expiry dates',
          task: manager('certificate', 'Record the certificate issued by {{context.body.name}}', 'P30D', {
            prefill: 'certificate',
          }),
        },
        on: { SUBMIT: { target: 'granted', actions: keep('certificate') } },
      },
      granted: {
        type: 'final',
        meta: { outcome: 'granted' },
        output: {
          outcome: 'granted',
          decision: '{{context.decision}}',
          certificate: {
            number: '{{context.certificate.number}}',
            scope: '{{context.certificate.scope}}',
            decidedOn: '{{context.certificate.decidedOn}}',
            issuedOn: '{{context.certificate.issuedOn}}',
            expiresOn: '{{context.certificate.expiresOn}}',
          },
          body: '{{context.body}}',
          findings: '{{context.findings}}',
          findingCases: '{{context.findingCases}}',
        },
      },
      notGranted: {
        type: 'final',
        meta: { outcome: 'not-granted' },
        output: {
          outcome: 'not-granted',
          decision: '{{context.decision}}',
          certificate: null,
          body: '{{context.body}}',
          findings: '{{context.findings}}',
          findingCases: '{{context.findingCases}}',
        },
      },
    },
  },
};
