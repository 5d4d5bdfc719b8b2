import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { annexAControls } from '@aimsflow/iso42001';
import {
  MANAGER_THEN_TOP_MANAGEMENT,
  TOP_MANAGEMENT_SIGN_OFF,
  childRegion,
  childState,
  draftAndApprove,
  gateStates,
  singleTask,
} from '../shared/building-blocks';

const TITLE = 'Phase 2 — Build & Implement';

/**
 * Phase 2 of the programme. First the framework and the inventory (policy, objectives, roles,
 * resources, communication, documented information, AI systems); then a risk assessment and an
 * impact assessment per registered AI system; then the Statement of Applicability, one entry per
 * Annex A control, signed as a whole; then the operational work (controls and life-cycle
 * processes, external providers, competence and awareness); top management signs the gate.
 */
export const phaseBuildImplementWorkflow: WorkflowDefinitionInput = {
  key: 'phase-build-implement',
  name: TITLE,
  machine: {
    id: 'phase-build-implement',
    initial: 'establishing',
    meta: { phase: { number: 2, title: 'Build & Implement' } },
    context: {
      aiSystems: [],
      controls: annexAControls.map((control) => ({ id: control.id, title: control.title })),
      reviews: {},
      records: {},
      gateReviews: [],
      rework: [],
    },
    states: {
      establishing: {
        type: 'parallel',
        states: {
          policy: childRegion({
            definitionKey: 'ai-policy-approval',
            saveTo: 'aiPolicy',
            doneEvent: 'POLICY_APPROVED',
            description: 'AI policy (5.2, A.2.2)',
          }),
          objectives: childRegion({
            definitionKey: 'ai-objectives-approval',
            saveTo: 'aiObjectives',
            doneEvent: 'OBJECTIVES_APPROVED',
            description: 'AI objectives (6.2)',
          }),
          roles: {
            meta: { description: 'Roles, responsibilities and authorities, as a RACI (5.3, A.3.2)' },
            ...draftAndApprove({
              form: 'generic-task',
              title: 'Assign AI roles, responsibilities and authorities (RACI) and a channel for concerns',
              candidateRole: 'aims-manager',
              dueIn: 'P21D',
              saveTo: 'records.roles',
              levels: TOP_MANAGEMENT_SIGN_OFF,
            }),
          },
          resources: singleTask({
            form: 'generic-task',
            title: 'Determine and provide the resources for the AIMS (7.1, A.4)',
            candidateRole: 'aims-manager',
            dueIn: 'P30D',
            saveTo: 'records.resources',
          }),
          communication: singleTask({
            form: 'generic-task',
            title: 'Plan internal and external communication about the AIMS (7.4)',
            candidateRole: 'aims-manager',
            dueIn: 'P30D',
            saveTo: 'records.communication',
          }),
          documentedInformation: singleTask({
            form: 'generic-task',
            title: 'Set up control of documented information: register, versions, access, retention (7.5)',
            candidateRole: 'aims-manager',
            dueIn: 'P30D',
            saveTo: 'records.documentedInformation',
          }),
          inventory: {
            meta: { description: 'AI system inventory: one registration per system' },
            initial: 'registering',
            states: {
              // Each submission adds a system and opens the task again for the next one; the AIMS
              // manager sends INVENTORY_COMPLETE once every system in scope is registered.
              registering: {
                meta: {
                  task: {
                    form: 'ai-system-registration',
                    title: 'Register an AI system in the inventory',
                    candidateRole: 'aims-manager',
                    dueIn: 'P30D',
                  },
                  actions: [
                    {
                      event: 'INVENTORY_COMPLETE',
                      title: 'Inventory complete',
                      description:
                        'Every AI system in scope is registered: close the inventory and go on to the risk and impact assessments.',
                      confirm:
                        'Close the AI system inventory? Systems found later come in through a new registration.',
                      unavailableReason: 'Register at least one AI system first.',
                    },
                  ],
                },
                on: {
                  SUBMIT: {
                    target: 'registering',
                    reenter: true,
                    actions: [{ type: 'appendToContext', params: { to: 'aiSystems' } }],
                  },
                  INVENTORY_COMPLETE: {
                    target: 'done',
                    guard: { type: 'contextNotEquals', params: { path: 'context.aiSystems', value: [] } },
                  },
                },
              },
              done: { type: 'final' },
            },
          },
        },
        onDone: 'assessing',
      },
      assessing: {
        type: 'parallel',
        states: {
          risks: childRegion({
            definitionKey: 'ai-risk-assessment',
            forEach: 'context.aiSystems',
            saveTo: 'riskAssessments',
            doneEvent: 'RISK_ASSESSMENTS_DONE',
            description: 'AI risk assessment and treatment per system (6.1.2, 6.1.3, 8.2, 8.3)',
          }),
          impacts: childRegion({
            definitionKey: 'ai-impact-assessment',
            forEach: 'context.aiSystems',
            saveTo: 'impactAssessments',
            doneEvent: 'IMPACT_ASSESSMENTS_DONE',
            description: 'AI system impact assessment per system (6.1.4, 8.4, A.5)',
          }),
        },
        onDone: 'statementOfApplicability',
      },
      statementOfApplicability: {
        meta: {
          description:
            'Statement of Applicability: every Annex A control included or excluded, with reasons (6.1.3)',
        },
        initial: 'entries',
        states: {
          entries: childState({
            definitionKey: 'soa-entry-review',
            forEach: 'context.controls',
            saveTo: 'soaEntries',
            next: 'signing',
          }),
          signing: {
            meta: { approval: { levels: MANAGER_THEN_TOP_MANAGEMENT, subject: 'context.soaEntries' } },
            on: {
              APPROVED: 'approved',
              // The chain's comments say which entries to change; those are redone in a rework task.
              REJECTED: {
                target: 'revising',
                actions: [{ type: 'appendToContext', params: { to: 'reviews.soa' } }],
              },
            },
          },
          revising: {
            meta: {
              task: {
                form: 'generic-task',
                title: 'Revise the Statement of Applicability after review',
                candidateRole: 'aims-manager',
                dueIn: 'P14D',
              },
            },
            on: {
              SUBMIT: {
                target: 'signing',
                actions: [{ type: 'appendToContext', params: { to: 'records.soaRevisions' } }],
              },
            },
          },
          approved: { type: 'final' },
        },
        onDone: 'implementing',
      },
      implementing: {
        type: 'parallel',
        states: {
          operations: singleTask({
            form: 'generic-task',
            title: 'Implement the selected controls and the AI system life-cycle processes (8.1, A.6)',
            candidateRole: 'aims-manager',
            dueIn: 'P60D',
            saveTo: 'records.operations',
          }),
          externalProviders: singleTask({
            form: 'generic-task',
            title: 'Control external providers and third-party AI components (8.1, A.10)',
            candidateRole: 'aims-manager',
            dueIn: 'P30D',
            saveTo: 'records.externalProviders',
          }),
          competence: singleTask({
            form: 'generic-task',
            title: 'Record the competence of people working on AI systems (7.2)',
            candidateRole: 'aims-manager',
            dueIn: 'P30D',
            saveTo: 'records.competence',
          }),
          awareness: singleTask({
            form: 'awareness-acknowledgement',
            title: 'Acknowledge the AI policy and your part in the AIMS (7.3)',
            candidateRole: 'contributor',
            dueIn: 'P30D',
            saveTo: 'records.awareness',
          }),
        },
        onDone: 'gate',
      },
      ...gateStates({ title: TITLE, passed: 'passed' }),
      passed: {
        type: 'final',
        meta: { outcome: 'passed' },
        output: {
          outcome: 'passed',
          aiPolicy: '{{context.aiPolicy}}',
          aiObjectives: '{{context.aiObjectives}}',
          aiSystems: '{{context.aiSystems}}',
          riskAssessments: '{{context.riskAssessments}}',
          impactAssessments: '{{context.impactAssessments}}',
          soaEntries: '{{context.soaEntries}}',
        },
      },
    },
  },
};
