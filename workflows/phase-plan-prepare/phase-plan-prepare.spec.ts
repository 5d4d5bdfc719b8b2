import { compileDefinition, startInstance, step, type StepResult } from '@aimsflow/engine';
import { builtInWorkflows } from '../index';
import { exampleData, simulate } from '../testing/simulate';
import { phasePlanPrepareWorkflow } from './definition';

const definition = compileDefinition(phasePlanPrepareWorkflow);
const ID = 'phase-plan-prepare';

function submit(result: StepResult, stateId: string, form: string): StepResult {
  const next = step(definition, result.snapshot, {
    type: 'SUBMIT',
    taskId: 't',
    stateId: `${ID}.${stateId}`,
    data: exampleData(form) as Record<string, unknown>,
    actorId: 'u-1',
  });
  expect(next.accepted).toBe(true);
  return next;
}

const openedTasks = (result: StepResult) =>
  result.effects.flatMap((e) => (e.type === 'openTask' ? [e.stateId.replace(`${ID}.`, '')] : []));

describe('phase 1 — Plan & Prepare', () => {
  it('opens the independent first steps side by side', () => {
    expect(openedTasks(startInstance(definition))).toEqual([
      'preparing.understanding.orientation',
      'preparing.leadership.drafting',
      'preparing.contextOfOrganisation.issues.working',
      'preparing.contextOfOrganisation.parties.working',
    ]);
  });

  it('completes only the task a submission is addressed to when two wait in parallel', () => {
    const result = submit(
      startInstance(definition),
      'preparing.contextOfOrganisation.issues.working',
      'context-issues',
    );
    expect(result.activeStateIds).toContain(`${ID}.preparing.contextOfOrganisation.issues.done`);
    expect(result.activeStateIds).toContain(`${ID}.preparing.contextOfOrganisation.parties.working`);
    expect(result.context).toMatchObject({ contextIssues: exampleData('context-issues') as object });
  });

  it('defines the scope only after orientation, leadership commitment, context and parties are done', () => {
    let result = startInstance(definition);
    result = submit(result, 'preparing.understanding.orientation', 'orientation-checklist');
    result = submit(result, 'preparing.understanding.awareness', 'awareness-acknowledgement');
    result = submit(result, 'preparing.contextOfOrganisation.issues.working', 'context-issues');
    result = submit(result, 'preparing.contextOfOrganisation.parties.working', 'interested-parties');
    result = submit(result, 'preparing.leadership.drafting', 'leadership-commitment');
    expect(result.effects).toContainEqual(
      expect.objectContaining({ type: 'requestApproval', levels: [{ role: 'top-management', rule: 'all' }] }),
    );
    expect(openedTasks(result)).toEqual([]);

    result = step(definition, result.snapshot, {
      type: 'APPROVED',
      stateId: `${ID}.preparing.leadership.approving`,
    });
    expect(openedTasks(result)).toEqual(['scoping.drafting']);
  });

  it('sends a rejected scope back to drafting with top management’s comment', () => {
    let result = startInstance(definition);
    for (const [stateId, form] of [
      ['preparing.understanding.orientation', 'orientation-checklist'],
      ['preparing.understanding.awareness', 'awareness-acknowledgement'],
      ['preparing.contextOfOrganisation.issues.working', 'context-issues'],
      ['preparing.contextOfOrganisation.parties.working', 'interested-parties'],
      ['preparing.leadership.drafting', 'leadership-commitment'],
    ]) {
      result = submit(result, stateId, form);
    }
    result = step(definition, result.snapshot, {
      type: 'APPROVED',
      stateId: `${ID}.preparing.leadership.approving`,
    });
    result = submit(result, 'scoping.drafting', 'aims-scope');
    result = step(definition, result.snapshot, {
      type: 'REJECTED',
      stateId: `${ID}.scoping.approving`,
      data: { comment: 'name the excluded sites' },
    });
    expect(openedTasks(result)).toEqual(['scoping.drafting']);
    expect(result.context).toMatchObject({ reviews: { scope: [{ comment: 'name the excluded sites' }] } });
  });

  it('sends a rejected gate to a rework task, then asks for sign-off again', () => {
    const { result, log } = simulate(
      builtInWorkflows,
      ID,
      {},
      {
        intercept: (work, { handled }) =>
          work.kind === 'approval' && work.effect.stateId === `${ID}.gate` && handled === 0
            ? { type: 'REJECTED', stateId: work.effect.stateId, data: { comment: 'plan lacks a budget' } }
            : undefined,
      },
    );
    const phaseSteps = log.events
      .filter((e) => e.instanceOf === ID)
      .map((e) => `${e.event.type} ${String(e.event.stateId ?? '').replace(`${ID}.`, '')}`)
      .slice(-3);
    expect(phaseSteps).toEqual(['REJECTED gate', 'SUBMIT rework', 'APPROVED gate']);
    expect(result).toMatchObject({ status: 'done', outcome: 'passed' });
    expect(result.context).toMatchObject({ gateReviews: [{ comment: 'plan lacks a budget' }] });
  });

  it('passes the gate with the scope, gap analysis and project plan as its output', () => {
    const { result, log } = simulate(builtInWorkflows, ID);
    expect(log.children.filter((c) => c.instanceOf === ID).map((c) => c.definitionKey)).toEqual([
      'gap-analysis',
    ]);
    expect(result.output).toEqual({
      outcome: 'passed',
      scope: exampleData('aims-scope'),
      gapAnalysis: expect.objectContaining({ gapList: exampleData('gap-consolidation') }),
      projectPlan: exampleData('project-plan'),
    });
  });
});
