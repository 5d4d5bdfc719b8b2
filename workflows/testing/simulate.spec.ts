import { builtInWorkflows } from '../index';
import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { simulate } from './simulate';

/** Draft, then a chain of named-people, quorum and all levels. */
const policy: WorkflowDefinitionInput = {
  key: 'sim-policy',
  name: 'Policy',
  machine: {
    id: 'sim-policy',
    initial: 'drafting',
    context: { doc: null, reviews: [] },
    states: {
      drafting: {
        meta: { task: { form: 'generic-task', candidateRole: 'contributor' } },
        on: {
          SUBMIT: { target: 'inApproval', actions: [{ type: 'assignFromForm', params: { to: 'doc' } }] },
        },
      },
      inApproval: {
        meta: {
          approval: {
            levels: [
              { role: 'aims-manager', rule: { quorum: 3 } },
              { role: 'top-management', rule: 'all' },
            ],
            subject: 'context.doc',
          },
        },
        on: {
          APPROVED: 'approved',
          REJECTED: { target: 'drafting', actions: [{ type: 'appendToContext', params: { to: 'reviews' } }] },
        },
      },
      approved: { type: 'final', meta: { outcome: 'approved' } },
    },
  },
};

describe('the simulator runs approvals through the engine’s approval reducer', () => {
  it('needs as many distinct deciders as a quorum or an `all` level asks, none of them a task completer', () => {
    const { result, log } = simulate([policy], 'sim-policy');
    expect(result).toMatchObject({ status: 'done', outcome: 'approved' });
    expect(log.decisions.map((d) => [d.level, d.decision])).toEqual([
      [1, 'approve'],
      [1, 'approve'],
      [1, 'approve'],
      [2, 'approve'],
      [2, 'approve'],
    ]);
    const deciders = log.decisions.map((d) => d.userId);
    expect(new Set(deciders).size).toBe(5);
    expect(deciders).not.toContain('user-1');
    expect(log.events.at(-1)?.event).toMatchObject({ type: 'APPROVED', stateId: 'sim-policy.inApproval' });
  });

  it('refuses the task completer as a decider: a level of only them waits, as on the server', () => {
    expect(() =>
      simulate(
        [policy],
        'sim-policy',
        {},
        { approvers: (level) => (level.role === 'aims-manager' ? ['user-1'] : ['ceo']) },
      ),
    ).toThrow(/waits at level 1: nobody may decide/);
  });

  it('fails a quorum that the people who may decide cannot reach', () => {
    expect(() =>
      simulate(
        [policy],
        'sim-policy',
        {},
        { approvers: (level) => (level.role === 'aims-manager' ? ['m1', 'm2'] : ['ceo']) },
      ),
    ).toThrow(/level 1 of sim-policy.inApproval cannot reach its rule/);
  });

  it('turns an intercepted rejection into a decision with its comment', () => {
    const { result, log } = simulate(
      [policy],
      'sim-policy',
      {},
      {
        intercept: (work, { handled }) =>
          work.kind === 'approval' && handled === 0
            ? { type: 'REJECTED', stateId: work.effect.stateId, data: { comment: 'needs a scope' } }
            : undefined,
      },
    );
    expect(result.status).toBe('done');
    expect(log.decisions[0]).toMatchObject({ level: 1, decision: 'reject' });
    expect(result.context).toMatchObject({
      reviews: [{ comment: 'needs a scope', level: 1, decision: 'reject' }],
    });
  });

  it('passes a phase gate of a small organisation: the AIMS manager did the work, the level is skipped', () => {
    // One AIMS manager (who completed every task, `user-1`) and one top manager.
    const { result, log } = simulate(
      builtInWorkflows,
      'phase-certification',
      {},
      {
        approvers: (level) => (level.role === 'aims-manager' ? ['user-1'] : ['ceo']),
      },
    );
    expect(result).toMatchObject({ status: 'done' });
    const gate = log.decisions.filter((d) => d.stateId === 'phase-certification.gate');
    expect(gate.map((d) => [d.level, d.userId, d.decision])).toEqual([
      [1, '', 'skipped'],
      [2, 'ceo', 'approve'],
    ]);
  });
});
