import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { TOP_MANAGEMENT_SIGN_OFF } from '../shared/building-blocks';

/**
 * AI system impact assessment for one AI system (6.1.4, 8.4, A.5). Started with input
 * `{ item: <the system's inventory record> }`. The system owner assesses the consequences for
 * individuals, groups and society, the AIMS manager reviews, top management approves.
 */
export const aiImpactAssessmentWorkflow: WorkflowDefinitionInput = {
  key: 'ai-impact-assessment',
  name: 'AI system impact assessment',
  machine: {
    id: 'ai-impact-assessment',
    initial: 'assessing',
    context: { item: null, assessment: null, review: null, reviews: [] },
    states: {
      assessing: {
        meta: {
          description: 'Describe the intended use, who could be affected, how, and how badly',
          task: {
            form: 'ai-impact-assessment',
            title: 'Assess the impact of {{context.item.name}}',
            assignee: '{{context.item.owner}}',
            candidateRole: 'contributor',
            dueIn: 'P21D',
          },
        },
        on: {
          SUBMIT: {
            target: 'reviewing',
            actions: [{ type: 'assignFromForm', params: { to: 'assessment' } }],
          },
        },
      },
      reviewing: {
        meta: {
          description: 'The AIMS manager checks the assessment is complete and the conclusion follows',
          task: {
            form: 'approval-decision',
            title: 'Review the impact assessment of {{context.item.name}}',
            candidateRole: 'aims-manager',
            dueIn: 'P7D',
          },
        },
        on: {
          SUBMIT: [
            {
              target: 'approving',
              guard: { type: 'fieldEquals', params: { field: 'decision', value: 'approve' } },
              actions: [{ type: 'assignFromForm', params: { to: 'review' } }],
            },
            { target: 'assessing', actions: [{ type: 'appendToContext', params: { to: 'reviews' } }] },
          ],
        },
      },
      approving: {
        meta: { approval: { levels: TOP_MANAGEMENT_SIGN_OFF, subject: 'context.assessment' } },
        on: {
          APPROVED: 'approved',
          REJECTED: {
            target: 'assessing',
            actions: [{ type: 'appendToContext', params: { to: 'reviews' } }],
          },
        },
      },
      approved: {
        type: 'final',
        meta: { outcome: 'approved' },
        output: { aiSystem: '{{context.item}}', assessment: '{{context.assessment}}' },
      },
    },
  },
};
