import type { MachineConfig } from './definition.types';
import { planMigration } from './migrate-instance';
import { reservedEventReason, reservedEvents } from './reserved-events';
import { activeStateIds, startInstance, step } from './run-instance';
import { compileDefinition } from './validate-definition';

const compile = (machine: MachineConfig, key = 'test-flow') =>
  compileDefinition({ key, name: 'Test flow', machine });

describe('strict state scoping of completion events', () => {
  // Both regions wait for the same done event of their own sub-process.
  const definition = compile({
    initial: 'work',
    states: {
      work: {
        type: 'parallel',
        states: {
          a: {
            initial: 'waiting',
            states: {
              waiting: { meta: { subprocess: { definitionKey: 'child' } }, on: { CHILDREN_DONE: 'done' } },
              done: { type: 'final' },
            },
          },
          b: {
            initial: 'waiting',
            states: {
              waiting: { meta: { subprocess: { definitionKey: 'child' } }, on: { CHILDREN_DONE: 'done' } },
              done: { type: 'final' },
            },
          },
        },
        onDone: 'end',
      },
      end: { type: 'final' },
    },
  });

  it('moves only the region the event names', () => {
    const start = startInstance(definition);
    const a = step(definition, start.snapshot, {
      type: 'CHILDREN_DONE',
      stateId: 'test-flow.work.a.waiting',
      outputs: [],
    });
    expect(a.value).toEqual({ work: { a: 'done', b: 'waiting' } });
    const b = step(definition, a.snapshot, {
      type: 'CHILDREN_DONE',
      stateId: 'test-flow.work.b.waiting',
      outputs: [],
    });
    expect(b).toMatchObject({ value: 'end', status: 'done' });
  });

  it('ignores a scoped completion event without a stateId', () => {
    const start = startInstance(definition);
    expect(step(definition, start.snapshot, { type: 'CHILDREN_DONE', outputs: [] }).accepted).toBe(false);
  });
});

describe('reservedEvents', () => {
  const definition = compile({
    initial: 'draft',
    states: {
      draft: { meta: { task: { form: 'f' } }, on: { SUBMIT: 'approval', SKIP: 'approval' } },
      approval: {
        meta: { approval: { levels: [{ role: 'aims-manager', rule: 'any' }], rejectedEvent: 'SENT_BACK' } },
        on: { APPROVED: 'children', SENT_BACK: 'draft' },
      },
      children: {
        id: 'kids',
        meta: { subprocess: { definitionKey: 'child', doneEvent: 'KIDS_DONE' } },
        on: { KIDS_DONE: 'end' },
      },
      end: { type: 'final' },
    },
  });

  it('lists every outcome event with the state it belongs to, defaults included', () => {
    const reserved = reservedEvents(definition);
    expect([...reserved.keys()].sort()).toEqual(['APPROVED', 'KIDS_DONE', 'SENT_BACK', 'SUBMIT']);
    expect(reserved.get('APPROVED')).toEqual([
      { type: 'APPROVED', stateId: 'test-flow.approval', kind: 'approval' },
    ]);
    expect(reserved.get('KIDS_DONE')).toEqual([{ type: 'KIDS_DONE', stateId: 'kids', kind: 'subprocess' }]);
  });

  it('explains why a client may not send one, and lets other events through', () => {
    expect(reservedEventReason(definition, 'APPROVED')).toBe(
      'APPROVED is the outcome of the approval chain of state test-flow.approval; only the server sends it.',
    );
    expect(reservedEventReason(definition, 'SUBMIT')).toMatch(/the task of state test-flow\.draft/);
    expect(reservedEventReason(definition, 'SKIP')).toBeUndefined();
  });
});

describe('planMigration', () => {
  const target = compile({
    initial: 'draft',
    context: { ownerId: 'u-1' },
    states: {
      draft: {
        meta: { task: { form: 'f', assignee: '{{context.ownerId}}' } },
        after: { P7D: 'draft' },
        on: { SUBMIT: 'approval' },
      },
      approval: {
        meta: { approval: { levels: [{ role: 'aims-manager', rule: 'any' }] } },
        on: { APPROVED: 'done', REJECTED: 'draft', CHECK: 'checks' },
      },
      checks: {
        type: 'parallel',
        states: {
          x: { initial: 'x1', states: { x1: { on: { GO: 'x2' } }, x2: {} } },
          y: { initial: 'y1', states: { y1: {} } },
        },
        on: { END: 'done' },
      },
      done: { type: 'final' },
    },
  });
  const at = (value: unknown) => ({ ...(startInstance(target).snapshot as object), value });
  const fromDraft = activeStateIds(target, startInstance(target).snapshot);

  it('opens the work of the states entered and cancels that of the states left', () => {
    const plan = planMigration(target, fromDraft, at('approval'));
    expect(plan).toMatchObject({ ok: true, value: 'approval', enteredStateIds: ['test-flow.approval'] });
    if (!plan.ok) throw new Error('refused');
    expect(plan.effects).toEqual([
      { type: 'cancelTasks', stateId: 'test-flow.draft' },
      { type: 'cancelApproval', stateId: 'test-flow.draft' },
      { type: 'cancelChildren', stateId: 'test-flow.draft' },
      { type: 'cancelTimer', timerId: 'xstate.after.P7D.test-flow.draft' },
      expect.objectContaining({
        type: 'requestApproval',
        stateId: 'test-flow.approval',
        approvedEvent: 'APPROVED',
      }),
    ]);
    const back = planMigration(target, ['test-flow.approval'], at('draft'));
    if (!back.ok) throw new Error('refused');
    expect(back.effects.slice(3)).toEqual([
      expect.objectContaining({ type: 'openTask', stateId: 'test-flow.draft', assignee: 'u-1' }),
      {
        type: 'scheduleTimer',
        timerId: 'xstate.after.P7D.test-flow.draft',
        delayMs: 7 * 86_400_000,
        event: { type: 'xstate.after.P7D.test-flow.draft' },
      },
    ]);
  });

  it('changes nothing for the states that stay active', () => {
    expect(planMigration(target, fromDraft, at('draft'))).toMatchObject({ ok: true, effects: [] });
  });

  it('refuses unknown states, final states and incomplete parallel values with reasons', () => {
    expect(planMigration(target, fromDraft, at('nowhere'))).toEqual({
      ok: false,
      errors: ['State test-flow.nowhere does not exist.'],
    });
    const final = planMigration(target, fromDraft, at('done'));
    expect(final.ok).toBe(false);
    expect(!final.ok && final.errors[0]).toMatch(/test-flow\.done is a final state.*Cancel the instance/);
    const partial = planMigration(target, fromDraft, at({ checks: { x: 'x2' } }));
    expect(!partial.ok && partial.errors).toEqual([
      'test-flow.checks is parallel: no state given for region y.',
    ]);
    const whole = planMigration(target, fromDraft, at({ checks: { x: 'x2', y: 'y1' } }));
    expect(whole).toMatchObject({ ok: true, value: { checks: { x: 'x2', y: 'y1' } } });
    const region = planMigration(target, fromDraft, at({ checks: 'x' }));
    expect(!region.ok && region.errors[0]).toMatch(/parallel: give a state for each of its regions/);
  });
});
