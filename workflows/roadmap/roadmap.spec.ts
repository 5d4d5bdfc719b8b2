import { compileDefinition, startInstance } from '@aimsflow/engine';
import { annexAControls } from '@aimsflow/iso42001';
import { gapAnalysisItems } from '../gap-analysis/items';
import { builtInWorkflows } from '../index';
import { exampleData, simulate, type PendingWork, type Simulation } from '../testing/simulate';
import { roadmapWorkflow } from './definition';

/** The first period's results end the phase's monitoring cycle (the AIMS manager ticks it). */
const lastPeriodEndsMonitoring = (task: { form: string }) =>
  task.form === 'measurement-results'
    ? { ...(exampleData('measurement-results') as object), endCycle: true }
    : undefined;

const PHASE_KEYS = [
  'phase-plan-prepare',
  'phase-build-implement',
  'phase-monitor-evaluate-improve',
  'phase-certification',
  'phase-maintain-enhance',
];
const GATE_LEVELS = [
  { role: 'aims-manager', rule: 'any', skipWhenNoneEligible: true },
  { role: 'top-management', rule: 'all' },
];

/** Registers two AI systems, then completes the inventory; ends the programme after year 1. */
function programmeDecisions(work: PendingWork, scope: { handled: number }) {
  if (work.kind === 'task' && work.effect.stateId.endsWith('.inventory.registering') && scope.handled === 2) {
    return { type: 'INVENTORY_COMPLETE', stateId: work.effect.stateId };
  }
  if (
    work.kind === 'children' &&
    work.effect.stateId.startsWith('phase-maintain-enhance.year2.') &&
    work.effect.definitionKey === 'surveillance-audit'
  ) {
    return { type: 'END_PROGRAMME', data: { reason: 'test run ends after the first surveillance year' } };
  }
  return undefined;
}

describe('roadmap', () => {
  it('starts the programme in phase 1 by starting the Plan & Prepare process', () => {
    const start = startInstance(compileDefinition(roadmapWorkflow));
    expect(start.value).toBe('planPrepare');
    expect(start.effects).toEqual([
      expect.objectContaining({
        type: 'startChildren',
        definitionKey: 'phase-plan-prepare',
        inputs: [{ gapItems: gapAnalysisItems() }],
      }),
    ]);
  });

  it('passes a narrower list of gap items down to the phase-1 gap analysis', () => {
    const items = gapAnalysisItems().filter((item) => ['4.1', 'A.2.2'].includes(item.id));
    const start = startInstance(compileDefinition(roadmapWorkflow), { gapItems: items });
    expect(start.effects).toEqual([expect.objectContaining({ inputs: [{ gapItems: items }] })]);
    const { log } = simulate(
      builtInWorkflows,
      'roadmap',
      { gapItems: items },
      { intercept: programmeDecisions, taskData: lastPeriodEndsMonitoring },
    );
    const reviews = log.children.filter((c) => c.definitionKey === 'gap-assessment-item-review');
    expect(reviews[0].inputs).toEqual(items.map((item) => ({ item })));
  });

  it('names the phase number and title on every phase state, for the roadmap page', () => {
    const states = roadmapWorkflow.machine.states as Record<string, { meta?: { phase?: unknown } }>;
    const phases = Object.values(states)
      .map((state) => state.meta?.phase)
      .filter(Boolean);
    expect(phases).toEqual([
      { number: 1, title: 'Plan & Prepare' },
      { number: 2, title: 'Build & Implement' },
      { number: 3, title: 'Monitor, Evaluate & Improve' },
      { number: 4, title: 'Certification' },
      { number: 5, title: 'Maintain & Enhance' },
    ]);
  });

  describe('a whole programme, every task completed and every approval given', () => {
    let result: Simulation['result'];
    let log: Simulation['log'];
    beforeAll(() => {
      ({ result, log } = simulate(
        builtInWorkflows,
        'roadmap',
        {},
        {
          intercept: programmeDecisions,
          taskData: lastPeriodEndsMonitoring,
        },
      ));
    });
    const started = (definitionKey: string) => log.children.filter((c) => c.definitionKey === definitionKey);

    it('completes the roadmap', () => {
      expect(result).toMatchObject({ status: 'done', outcome: 'completed' });
    });

    it('runs the five phases in order', () => {
      const byRoadmap = log.children.filter((c) => c.instanceOf === 'roadmap');
      expect(byRoadmap.map((c) => c.definitionKey)).toEqual(PHASE_KEYS);
      expect(byRoadmap.map((c) => c.stateId)).toEqual([
        'roadmap.planPrepare',
        'roadmap.buildImplement',
        'roadmap.monitorEvaluateImprove',
        'roadmap.certification',
        'roadmap.maintainEnhance',
      ]);
    });

    it('asks the AIMS manager and all of top management to sign each phase gate', () => {
      const gates = log.approvals.filter((a) => a.stateId.endsWith('.gate'));
      // Phase 5's year 1 gate; the run ends as year 2 starts.
      expect(gates.map((g) => g.instanceOf)).toEqual(PHASE_KEYS);
      gates.forEach((gate) => expect(gate.levels).toEqual(GATE_LEVELS));
    });

    it('keeps each phase output in the programme context', () => {
      expect(result.context).toMatchObject({
        planPrepare: { outcome: 'passed', scope: expect.any(Object), projectPlan: expect.any(Object) },
        buildImplement: { outcome: 'passed', aiSystems: expect.any(Array) },
        monitorEvaluateImprove: { outcome: 'passed' },
        certification: { outcome: 'passed' },
        maintainEnhance: { outcome: 'ended', ending: { reason: expect.any(String) } },
      });
    });

    it('assesses every clause requirement area and Annex A control in the gap analysis', () => {
      const [itemReviews] = log.children.filter((c) => c.instanceOf === 'gap-analysis');
      expect(itemReviews.definitionKey).toBe('gap-assessment-item-review');
      expect(itemReviews.inputs).toEqual(gapAnalysisItems().map((item) => ({ item })));
    });

    it('assesses risk and impact once per registered AI system', () => {
      const systems = log.tasks.filter((t) => t.form === 'ai-system-registration');
      expect(systems).toHaveLength(3); // two submitted, the third completed the inventory
      for (const definitionKey of ['ai-risk-assessment', 'ai-impact-assessment']) {
        const [run] = started(definitionKey);
        expect(run.inputs).toHaveLength(2);
        expect(run.inputs[0]).toEqual({ item: expect.objectContaining({ name: expect.any(String) }) });
      }
    });

    it('decides every Annex A control in the Statement of Applicability', () => {
      const soa = log.children.find(
        (c) => c.stateId === 'phase-build-implement.statementOfApplicability.entries',
      );
      expect(soa?.inputs).toHaveLength(annexAControls.length);
    });

    it('starts the yearly policy review from the policy approved in phase 2', () => {
      const phase2Policy = log.children.find((c) => c.stateId === 'roadmap.maintainEnhance')?.inputs[0];
      expect(phase2Policy).toMatchObject({ aiPolicy: { outcome: 'approved', policy: expect.any(Object) } });
      const review = log.children.find((c) => c.stateId.endsWith('year1.preparing.policyReview.running'));
      expect(review?.inputs).toEqual([
        { policy: (phase2Policy as { aiPolicy: { policy: unknown } }).aiPolicy.policy },
      ]);
    });

    it("passes phase 4's certificate to phase 5, whose visits are due on the certificate's dates", () => {
      const phase5Input = log.children.find((c) => c.stateId === 'roadmap.maintainEnhance')?.inputs[0] as {
        certificate: unknown;
      };
      expect(phase5Input).toHaveProperty('certificate');
      expect(phase5Input.certificate).toEqual(
        (result.context as { certification: { certificate?: unknown } }).certification.certificate,
      );
      const visits = log.children.filter(
        (c) => c.instanceOf === 'phase-maintain-enhance' && c.definitionKey === 'surveillance-audit',
      );
      expect(visits.map((v) => v.stateId)).toEqual([
        'phase-maintain-enhance.year1.preparing.visit.running',
        'phase-maintain-enhance.year2.preparing.visit.running',
      ]);
    });
  });
});
