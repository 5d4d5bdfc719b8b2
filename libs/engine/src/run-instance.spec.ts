import type { CompiledDefinition, EngineEvent, MachineConfig, StepResult } from './definition.types';
import { isEventAccepted, replay, startInstance, step } from './run-instance';
import { compileDefinition } from './validate-definition';

const compile = (machine: MachineConfig, key = 'test-flow'): CompiledDefinition =>
  compileDefinition({ key, name: 'Test flow', machine });

/** Sends events one by one through a JSON round trip, as the server does with its jsonb column. */
function drive(definition: CompiledDefinition, start: StepResult, ...events: EngineEvent[]): StepResult {
  return events.reduce(
    (result, event) => step(definition, JSON.parse(JSON.stringify(result.snapshot)), event),
    start,
  );
}

describe('meta.task', () => {
  const definition = compile({
    initial: 'draft',
    context: { ownerId: 'u-1', title: 'AI policy' },
    states: {
      draft: {
        meta: {
          task: {
            form: 'policy-draft',
            title: 'Draft {{context.title}}',
            assignee: '{{context.ownerId}}',
            candidateRole: 'aims-manager',
            dueIn: 'P14D',
            priority: 2,
          },
        },
        on: { SUBMIT: 'review', CANCEL: 'cancelled' },
      },
      review: {
        meta: {
          task: { form: 'policy-review', candidateGroup: 'top-management', completeEvent: 'REVIEWED' },
        },
        on: { REVIEWED: 'done' },
      },
      done: { type: 'final' },
      cancelled: { type: 'final' },
    },
  });

  it('opens a task on entry with templates resolved against the context', () => {
    const start = startInstance(definition);
    expect(start.effects).toEqual([
      {
        type: 'openTask',
        stateId: 'test-flow.draft',
        form: 'policy-draft',
        title: 'Draft AI policy',
        assignee: 'u-1',
        candidateRole: 'aims-manager',
        dueIn: 'P14D',
        dueInMs: 14 * 86_400_000,
        priority: 2,
        completeEvent: 'SUBMIT',
      },
    ]);
    expect(start.activeStateIds).toEqual(['test-flow.draft']);
  });

  it('takes the assignee from the start input when given', () => {
    expect(startInstance(definition, { ownerId: 'u-9' }).effects[0]).toMatchObject({ assignee: 'u-9' });
  });

  it('cancels the open task on exit before opening the next one', () => {
    const next = drive(definition, startInstance(definition), {
      type: 'SUBMIT',
      taskId: 't1',
      stateId: 'test-flow.draft',
      data: {},
    });
    expect(next.effects).toEqual([
      { type: 'cancelTasks', stateId: 'test-flow.draft' },
      expect.objectContaining({
        type: 'openTask',
        stateId: 'test-flow.review',
        candidateGroup: 'top-management',
        completeEvent: 'REVIEWED',
      }),
    ]);
  });

  it('ignores a completion addressed to another state and reports it as not accepted', () => {
    const start = startInstance(definition);
    const event = { type: 'SUBMIT', stateId: 'test-flow.review', data: {} };
    expect(isEventAccepted(definition, start.snapshot, event)).toBe(false);
    const next = step(definition, start.snapshot, event);
    expect(next).toMatchObject({ accepted: false, value: 'draft', effects: [] });
  });
});

describe('meta.approval', () => {
  const definition = compile({
    initial: 'approving',
    context: { document: { id: 'd-1', title: 'AI policy' } },
    states: {
      approving: {
        meta: {
          approval: {
            levels: [
              { role: 'aims-manager', rule: 'any' },
              { users: ['ceo', 'cto'], rule: { quorum: 2 } },
            ],
            subject: 'context.document',
            rejectedEvent: 'SENT_BACK',
          },
        },
        on: { APPROVED: 'approved', SENT_BACK: 'rejected' },
      },
      approved: { type: 'final', meta: { outcome: 'approved' } },
      rejected: { type: 'final', meta: { outcome: 'rejected' } },
    },
  });

  it('requests the approval chain on entry with the subject read from the context', () => {
    expect(startInstance(definition).effects).toEqual([
      {
        type: 'requestApproval',
        stateId: 'test-flow.approving',
        levels: [
          { role: 'aims-manager', rule: 'any' },
          { users: ['ceo', 'cto'], rule: { quorum: 2 } },
        ],
        subject: { id: 'd-1', title: 'AI policy' },
        approvedEvent: 'APPROVED',
        rejectedEvent: 'SENT_BACK',
      },
    ]);
  });

  it('names the people the definition excludes from deciding, read from the context when the chain starts', () => {
    const excluding = compile({
      initial: 'approving',
      context: { assessment: { riskOwner: 'user-7', analyst: null } },
      states: {
        approving: {
          meta: {
            approval: {
              levels: [{ role: 'top-management', rule: 'all' }],
              subject: 'context.assessment',
              excludePeople: ['context.assessment.riskOwner', 'context.assessment.analyst'],
            },
          },
          on: { APPROVED: 'approved' },
        },
        approved: { type: 'final' },
      },
    });
    expect(startInstance(excluding).effects).toEqual([
      expect.objectContaining({ type: 'requestApproval', excludedPeople: ['user-7'] }),
    ]);
  });

  it('cancels the approval on exit and ends with the final state meta.outcome', () => {
    const end = drive(definition, startInstance(definition), {
      type: 'SENT_BACK',
      stateId: 'test-flow.approving',
    });
    expect(end.effects).toEqual([{ type: 'cancelApproval', stateId: 'test-flow.approving' }]);
    expect(end).toMatchObject({ status: 'done', outcome: 'rejected', value: 'rejected' });
  });
});

describe('meta.subprocess', () => {
  const definition = compile({
    initial: 'reviewing',
    context: { clauses: [{ id: '4.1' }, { id: '4.2' }, { id: '5.2' }], programmeId: 'p-1' },
    states: {
      reviewing: {
        meta: {
          subprocess: {
            definitionKey: 'item-review',
            forEach: 'context.clauses',
            input: { programmeId: '{{context.programmeId}}' },
            completion: { quorum: 2 },
          },
        },
        on: {
          CHILDREN_DONE: {
            target: 'done',
            actions: [{ type: 'setContext', params: { values: { results: '{{event.outputs}}' } } }],
          },
          ABORT: 'aborted',
        },
      },
      done: { type: 'final' },
      aborted: { type: 'final' },
    },
  });

  it('starts one child per item of the forEach array, each with the item as input.item', () => {
    expect(startInstance(definition).effects).toEqual([
      {
        type: 'startChildren',
        stateId: 'test-flow.reviewing',
        definitionKey: 'item-review',
        inputs: [
          { programmeId: 'p-1', item: { id: '4.1' } },
          { programmeId: 'p-1', item: { id: '4.2' } },
          { programmeId: 'p-1', item: { id: '5.2' } },
        ],
        completion: { quorum: 2 },
        doneEvent: 'CHILDREN_DONE',
      },
    ]);
  });

  it('starts a single child with defaults when there is no forEach', () => {
    const single = compile({
      initial: 'run',
      states: { run: { meta: { subprocess: { definitionKey: 'child' } } }, end: { type: 'final' } },
      on: { CHILDREN_DONE: '.end' },
    });
    expect(startInstance(single).effects).toEqual([
      expect.objectContaining({ inputs: [{}], completion: 'all', doneEvent: 'CHILDREN_DONE' }),
    ]);
  });

  it('moves on when the server reports the children done, keeping their outputs', () => {
    const end = drive(definition, startInstance(definition), {
      type: 'CHILDREN_DONE',
      stateId: 'test-flow.reviewing',
      outputs: [{ ok: 1 }, { ok: 2 }],
    });
    expect(end).toMatchObject({
      value: 'done',
      status: 'done',
      context: { results: [{ ok: 1 }, { ok: 2 }] },
    });
    expect(end.effects).toEqual([{ type: 'cancelChildren', stateId: 'test-flow.reviewing' }]);
  });

  it('cancels the children when the state is left early', () => {
    const end = drive(definition, startInstance(definition), { type: 'ABORT' });
    expect(end.effects).toEqual([{ type: 'cancelChildren', stateId: 'test-flow.reviewing' }]);
  });
});

describe('meta.notify and the notify action', () => {
  const definition = compile({
    initial: 'waiting',
    context: { ownerId: 'u-7' },
    states: {
      waiting: {
        meta: {
          notify: {
            to: '{{context.ownerId}}',
            template: 'task-waiting',
            data: { who: '{{context.ownerId}}' },
          },
        },
        on: {
          PING: {
            actions: [
              {
                type: 'notify',
                params: { to: 'aims-manager', template: 'pinged', data: { by: '{{event.actorId}}' } },
              },
            ],
          },
          END: 'end',
        },
      },
      end: { type: 'final' },
    },
  });

  it('emits a notification on entering a state with meta.notify', () => {
    expect(startInstance(definition).effects).toEqual([
      {
        type: 'notify',
        stateId: 'test-flow.waiting',
        to: 'u-7',
        template: 'task-waiting',
        data: { who: 'u-7' },
      },
    ]);
  });

  it('emits a notification from a transition action, resolving event templates', () => {
    const next = drive(definition, startInstance(definition), { type: 'PING', actorId: 'u-2' });
    expect(next.effects).toEqual([
      { type: 'notify', to: 'aims-manager', template: 'pinged', data: { by: 'u-2' } },
    ]);
    expect(next.value).toBe('waiting');
  });
});

describe('context actions', () => {
  const definition = compile({
    initial: 'collecting',
    context: { profile: { country: 'DE' }, findings: [] },
    states: {
      collecting: {
        on: {
          PROFILE: { actions: [{ type: 'assignFromForm', params: { to: 'context.profile' } }] },
          ROOT: { actions: ['assignFromForm'] },
          FINDING: { actions: [{ type: 'appendToContext', params: { to: 'findings' } }] },
          TAG: { actions: [{ type: 'appendToContext', params: { to: 'tags', from: 'tag' } }] },
          STAMP: {
            actions: [
              { type: 'setContext', params: { values: { reviewedBy: '{{event.actorId}}', stage: 2 } } },
            ],
          },
          CLOSE: { target: 'closed', actions: [{ type: 'setOutcome', params: { outcome: 'closed' } }] },
        },
      },
      closed: { type: 'final', output: { findings: '{{context.findings}}' } },
    },
  });

  it('assignFromForm merges event.data at the given path, keeping what was there', () => {
    const next = drive(definition, startInstance(definition), { type: 'PROFILE', data: { name: 'ACME' } });
    expect(next.context).toMatchObject({ profile: { country: 'DE', name: 'ACME' } });
  });

  it('assignFromForm without a path merges event.data into the context root', () => {
    const next = drive(definition, startInstance(definition), {
      type: 'ROOT',
      data: { scope: 'all AI systems' },
    });
    expect(next.context).toMatchObject({ scope: 'all AI systems', profile: { country: 'DE' } });
  });

  it('appendToContext pushes event.data (or another event field) onto an array, creating it if needed', () => {
    const next = drive(
      definition,
      startInstance(definition),
      { type: 'FINDING', data: { id: 1 } },
      { type: 'FINDING', data: { id: 2 } },
      { type: 'TAG', tag: 'urgent' },
    );
    expect(next.context).toMatchObject({ findings: [{ id: 1 }, { id: 2 }], tags: ['urgent'] });
  });

  it('setContext writes values, resolving templates', () => {
    const next = drive(definition, startInstance(definition), { type: 'STAMP', actorId: 'u-3' });
    expect(next.context).toMatchObject({ reviewedBy: 'u-3', stage: 2 });
  });

  it('setOutcome ends with an outcome and the final state output is exposed', () => {
    const end = drive(
      definition,
      startInstance(definition),
      { type: 'FINDING', data: { id: 1 } },
      { type: 'CLOSE' },
    );
    expect(end).toMatchObject({ status: 'done', outcome: 'closed', output: { findings: [{ id: 1 }] } });
  });

  it('a finished instance accepts no more events', () => {
    const end = drive(definition, startInstance(definition), { type: 'CLOSE' });
    expect(isEventAccepted(definition, end.snapshot, 'FINDING')).toBe(false);
    expect(step(definition, end.snapshot, { type: 'FINDING', data: {} }).accepted).toBe(false);
  });
});

describe('guards', () => {
  const definition = compile({
    initial: 'deciding',
    context: { tier: 'high' },
    states: {
      deciding: {
        on: {
          DECIDE: [
            {
              target: 'accepted',
              guard: { type: 'fieldEquals', params: { field: 'decision.kind', value: 'accept' } },
            },
            {
              target: 'escalated',
              guard: { type: 'contextEquals', params: { path: 'context.tier', value: 'high' } },
            },
            {
              target: 'other',
              guard: { type: 'fieldNotEquals', params: { field: 'decision.kind', value: 'accept' } },
            },
          ],
        },
      },
      accepted: { type: 'final' },
      escalated: { type: 'final' },
      other: { type: 'final' },
    },
  });

  it('fieldEquals compares a path in event.data', () => {
    const end = drive(definition, startInstance(definition), {
      type: 'DECIDE',
      data: { decision: { kind: 'accept' } },
    });
    expect(end.value).toBe('accepted');
  });

  it('contextEquals compares a path in the context', () => {
    const end = drive(definition, startInstance(definition), {
      type: 'DECIDE',
      data: { decision: { kind: 'reject' } },
    });
    expect(end.value).toBe('escalated');
  });

  it('fieldNotEquals picks the branch when the field differs', () => {
    const end = drive(definition, startInstance(definition, { tier: 'low' }), {
      type: 'DECIDE',
      data: { decision: { kind: 'x' } },
    });
    expect(end.value).toBe('other');
  });
});

describe('durable timers', () => {
  const definition = compile({
    initial: 'waiting',
    states: {
      waiting: {
        after: {
          P14D: 'overdue',
          PT10S: { actions: [{ type: 'notify', params: { to: 'x', template: 'reminder' } }] },
        },
        on: { DONE: 'end' },
      },
      overdue: { on: { DONE: 'end' } },
      end: { type: 'final' },
    },
  });

  it('schedules one timer per ISO delay on entry', () => {
    expect(startInstance(definition).effects).toEqual([
      {
        type: 'scheduleTimer',
        timerId: 'xstate.after.P14D.test-flow.waiting',
        delayMs: 14 * 86_400_000,
        event: { type: 'xstate.after.P14D.test-flow.waiting' },
      },
      {
        type: 'scheduleTimer',
        timerId: 'xstate.after.PT10S.test-flow.waiting',
        delayMs: 10_000,
        event: { type: 'xstate.after.PT10S.test-flow.waiting' },
      },
    ]);
  });

  it('accepts the stored timer event when re-sent to the restored snapshot', () => {
    const start = startInstance(definition);
    const timer = start.effects.find((e) => e.type === 'scheduleTimer' && e.delayMs > 10_000);
    if (timer?.type !== 'scheduleTimer') throw new Error('no timer');
    const restored = JSON.parse(JSON.stringify(start.snapshot));
    expect(isEventAccepted(definition, restored, timer.event)).toBe(true);
    const fired = step(definition, restored, timer.event);
    expect(fired.value).toBe('overdue');
    expect(fired.effects).toEqual([
      { type: 'cancelTimer', timerId: 'xstate.after.P14D.test-flow.waiting' },
      { type: 'cancelTimer', timerId: 'xstate.after.PT10S.test-flow.waiting' },
    ]);
  });

  it('a targetless timer runs its actions and leaves the state and its other timers alone', () => {
    const fired = step(definition, startInstance(definition).snapshot, {
      type: 'xstate.after.PT10S.test-flow.waiting',
    });
    expect(fired).toMatchObject({ value: 'waiting', effects: [{ type: 'notify', template: 'reminder' }] });
  });

  it('cancels pending timers when the state is left by another event', () => {
    const end = drive(definition, startInstance(definition), { type: 'DONE' });
    expect(end.effects.map((e) => e.type)).toEqual(['cancelTimer', 'cancelTimer']);
    expect(end.status).toBe('done');
  });

  it('does not accept a timer event of a state that is no longer active', () => {
    const late = drive(definition, startInstance(definition), {
      type: 'xstate.after.P14D.test-flow.waiting',
    });
    expect(isEventAccepted(definition, late.snapshot, 'xstate.after.P14D.test-flow.waiting')).toBe(false);
  });
});

describe('parallel join', () => {
  const definition = compile({
    initial: 'assessing',
    states: {
      assessing: {
        type: 'parallel',
        states: {
          legal: {
            initial: 'open',
            states: {
              open: { meta: { task: { form: 'legal-check' } }, on: { SUBMIT: 'done' } },
              done: { type: 'final' },
            },
          },
          technical: {
            initial: 'open',
            states: {
              open: { meta: { task: { form: 'tech-check' } }, on: { SUBMIT: 'done' } },
              done: { type: 'final' },
            },
          },
        },
        onDone: 'decided',
      },
      decided: { type: 'final', output: { result: 'both checks done' } },
    },
  });

  it('opens a task in every region and moves on only when all regions are final', () => {
    const start = startInstance(definition);
    expect(start.effects.map((e) => e.type === 'openTask' && e.stateId)).toEqual([
      'test-flow.assessing.legal.open',
      'test-flow.assessing.technical.open',
    ]);
    const half = drive(definition, start, {
      type: 'SUBMIT',
      stateId: 'test-flow.assessing.technical.open',
      data: {},
    });
    expect(half.value).toEqual({ assessing: { legal: 'open', technical: 'done' } });
    expect(half.effects).toEqual([{ type: 'cancelTasks', stateId: 'test-flow.assessing.technical.open' }]);

    const joined = drive(definition, half, {
      type: 'SUBMIT',
      stateId: 'test-flow.assessing.legal.open',
      data: {},
    });
    expect(joined).toMatchObject({
      value: 'decided',
      status: 'done',
      output: { result: 'both checks done' },
    });
  });
});

describe('persisted snapshots', () => {
  const definition = compile({
    initial: 'a',
    context: { n: 0, items: [] },
    states: {
      a: {
        on: {
          ADD: { actions: [{ type: 'appendToContext', params: { to: 'items' } }] },
          NEXT: { target: 'b', actions: [{ type: 'setContext', params: { values: { n: 1 } } }] },
        },
      },
      b: {
        initial: 'b1',
        states: { b1: { on: { NEXT: 'b2' } }, b2: {}, h: { type: 'history' } },
        on: { OUT: 'c' },
      },
      c: { on: { BACK: 'b.h', END: 'end' } },
      end: { type: 'final' },
    },
  });

  it('are plain JSON that survive a round trip unchanged, history included', () => {
    const result = drive(
      definition,
      startInstance(definition),
      { type: 'NEXT' },
      { type: 'NEXT' },
      { type: 'OUT' },
    );
    const text = JSON.stringify(result.snapshot);
    expect(JSON.parse(text)).toEqual(result.snapshot);
    const back = step(definition, JSON.parse(text), { type: 'BACK' });
    expect(back.value).toEqual({ b: 'b2' });
    expect(back.context).toEqual({ n: 1, items: [] });
  });

  it('step does not mutate the snapshot it is given', () => {
    const start = startInstance(definition);
    const before = JSON.stringify(start.snapshot);
    const next = step(definition, start.snapshot, { type: 'ADD', data: 'x' });
    expect(next.context).toEqual({ n: 0, items: ['x'] });
    expect(JSON.stringify(start.snapshot)).toBe(before);
  });

  it('rejects something that is not a persisted snapshot', () => {
    expect(() => step(definition, { foo: 1 }, { type: 'NEXT' })).toThrow(/Not a persisted snapshot/);
  });

  it('replay rebuilds the same snapshot as stepping one event at a time', () => {
    const events = [{ type: 'NEXT' }, { type: 'OUT' }, { type: 'IGNORED' }, { type: 'BACK' }];
    const stepped = drive(definition, startInstance(definition), ...events);
    const replayed = replay(definition, undefined, events);
    expect(replayed.snapshot).toEqual(stepped.snapshot);
    expect(replayed.value).toEqual({ b: 'b1' });
  });
});
