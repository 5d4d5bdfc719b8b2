import type { MachineConfig } from './definition.types';
import { offeredActions } from './offered-actions';
import { startInstance, step } from './run-instance';
import { compileDefinition, validateDefinition } from './validate-definition';

const machine: MachineConfig = {
  initial: 'collecting',
  context: { items: [] },
  meta: { actions: [{ event: 'ABANDON', title: 'Abandon', confirm: 'Sure?' }] },
  on: { ABANDON: '.abandoned' },
  states: {
    collecting: {
      meta: {
        task: { form: 'generic-task', title: 'Add an item' },
        actions: [{ event: 'ENOUGH', title: 'That is all', unavailableReason: 'Add an item first.' }],
      },
      on: {
        SUBMIT: {
          target: 'collecting',
          reenter: true,
          actions: [{ type: 'appendToContext', params: { to: 'items' } }],
        },
        ENOUGH: {
          target: 'done',
          guard: { type: 'contextNotEquals', params: { path: 'context.items', value: [] } },
        },
      },
    },
    done: { type: 'final' },
    abandoned: { type: 'final' },
  },
};
const definition = compileDefinition({ key: 'collect', name: 'Collect', machine });

describe('actions a person sends by hand (meta.actions)', () => {
  it('offers the active states’ actions and the machine’s own, saying which a guard holds back', () => {
    const start = startInstance(definition);
    expect(offeredActions(definition, start.snapshot)).toEqual([
      { event: 'ABANDON', title: 'Abandon', confirm: 'Sure?', stateId: 'collect', available: true },
      {
        event: 'ENOUGH',
        title: 'That is all',
        unavailableReason: 'Add an item first.',
        stateId: 'collect.collecting',
        available: false,
      },
    ]);
    const added = step(definition, start.snapshot, {
      type: 'SUBMIT',
      stateId: 'collect.collecting',
      data: { name: 'a' },
    });
    expect(offeredActions(definition, added.snapshot).find((a) => a.event === 'ENOUGH')?.available).toBe(
      true,
    );
  });

  it('offers nothing once the process is over', () => {
    const start = startInstance(definition);
    const ended = step(definition, start.snapshot, { type: 'ABANDON' });
    expect((ended.snapshot as { status: string }).status).toBe('done');
    expect(offeredActions(definition, ended.snapshot)).toEqual([]);
  });

  it('refuses at deploy an action its state does not handle, one without a title, and an outcome event', () => {
    const result = validateDefinition({
      key: 'bad-actions',
      name: 'Bad actions',
      machine: {
        initial: 'a',
        states: {
          a: {
            meta: {
              task: { form: 'generic-task', title: 'Do it' },
              actions: [
                { event: 'NOWHERE', title: 'Go' },
                { event: 'SUBMIT' },
                { event: 'lower', title: 'x' },
              ],
            },
            on: { SUBMIT: 'b' },
          },
          b: { type: 'final' },
        },
      },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      'state "a": meta.actions[0]: this state has no transition "on.NOWHERE"',
      'state "a": meta.actions[1].title is required',
      'state "a": meta.actions[2].event must be an event name in capitals (e.g. "INVENTORY_COMPLETE")',
    ]);
    const outcome = validateDefinition({
      key: 'outcome-action',
      name: 'Outcome action',
      machine: {
        initial: 'a',
        states: {
          a: {
            meta: {
              task: { form: 'generic-task', title: 'Do it' },
              actions: [{ event: 'SUBMIT', title: 'Done' }],
            },
            on: { SUBMIT: 'b' },
          },
          b: { type: 'final' },
        },
      },
    });
    expect(!outcome.ok && outcome.errors).toEqual([
      'outcome-action.a: meta.actions offers SUBMIT, an outcome only the server sends',
    ]);
  });
});
