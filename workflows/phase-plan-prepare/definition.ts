import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import {
  MANAGER_THEN_TOP_MANAGEMENT,
  TOP_MANAGEMENT_SIGN_OFF,
  childState,
  draftAndApprove,
  gateStates,
  singleTask,
  taskState,
} from '../shared/building-blocks';
import { gapAnalysisItems } from '../gap-analysis/items';

const TITLE = 'Phase 1 — Plan & Prepare';

/**
 * Phase 1 of the programme. Three independent strands run side by side (learn the standard,
 * secure leadership commitment, record context and interested parties); the scope builds on them,
 * the gap analysis on the scope, the project plan on the gaps; top management signs the gate.
 */
export const phasePlanPrepareWorkflow: WorkflowDefinitionInput = {
  key: 'phase-plan-prepare',
  name: TITLE,
  machine: {
    id: 'phase-plan-prepare',
    initial: 'preparing',
    meta: { phase: { number: 1, title: 'Plan & Prepare' } },
    // `gapItems`: what the gap analysis assesses (the roadmap passes its own; default the whole catalogue).
    context: { reviews: {}, gateReviews: [], rework: [], gapItems: gapAnalysisItems() },
    states: {
      preparing: {
        type: 'parallel',
        states: {
          understanding: {
            meta: { description: 'Understand the standard: clauses 4–10 and Annexes A, B and D' },
            initial: 'orientation',
            states: {
              orientation: taskState({
                form: 'orientation-checklist',
                title: 'Work through the ISO/IEC 42001 orientation checklist',
                candidateRole: 'aims-manager',
                dueIn: 'P14D',
                saveTo: 'orientation',
                next: 'awareness',
              }),
              awareness: taskState({
                form: 'awareness-acknowledgement',
                title: 'Acknowledge the AI management system briefing',
                candidateRole: 'contributor',
                dueIn: 'P14D',
                saveTo: 'awareness',
                next: 'done',
              }),
              done: { type: 'final' },
            },
          },
          leadership: {
            meta: { description: 'Leadership commitment and top-management roles (5.1, 5.3)' },
            ...draftAndApprove({
              form: 'leadership-commitment',
              title: 'Prepare the leadership commitment statement',
              candidateRole: 'aims-manager',
              dueIn: 'P14D',
              saveTo: 'leadershipCommitment',
              levels: TOP_MANAGEMENT_SIGN_OFF,
            }),
          },
          contextOfOrganisation: {
            type: 'parallel',
            meta: { description: 'Internal and external issues (4.1) and interested parties (4.2)' },
            states: {
              issues: singleTask({
                form: 'context-issues',
                title: 'Record the internal and external issues relevant to AI',
                candidateRole: 'aims-manager',
                dueIn: 'P21D',
                saveTo: 'contextIssues',
              }),
              parties: singleTask({
                form: 'interested-parties',
                title: 'Record the interested parties and their requirements',
                candidateRole: 'aims-manager',
                dueIn: 'P21D',
                saveTo: 'interestedParties',
              }),
            },
          },
        },
        onDone: 'scoping',
      },
      scoping: {
        meta: { description: 'Scope of the AIMS (4.3), approved by top management' },
        ...draftAndApprove({
          form: 'aims-scope',
          title: 'Define the scope of the AI management system',
          candidateRole: 'aims-manager',
          dueIn: 'P14D',
          saveTo: 'scope',
          levels: TOP_MANAGEMENT_SIGN_OFF,
        }),
        onDone: 'gapAnalysis',
      },
      gapAnalysis: childState({
        definitionKey: 'gap-analysis',
        saveTo: 'gapAnalysis',
        next: 'planning',
        input: { items: '{{context.gapItems}}' },
        description: 'Current practice against every requirement area and Annex A control',
      }),
      planning: {
        meta: { description: 'Project plan: steps, timeline, resources' },
        ...draftAndApprove({
          form: 'project-plan',
          title: 'Write the AIMS project plan',
          candidateRole: 'aims-manager',
          dueIn: 'P14D',
          saveTo: 'projectPlan',
          levels: MANAGER_THEN_TOP_MANAGEMENT,
        }),
        onDone: 'gate',
      },
      ...gateStates({ title: TITLE, passed: 'passed' }),
      passed: {
        type: 'final',
        meta: { outcome: 'passed' },
        output: {
          outcome: 'passed',
          scope: '{{context.scope}}',
          gapAnalysis: '{{context.gapAnalysis}}',
          projectPlan: '{{context.projectPlan}}',
        },
      },
    },
  },
};
