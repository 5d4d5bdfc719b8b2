import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { gapAnalysisItems } from '../gap-analysis/items';

const PHASES = [
  { state: 'planPrepare', key: 'phase-plan-prepare', number: 1, title: 'Plan & Prepare' },
  { state: 'buildImplement', key: 'phase-build-implement', number: 2, title: 'Build & Implement' },
  {
    state: 'monitorEvaluateImprove',
    key: 'phase-monitor-evaluate-improve',
    number: 3,
    title: 'Monitor, Evaluate & Improve',
  },
  { state: 'certification', key: 'phase-certification', number: 4, title: 'Certification' },
  { state: 'maintainEnhance', key: 'phase-maintain-enhance', number: 5, title: 'Maintain & Enhance' },
] as const;

/** Input each phase is started with: what it needs from the phases before it. */
const PHASE_INPUT: Partial<Record<(typeof PHASES)[number]['state'], Record<string, string>>> = {
  planPrepare: { gapItems: '{{context.gapItems}}' },
  maintainEnhance: {
    certificate: '{{context.certification.certificate}}',
    aiPolicy: '{{context.buildImplement.aiPolicy}}',
    aiObjectives: '{{context.buildImplement.aiObjectives}}',
  },
};

/**
 * The ISO/IEC 42001 programme, one per organisation: the five roadmap phases in order, each run
 * as its own child process that ends with a gate signed by top management. `meta.phase` on each
 * state lets the roadmap page show where the programme stands; each phase's output is kept in
 * the context under the phase's state name. Input `gapItems` narrows the phase-1 gap analysis.
 */
export const roadmapWorkflow: WorkflowDefinitionInput = {
  key: 'roadmap',
  name: 'ISO/IEC 42001 programme roadmap',
  machine: {
    id: 'roadmap',
    initial: PHASES[0].state,
    // What the gap analysis assesses; the whole catalogue unless the programme is started with a narrower list.
    context: { gapItems: gapAnalysisItems() },
    states: {
      ...Object.fromEntries(
        PHASES.map((phase, index) => [
          phase.state,
          {
            meta: {
              phase: { number: phase.number, title: phase.title },
              subprocess: {
                definitionKey: phase.key,
                ...(PHASE_INPUT[phase.state] ? { input: PHASE_INPUT[phase.state] } : {}),
              },
            },
            on: {
              CHILDREN_DONE: {
                target: PHASES[index + 1]?.state ?? 'completed',
                actions: [
                  { type: 'setContext', params: { values: { [phase.state]: '{{event.outputs.0.output}}' } } },
                ],
              },
            },
          },
        ]),
      ),
      completed: { type: 'final', meta: { outcome: 'completed' }, output: { outcome: 'completed' } },
    },
  },
};
