import { compileDefinition, startInstance, toGraph } from '@aimsflow/engine';
import { ROLES } from '../identity/roles';
import {
  applySettings,
  listConfigurableSteps,
  normalizeSettings,
  settingsFor,
  validateSettings,
} from './definition-settings';

const machine = {
  id: 'policy',
  initial: 'scope',
  states: {
    scope: {
      initial: 'drafting',
      states: {
        drafting: {
          meta: {
            task: { form: 'generic-task', title: 'Draft', candidateGroup: 'writers', dueIn: 'P7D' },
          },
          on: { SUBMIT: 'done' },
        },
        done: { type: 'final' },
      },
      onDone: 'inApproval',
    },
    inApproval: {
      meta: { approval: { levels: [{ role: 'aims-manager', rule: 'any' }], subject: 'context.doc' } },
      on: { APPROVED: 'approved', REJECTED: 'scope' },
    },
    approved: { type: 'final' },
  },
};
const lookups = { roles: ROLES, groupExists: (g: string) => g === 'writers' || g === 'board' };

describe('definition settings', () => {
  it('lists task and approval steps under the ids the engine and the graph use', () => {
    const steps = listConfigurableSteps(machine, 'policy');
    expect(steps).toEqual([
      {
        stateId: 'policy.scope.drafting',
        label: 'Draft',
        kind: 'task',
        current: { form: 'generic-task', candidateGroup: 'writers', dueIn: 'P7D' },
      },
      {
        stateId: 'policy.inApproval',
        label: 'inApproval',
        kind: 'approval',
        current: { approvalLevels: [{ role: 'aims-manager', rule: 'any' }] },
      },
    ]);
    const graphIds = toGraph(machine).nodes.map((n) => n.id);
    for (const step of steps) expect(graphIds).toContain(step.stateId);
  });

  it('merges a role over a group, a due duration and approval levels into a new machine', () => {
    const before = structuredClone(machine);
    const merged = applySettings(
      machine,
      {
        steps: {
          'policy.scope.drafting': { candidateRole: 'contributor', dueIn: 'P14D' },
          'policy.inApproval': { approvalLevels: [{ group: 'board', rule: { quorum: 2 } }] },
        },
      },
      'policy',
    );
    expect(machine).toEqual(before);
    expect(listConfigurableSteps(merged, 'policy').map((s) => s.current)).toEqual([
      { form: 'generic-task', candidateRole: 'contributor', dueIn: 'P14D' },
      { approvalLevels: [{ group: 'board', rule: { quorum: 2 } }] },
    ]);
    const first = startInstance(compileDefinition({ key: 'policy', name: 'Policy', machine: merged }));
    expect(first.effects).toContainEqual(
      expect.objectContaining({ type: 'openTask', candidateRole: 'contributor', dueInMs: 14 * 86_400_000 }),
    );
    expect(first.effects.find((e) => e.type === 'openTask')).not.toHaveProperty('candidateGroup');
  });

  it('returns the machine itself when there is nothing to apply', () => {
    expect(applySettings(machine, {}, 'policy')).toBe(machine);
    expect(applySettings(machine, null, 'policy')).toBe(machine);
  });

  it('accepts valid settings', () => {
    expect(
      validateSettings(
        machine,
        'policy',
        {
          steps: {
            'policy.scope.drafting': { candidateGroup: 'board', dueIn: 'PT36H' },
            'policy.inApproval': {
              approvalLevels: [
                { role: 'aims-manager', rule: 'all' },
                { users: ['u-1', 'u-2'], rule: { quorum: 2 } },
              ],
            },
          },
        },
        lookups,
      ),
    ).toEqual([]);
  });

  it('names every problem with the step it concerns', () => {
    const errors = validateSettings(
      machine,
      'policy',
      {
        steps: {
          'policy.nowhere': { dueIn: 'P1D' },
          'policy.scope.drafting': { candidateRole: 'wizard', dueIn: 'two weeks', approvalLevels: [] },
          'policy.inApproval': {
            dueIn: 'P1D',
            approvalLevels: [
              { role: 'aims-manager', group: 'board', rule: 'any' },
              { group: 'ghosts', rule: 'most' },
              { users: ['u-1'], rule: { quorum: 3 } },
              { role: 'top-management', rule: { quorum: 500 } },
            ],
          },
        },
      },
      lookups,
    );
    expect(errors).toEqual([
      'step "policy.nowhere" is not a task or approval state of policy',
      'step "policy.scope.drafting" is a task: approvalLevels apply to approval states only',
      expect.stringMatching(/^step "policy.scope.drafting" candidateRole: "wizard" is not a role/),
      'step "policy.scope.drafting": dueIn "two weeks" is not an ISO-8601 duration (e.g. P14D)',
      'step "policy.inApproval" is an approval: set approvalLevels, not dueIn',
      'step "policy.inApproval" level 1: name exactly one of role, group or users',
      'step "policy.inApproval" level 2 group: group "ghosts" does not exist',
      'step "policy.inApproval" level 2: rule must be "any", "all" or { quorum: n } with a whole n of at least 1',
      'step "policy.inApproval" level 3: a quorum of 3 can never be reached by 1 named user(s)',
      'step "policy.inApproval" level 4: a quorum of 500 is more than the 20 this product allows',
    ]);
    expect(
      validateSettings(
        machine,
        'policy',
        { steps: { 'policy.inApproval': { approvalLevels: [] } } },
        lookups,
      ),
    ).toEqual(['step "policy.inApproval": approvalLevels must list at least one level']);
    expect(
      validateSettings(
        machine,
        'policy',
        { steps: { 'policy.scope.drafting': { candidateRole: 'contributor', candidateGroup: 'board' } } },
        lookups,
      ),
    ).toEqual(['step "policy.scope.drafting": choose a candidate role or a candidate group, not both']);
  });

  it('normalises empty choices away so unchanged settings hash the same', () => {
    expect(normalizeSettings({ steps: {} })).toEqual({});
    expect(
      normalizeSettings({
        steps: { a: { candidateRole: 'admin', dueIn: '' }, b: { candidateGroup: undefined } },
      }),
    ).toEqual({ steps: { a: { candidateRole: 'admin' } } });
  });

  it('keeps only the settings that still fit a changed machine', () => {
    const changed = {
      ...machine,
      states: { ...machine.states, inApproval: { on: { APPROVED: 'approved' } } },
    };
    expect(
      settingsFor(changed, 'policy', {
        steps: {
          'policy.scope.drafting': { candidateRole: 'contributor' },
          'policy.inApproval': { approvalLevels: [{ role: 'admin', rule: 'any' }] },
          'policy.gone': { dueIn: 'P1D' },
        },
      }),
    ).toEqual({ steps: { 'policy.scope.drafting': { candidateRole: 'contributor' } } });
    expect(settingsFor(machine, 'policy', undefined)).toEqual({});
  });
});
