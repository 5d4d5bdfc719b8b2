import {
  compileDefinition,
  replay,
  startInstance,
  type EngineEvent,
  type StepResult,
} from '@aimsflow/engine';
import { builtInWorkflows } from '../index';
import { exampleData, simulate, type PendingWork, type SimulationOptions } from '../testing/simulate';
import { nonconformityWorkflow } from './definition';

const definition = compileDefinition(nonconformityWorkflow);
const ID = 'nonconformity';
const DAY = 86_400_000;

const FINDING = {
  source: 'internal-audit',
  sourceTitle: 'Internal audit 2026 Q4',
  item: {
    title: 'Risk criteria not approved',
    description: 'The AI risk criteria were never approved by top management.',
    grade: 'major',
    clause: '6.1.2',
    evidence: 'Risk assessments of 2026-09 to 2026-11',
  },
};
const plan = exampleData('corrective-action-plan') as {
  actions: Array<{ ownerId: string }>;
  effectivenessCheckAfter?: string;
};
const OWNERS = plan.actions.map((a) => a.ownerId);

const submit = (state: string, data: unknown, actorId = 'manager-1'): EngineEvent => ({
  type: 'SUBMIT',
  taskId: state,
  stateId: `${ID}.${state}`,
  data,
  actorId,
});
const handled = [
  submit('containing', exampleData('nonconformity-containment')),
  submit('analysing', exampleData('nonconformity-root-cause')),
];
const tasks = (result: StepResult) => result.effects.filter((e) => e.type === 'openTask');
const timers = (result: StepResult) => result.effects.filter((e) => e.type === 'scheduleTimer');
const childrenDone: EngineEvent = {
  type: 'CHILDREN_DONE',
  stateId: `${ID}.implementing`,
  outputs: [{ instanceId: 'ca-1', output: { outcome: 'done' } }],
};

/** Corrective actions are completed by their owners, as the server would have them. */
const byOwners: SimulationOptions['intercept'] = (work: PendingWork, { definitionKey, result }) => {
  if (work.kind !== 'task' || definitionKey !== 'corrective-action') return undefined;
  const owner = (result.context as { item: { ownerId: string } }).item.ownerId;
  return {
    type: work.effect.completeEvent,
    taskId: `task-${owner}`,
    stateId: work.effect.stateId,
    data: exampleData(work.effect.form),
    actorId: owner,
  };
};

describe('nonconformity', () => {
  it('asks the AIMS managers to record one raised by hand', () => {
    const start = startInstance(definition, {});
    expect(start.value).toBe('recording');
    expect(tasks(start)).toEqual([
      expect.objectContaining({ form: 'nonconformity-record', candidateRole: 'aims-manager' }),
    ]);
  });

  it('skips the recording when a finding is handed over, and keeps its source', () => {
    const start = startInstance(definition, FINDING);
    expect(start.value).toBe('containing');
    expect(tasks(start)).toEqual([
      expect.objectContaining({
        form: 'nonconformity-containment',
        title: 'Contain and correct: Risk criteria not approved',
      }),
    ]);
    expect(start.context).toMatchObject({
      nonconformity: { ...FINDING.item, source: 'internal-audit', sourceTitle: 'Internal audit 2026 Q4' },
    });
  });

  it('gives the handling to the person the record names', () => {
    const owner = '3f0e8a52-6d1b-4c5e-9a7f-1b2c3d4e5f60';
    const recorded = replay(definition, {}, [
      submit('recording', exampleData('nonconformity-record') as object),
    ]);
    expect(recorded.value).toBe('containing');
    expect(recorded.context).toMatchObject({ source: 'internal-audit', nonconformity: { grade: 'major' } });
    const withOwner = replay(definition, {}, [
      submit('recording', { ...(exampleData('nonconformity-record') as object), ownerId: owner }),
    ]);
    expect(tasks(withOwner)).toEqual([expect.objectContaining({ assignee: owner })]);
  });

  it('starts one corrective action per planned action, for its owner', () => {
    const planned = replay(definition, FINDING, [...handled, submit('planning', plan)]);
    expect(planned.value).toBe('implementing');
    const start = planned.effects.find((e) => e.type === 'startChildren');
    expect(start).toMatchObject({
      definitionKey: 'corrective-action',
      inputs: plan.actions.map((item) => ({
        item,
        nonconformityTitle: 'Risk criteria not approved',
        source: 'internal-audit',
      })),
    });
    const { log } = simulate(builtInWorkflows, ID, FINDING, { intercept: byOwners });
    expect(log.tasks.filter((t) => t.instanceOf === 'corrective-action').map((t) => t.assignee)).toEqual(
      OWNERS,
    );
  });

  it('opens the effectiveness check by a timer: the plan’s delay, else the start input’s, else 60 days', () => {
    const after = (input: object, chosen: object) =>
      timers(
        replay(definition, { ...FINDING, ...input }, [...handled, submit('planning', chosen), childrenDone]),
      );
    const { effectivenessCheckAfter: _, ...noDelay } = plan;
    expect(after({}, noDelay)).toEqual([expect.objectContaining({ delayMs: 60 * DAY })]);
    expect(after({}, { ...plan, effectivenessCheckAfter: 'P14D' })).toEqual([
      expect.objectContaining({ delayMs: 14 * DAY }),
    ]);
    expect(after({ effectivenessCheckAfter: 'P90D' }, noDelay)).toEqual([
      expect.objectContaining({ delayMs: 90 * DAY }),
    ]);
    const waiting = replay(definition, FINDING, [...handled, submit('planning', noDelay), childrenDone]);
    expect(waiting.value).toEqual({ waiting: 'afterP60D' });
    const fired = replay(definition, FINDING, [
      ...handled,
      submit('planning', noDelay),
      childrenDone,
      { type: 'xstate.after.P60D.nonconformity.waiting.afterP60D' },
    ]);
    expect(fired.value).toBe('checking');
  });

  it('names every action owner as excluded from the check, and people who did an action too', () => {
    const checking = replay(definition, FINDING, [
      ...handled,
      submit('planning', plan),
      childrenDone,
      { type: 'xstate.after.P60D.nonconformity.waiting.afterP60D' },
    ]);
    expect(checking.effects).toContainEqual(
      expect.objectContaining({
        type: 'requestApproval',
        stateId: `${ID}.checking`,
        levels: [{ role: 'aims-manager', rule: 'any' }],
        excludedPeople: OWNERS,
        excludeChildCompleters: true,
      }),
    );
  });

  it('closes when the check finds the actions effective; the checker is none of the owners', () => {
    const { result, log } = simulate(builtInWorkflows, ID, FINDING, {
      intercept: byOwners,
      // The owners are asked first: the rules refuse them, so someone else decides.
      approvers: (_level, { stateId }) =>
        stateId === `${ID}.checking` ? [...OWNERS, 'checker-1'] : ['someone'],
    });
    const check = log.decisions.filter((d) => d.stateId === `${ID}.checking`);
    expect(check).toEqual([expect.objectContaining({ userId: 'checker-1', decision: 'approve' })]);
    expect(result).toMatchObject({
      status: 'done',
      outcome: 'closed',
      output: {
        outcome: 'closed',
        nonconformity: { title: 'Risk criteria not approved', grade: 'major', source: 'internal-audit' },
        rootCause: { category: 'process' },
      },
    });
  });

  it('reopens with a new plan when the check finds them not effective, then checks again', () => {
    const { result, log } = simulate(
      builtInWorkflows,
      ID,
      {},
      {
        intercept: (work, scope) => {
          if (work.kind === 'approval' && work.effect.stateId === `${ID}.checking` && scope.handled === 0)
            return {
              type: 'REJECTED',
              stateId: work.effect.stateId,
              data: { comment: 'criteria still unused' },
            };
          return byOwners(work, scope);
        },
      },
    );
    expect(log.tasks.filter((t) => t.instanceOf === ID).map((t) => t.stateId)).toEqual([
      `${ID}.recording`,
      `${ID}.containing`,
      `${ID}.analysing`,
      `${ID}.planning`,
      `${ID}.replanning`,
    ]);
    expect(log.tasks.filter((t) => t.instanceOf === 'corrective-action')).toHaveLength(OWNERS.length * 2);
    expect(result.outcome).toBe('closed');
    expect(result.context).toMatchObject({
      plans: [expect.any(Object), expect.any(Object)],
      checks: [expect.objectContaining({ comment: 'criteria still unused' }), expect.any(Object)],
    });
  });
});
