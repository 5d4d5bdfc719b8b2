import type { MachineConfig } from './definition.types';
import {
  DefinitionError,
  compileDefinition,
  referencedKeys,
  validateDefinition,
} from './validate-definition';

const define = (machine: MachineConfig, key = 'test-flow') => ({ key, name: 'Test flow', machine });

const simple = (extra: MachineConfig = {}): MachineConfig => ({
  initial: 'work',
  states: { work: { on: { DONE: 'end' }, ...extra }, end: { type: 'final' } },
});

function errorsOf(machine: MachineConfig, lookups = {}): string[] {
  const result = validateDefinition(define(machine), lookups);
  if (result.ok) throw new Error('expected the definition to be rejected');
  return result.errors;
}

describe('validateDefinition', () => {
  it('accepts a valid definition and compiles it', () => {
    const result = validateDefinition(define(simple()));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.definition.machine.id).toBe('test-flow');
  });

  it('requires a kebab-case key and a name', () => {
    const result = validateDefinition({ key: 'Test_Flow', name: '', machine: simple() });
    expect(result).toEqual({
      ok: false,
      errors: [expect.stringMatching(/kebab-case/), expect.stringMatching(/name/)],
    });
  });

  it('rejects values that are not JSON, naming where they are', () => {
    const machine = simple({ meta: { when: new Date(0), fn: () => 1 } });
    const errors = errorsOf(machine);
    expect(errors).toEqual([
      expect.stringContaining('machine.states.work.meta.when: a Date is not JSON'),
      expect.stringContaining('machine.states.work.meta.fn: a function is not JSON'),
    ]);
  });

  it('rejects an unknown action, naming the state path', () => {
    const machine = simple({ on: { DONE: { target: 'end', actions: ['sendEmail'] } } });
    expect(errorsOf(machine)).toEqual([
      expect.stringMatching(/state "work" on "DONE": unknown action "sendEmail"/),
    ]);
  });

  it('rejects an unknown entry action inside a nested state', () => {
    const machine: MachineConfig = {
      initial: 'outer',
      states: {
        outer: {
          initial: 'inner',
          states: { inner: { entry: [{ type: 'launchRocket' }], on: { DONE: '#test-flow.end' } } },
        },
        end: { type: 'final' },
      },
    };
    expect(errorsOf(machine)).toEqual([
      expect.stringMatching(/state "outer\.inner" entry: unknown action "launchRocket"/),
    ]);
  });

  it('does not let authors call engine effect actions directly', () => {
    const machine = simple({ entry: [{ type: 'engine.openTask', params: { form: 'x' } }] });
    expect(errorsOf(machine)).toEqual([expect.stringMatching(/unknown action "engine\.openTask"/)]);
  });

  it('rejects an unknown guard', () => {
    const machine = simple({ on: { DONE: { target: 'end', guard: 'isFriday' } } });
    expect(errorsOf(machine)).toEqual([
      expect.stringMatching(/state "work" on "DONE": unknown guard "isFriday"/),
    ]);
  });

  it('rejects a vocabulary action with missing params', () => {
    const machine = simple({ on: { DONE: { target: 'end', actions: ['setOutcome'] } } });
    expect(errorsOf(machine)).toEqual([expect.stringMatching(/"setOutcome" needs params\.outcome/)]);
  });

  it('rejects a delay that is not an ISO-8601 duration', () => {
    const machine = simple({ after: { P14X: 'end' } });
    expect(errorsOf(machine)).toEqual([
      expect.stringMatching(/state "work": delay "P14X" is neither an ISO-8601/),
    ]);
  });

  it('rejects a bad meta.task.dueIn', () => {
    const machine = simple({ meta: { task: { form: 'f', dueIn: '14 days' } } });
    expect(errorsOf(machine)).toEqual([expect.stringMatching(/state "work": meta\.task\.dueIn "14 days"/)]);
  });

  it('reports a task form the lookup does not know', () => {
    const machine = simple({ meta: { task: { form: 'missing-form' } } });
    const errors = errorsOf(machine, { formExists: (key: string) => key === 'known-form' });
    expect(errors).toEqual([
      expect.stringMatching(/state "work": meta\.task\.form "missing-form" does not exist/),
    ]);
    expect(validateDefinition(define(machine), { formExists: () => true }).ok).toBe(true);
  });

  it('reports a subprocess definition the lookup does not know', () => {
    const machine = simple({ meta: { subprocess: { definitionKey: 'ghost' } } });
    const errors = errorsOf(machine, { definitionExists: () => false });
    expect(errors).toEqual([expect.stringMatching(/meta\.subprocess\.definitionKey "ghost" does not exist/)]);
  });

  it('rejects invoke, since children are declared with meta.subprocess', () => {
    expect(errorsOf(simple({ invoke: { src: 'child' } }))).toEqual([
      expect.stringMatching(/"invoke" is not supported/),
    ]);
  });

  it('reports a transition target that does not exist', () => {
    const machine = simple({ on: { DONE: 'nowhere' } });
    expect(errorsOf(machine)).toEqual([
      expect.stringMatching(/^state "work": XState cannot build[\s\S]*'nowhere' does not exist/),
    ]);
  });

  it('reports a #id target that does not exist, naming the state path', () => {
    const machine = simple({ on: { DONE: 'end', SKIP: '#nowhere' } });
    expect(errorsOf(machine)).toEqual([expect.stringMatching(/^state "work": .*'#nowhere' does not exist/)]);
  });

  it('reports an unreachable final state by its path', () => {
    const machine: MachineConfig = {
      initial: 'work',
      states: { work: { on: { DONE: 'end' } }, end: { type: 'final' }, cancelled: { type: 'final' } },
    };
    expect(errorsOf(machine)).toEqual([
      expect.stringMatching(/state "cancelled" is unreachable \(a final state/),
    ]);
  });

  it('reports unreachable nested states but not states entered as parallel regions or initial children', () => {
    const machine: MachineConfig = {
      initial: 'p',
      states: {
        p: {
          type: 'parallel',
          states: {
            a: { initial: 'a1', states: { a1: { on: { A: 'a2' } }, a2: { type: 'final' }, orphan: {} } },
            b: { initial: 'b1', states: { b1: { on: { B: 'b2' } }, b2: { type: 'final' } } },
          },
          onDone: 'end',
        },
        end: { type: 'final' },
      },
    };
    expect(errorsOf(machine)).toEqual(['state "p.a.orphan" is unreachable']);
  });

  it('counts a state reachable through a history state or a #id target', () => {
    const machine: MachineConfig = {
      initial: 'edit',
      states: {
        edit: {
          initial: 'one',
          states: { one: { on: { NEXT: 'two' } }, two: { id: 'second' }, hist: { type: 'history' } },
          on: { PAUSE: 'paused' },
        },
        paused: { on: { RESUME: 'edit.hist', JUMP: '#second', STOP: 'end' } },
        end: { type: 'final' },
      },
    };
    expect(validateDefinition(define(machine))).toMatchObject({ ok: true });
  });

  it('reports a machine that can never reach a final state', () => {
    const machine: MachineConfig = {
      initial: 'a',
      states: { a: { on: { GO: 'b' } }, b: { on: { BACK: 'a' } } },
    };
    expect(errorsOf(machine)).toEqual([expect.stringMatching(/no reachable final state/)]);
  });

  it('compileDefinition throws a DefinitionError carrying every message', () => {
    const bad = define(simple({ on: { DONE: { target: 'end', actions: ['x'], guard: 'y' } } }));
    expect(() => compileDefinition(bad)).toThrow(DefinitionError);
    try {
      compileDefinition(bad);
    } catch (error) {
      expect((error as DefinitionError).errors).toHaveLength(2);
    }
  });
});

describe('referencedKeys', () => {
  it('lists the forms and child definitions a machine refers to, once each', () => {
    const machine: MachineConfig = {
      initial: 'a',
      states: {
        a: {
          meta: { task: { form: 'f1' } },
          initial: 'x',
          states: { x: { meta: { task: { form: 'f2' } } } },
        },
        b: { meta: { task: { form: 'f1' }, subprocess: { definitionKey: 'child' } } },
      },
    };
    expect(referencedKeys(machine)).toEqual({ forms: ['f1', 'f2'], definitions: ['child'] });
  });
});

describe('notification templates', () => {
  const machine: MachineConfig = {
    initial: 'work',
    states: {
      work: {
        meta: { notify: { to: 'aims-manager', template: 'known' } },
        entry: [{ type: 'notify', params: { to: 'aims-manager', template: 'typo-in-entry' } }],
        on: {
          DONE: { target: 'end', actions: [{ type: 'notify', params: { to: 'x', template: 'known' } }] },
        },
      },
      end: { type: 'final' },
    },
  };

  it('refuses a template the server cannot render, naming it', () => {
    expect(errorsOf(machine, { templateExists: (t: string) => t === 'known' })).toEqual([
      'notification template "typo-in-entry" does not exist',
    ]);
  });

  it('accepts them when every template exists, and checks nothing without the lookup', () => {
    expect(validateDefinition(define(machine), { templateExists: () => true }).ok).toBe(true);
    expect(validateDefinition(define(machine)).ok).toBe(true);
  });
});
