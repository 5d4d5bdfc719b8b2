import { compileDefinition, startInstance, step, type StepResult } from '@aimsflow/engine';
import { annexAControls } from '@aimsflow/iso42001';
import { builtInWorkflows } from '../index';
import { exampleData, simulate } from '../testing/simulate';
import { phaseBuildImplementWorkflow } from './definition';

const definition = compileDefinition(phaseBuildImplementWorkflow);
const ID = 'phase-build-implement';
const REGISTERING = `${ID}.establishing.inventory.registering`;

const register = (result: StepResult, name: string) =>
  step(definition, result.snapshot, {
    type: 'SUBMIT',
    taskId: 't',
    stateId: REGISTERING,
    data: { ...(exampleData('ai-system-registration') as object), name },
    actorId: 'u-1',
  });

describe('phase 2 — Build & Implement', () => {
  it('starts policy, objectives, roles, resources, communication, documented information and the inventory together', () => {
    const start = startInstance(definition);
    expect(start.effects.filter((e) => e.type === 'startChildren').map((e) => e.definitionKey)).toEqual([
      'ai-policy-approval',
      'ai-objectives-approval',
    ]);
    expect(start.effects.filter((e) => e.type === 'openTask').map((e) => e.form)).toEqual([
      'generic-task',
      'generic-task',
      'generic-task',
      'generic-task',
      'ai-system-registration',
    ]);
  });

  it('adds each registered AI system to the inventory and opens the registration task again', () => {
    let result = register(startInstance(definition), 'Chatbot');
    expect(result.effects).toEqual([
      { type: 'cancelTasks', stateId: REGISTERING },
      expect.objectContaining({ type: 'openTask', stateId: REGISTERING }),
    ]);
    result = register(result, 'CV screener');
    expect((result.context as { aiSystems: Array<{ name: string }> }).aiSystems.map((s) => s.name)).toEqual([
      'Chatbot',
      'CV screener',
    ]);
  });

  it('refuses to close an empty inventory and closes it once a system is registered', () => {
    const start = startInstance(definition);
    expect(step(definition, start.snapshot, { type: 'INVENTORY_COMPLETE' }).accepted).toBe(false);
    const closed = step(definition, register(start, 'Chatbot').snapshot, { type: 'INVENTORY_COMPLETE' });
    expect(closed.accepted).toBe(true);
    expect(closed.activeStateIds).toContain(`${ID}.establishing.inventory.done`);
  });

  it('does not let the objectives approval finish the policy region', () => {
    const result = step(definition, startInstance(definition).snapshot, {
      type: 'OBJECTIVES_APPROVED',
      stateId: `${ID}.establishing.objectives.running`,
      outputs: [{ instanceId: 'c-1', output: { outcome: 'approved', objectives: { objectives: [] } } }],
    });
    expect(result.activeStateIds).toContain(`${ID}.establishing.objectives.done`);
    expect(result.activeStateIds).toContain(`${ID}.establishing.policy.running`);
  });

  describe('run to its gate with two AI systems', () => {
    const run = () =>
      simulate(
        builtInWorkflows,
        ID,
        {},
        {
          intercept: (work, { handled }) => {
            if (work.kind === 'task' && work.effect.stateId === REGISTERING && handled === 2) {
              return { type: 'INVENTORY_COMPLETE' };
            }
            if (
              work.kind === 'approval' &&
              work.effect.stateId.endsWith('statementOfApplicability.signing') &&
              handled === 0
            ) {
              return {
                type: 'REJECTED',
                stateId: work.effect.stateId,
                data: { comment: 'justify excluding A.10.4' },
              };
            }
            return undefined;
          },
        },
      );

    it('assesses risk and impact per registered system, then decides every Annex A control', () => {
      const { result, log } = run();
      const started = log.children.filter((c) => c.instanceOf === ID);
      expect(started.map((c) => [c.definitionKey, c.inputs.length])).toEqual([
        ['ai-policy-approval', 1],
        ['ai-objectives-approval', 1],
        ['ai-risk-assessment', 2],
        ['ai-impact-assessment', 2],
        ['soa-entry-review', annexAControls.length],
      ]);
      expect(result).toMatchObject({ status: 'done', outcome: 'passed' });
      expect((result.output as { soaEntries: unknown[] }).soaEntries).toHaveLength(annexAControls.length);
    });

    it('sends a rejected Statement of Applicability to revision before asking for sign-off again', () => {
      const { result, log } = run();
      const soa = log.events
        .filter((e) => e.instanceOf === ID && String(e.event.stateId).includes('statementOfApplicability'))
        .map((e) => `${e.event.type} ${String(e.event.stateId).split('.').pop()}`);
      expect(soa).toEqual([
        'CHILDREN_DONE entries',
        'REJECTED signing',
        'SUBMIT revising',
        'APPROVED signing',
      ]);
      expect(result.context).toMatchObject({ reviews: { soa: [{ comment: 'justify excluding A.10.4' }] } });
    });
  });
});
