import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { MANAGER_THEN_TOP_MANAGEMENT } from '../shared/building-blocks';

const treatmentIs = (value: string) => ({
  type: 'contextEquals',
  params: { path: 'context.assessment.treatment', value },
});

/**
 * AI risk assessment and treatment for one AI system (6.1.2, 6.1.3, 8.2, 8.3). Started with
 * input `{ item: <the system's inventory record: name, owner, …> }` (one child per registered
 * system). The owner identifies the risk sources, analyses one risk and proposes its treatment
 * (the `ai-risk-assessment` form), another AIMS manager evaluates it against the risk criteria (an
 * approval chain, so the analyst and the risk owner cannot), the
 * treatment is carried out, and the residual risk is accepted by the AIMS manager and top
 * management, never by the owner alone. Record another risk of the same system with another run.
 */
export const aiRiskAssessmentWorkflow: WorkflowDefinitionInput = {
  key: 'ai-risk-assessment',
  name: 'AI risk assessment and treatment',
  machine: {
    id: 'ai-risk-assessment',
    initial: 'identifying',
    context: {
      item: null,
      identification: null,
      assessment: null,
      evaluation: null,
      treatment: null,
      reviews: [],
    },
    states: {
      identifying: {
        meta: {
          description: 'List what could keep the system from meeting the AI objectives (Annex C sources)',
          task: {
            form: 'generic-task',
            title: 'Identify the AI risks of {{context.item.name}}',
            assignee: '{{context.item.owner}}',
            candidateRole: 'contributor',
            dueIn: 'P14D',
          },
        },
        on: {
          SUBMIT: {
            target: 'analysing',
            actions: [{ type: 'assignFromForm', params: { to: 'identification' } }],
          },
        },
      },
      analysing: {
        meta: {
          description: 'Rate likelihood and impact, and propose a treatment',
          task: {
            form: 'ai-risk-assessment',
            title: 'Analyse the AI risk of {{context.item.name}}',
            assignee: '{{context.item.owner}}',
            candidateRole: 'contributor',
            dueIn: 'P14D',
          },
        },
        on: {
          SUBMIT: {
            target: 'evaluating',
            actions: [{ type: 'assignFromForm', params: { to: 'assessment' } }],
          },
        },
      },
      // An approval chain, not a task: the same segregation of duties as every sign-off, so the analyst
      // (who completed the analysis) and the risk owner never evaluate their own risk (V5).
      evaluating: {
        meta: {
          description:
            'An AIMS manager other than the analyst compares the rating with the risk criteria and checks the proposed treatment',
          approval: {
            levels: [{ role: 'aims-manager', rule: 'any' }],
            subject: 'context.assessment',
            excludePeople: ['context.assessment.riskOwner'],
          },
        },
        on: {
          // The evaluation is the approval: its id and the hash of the assessment it approved.
          APPROVED: {
            target: 'choosingTreatment',
            actions: [{ type: 'assignFromForm', params: { to: 'evaluation' } }],
          },
          // Rejected or changes requested: the owner analyses again, the comments kept.
          REJECTED: {
            target: 'analysing',
            actions: [{ type: 'appendToContext', params: { to: 'reviews' } }],
          },
        },
      },
      // Routes on the treatment the evaluated assessment proposes.
      choosingTreatment: {
        always: [
          { target: 'confirmingAvoidance', guard: treatmentIs('avoid') },
          { target: 'acceptingResidualRisk', guard: treatmentIs('retain') },
          { target: 'treating' },
        ],
      },
      treating: {
        meta: {
          description: 'Put the chosen controls in place (modify) or the sharing arrangement (share)',
          task: {
            form: 'generic-task',
            title: 'Treat the AI risk of {{context.item.name}}',
            assignee: '{{context.item.owner}}',
            candidateRole: 'contributor',
            dueIn: 'P30D',
          },
        },
        on: {
          SUBMIT: {
            target: 'acceptingResidualRisk',
            actions: [{ type: 'assignFromForm', params: { to: 'treatment' } }],
          },
        },
      },
      confirmingAvoidance: {
        meta: {
          description: 'Record how the activity that caused the risk was stopped',
          task: {
            form: 'generic-task',
            title: 'Confirm the AI risk of {{context.item.name}} is avoided',
            assignee: '{{context.item.owner}}',
            candidateRole: 'contributor',
            dueIn: 'P14D',
          },
        },
        on: {
          SUBMIT: { target: 'avoided', actions: [{ type: 'assignFromForm', params: { to: 'treatment' } }] },
        },
      },
      acceptingResidualRisk: {
        meta: {
          description: 'The residual risk is accepted by the AIMS manager and top management',
          approval: {
            levels: MANAGER_THEN_TOP_MANAGEMENT,
            subject: 'context.assessment',
            // The risk owner named in the analysis never accepts their own residual risk.
            excludePeople: ['context.assessment.riskOwner'],
          },
        },
        on: {
          APPROVED: 'accepted',
          REJECTED: { target: 'treating', actions: [{ type: 'appendToContext', params: { to: 'reviews' } }] },
        },
      },
      accepted: {
        type: 'final',
        meta: { outcome: 'accepted' },
        output: {
          outcome: 'accepted',
          aiSystem: '{{context.item}}',
          assessment: '{{context.assessment}}',
          treatment: '{{context.treatment}}',
        },
      },
      avoided: {
        type: 'final',
        meta: { outcome: 'avoided' },
        output: {
          outcome: 'avoided',
          aiSystem: '{{context.item}}',
          assessment: '{{context.assessment}}',
          treatment: '{{context.treatment}}',
        },
      },
    },
  },
};
