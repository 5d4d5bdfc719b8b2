import { createActor, createMachine } from 'xstate';
import type { EngineEvent, MachineConfig } from './definition.types';
import { startInstance, step } from './run-instance';
import { compileDefinition } from './validate-definition';

/** Drives the engine (persisting as JSON between steps) and a live XState actor side by side. */
function compare(machine: MachineConfig, events: EngineEvent[]) {
  const definition = compileDefinition({ key: 'parity', name: 'Parity', machine });
  const actor = createActor(createMachine({ id: 'parity', ...machine } as never)).start();
  let result = startInstance(definition);
  const engine = [{ value: result.value, status: result.status }];
  const xstate = [{ value: actor.getSnapshot().value, status: actor.getSnapshot().status }];
  for (const event of events) {
    result = step(definition, JSON.parse(JSON.stringify(result.snapshot)), event);
    engine.push({ value: result.value, status: result.status });
    actor.send(event);
    xstate.push({ value: actor.getSnapshot().value, status: actor.getSnapshot().status });
  }
  return { engine, xstate, output: { engine: result.output, xstate: actor.getSnapshot().output } };
}

describe('parity with XState for action-free machines', () => {
  it('nested states with eventless transitions and a root output', () => {
    const machine: MachineConfig = {
      initial: 'intake',
      output: { finished: true },
      states: {
        intake: {
          initial: 'triage',
          states: {
            triage: { always: 'classify' },
            classify: { on: { CLASSIFIED: 'check' } },
            check: { on: { OK: '#parity.work', BACK: 'classify' } },
          },
        },
        work: {
          initial: 'doing',
          states: { doing: { on: { PAUSE: 'paused' } }, paused: { on: { GO: 'doing' } } },
          on: { FINISH: 'end' },
        },
        end: { type: 'final' },
      },
    };
    const run = compare(machine, [
      { type: 'CLASSIFIED' },
      { type: 'BACK' },
      { type: 'CLASSIFIED' },
      { type: 'OK' },
      { type: 'PAUSE' },
      { type: 'NOPE' },
      { type: 'GO' },
      { type: 'FINISH' },
    ]);
    expect(run.engine).toEqual(run.xstate);
    expect(run.engine.at(-1)).toEqual({ value: 'end', status: 'done' });
    expect(run.output.engine).toEqual(run.output.xstate);
    expect(run.output.engine).toEqual({ finished: true });
  });

  it('parallel regions with nested finals and an onDone join', () => {
    const machine: MachineConfig = {
      initial: 'parallelWork',
      states: {
        parallelWork: {
          type: 'parallel',
          states: {
            docs: {
              initial: 'draft',
              states: {
                draft: { on: { WRITE: 'written' } },
                written: { on: { SIGN: 'signed' } },
                signed: { type: 'final' },
              },
            },
            risk: {
              initial: 'identify',
              states: {
                identify: { on: { IDENTIFIED: 'treat' } },
                treat: {
                  type: 'parallel',
                  states: {
                    plan: { initial: 'p1', states: { p1: { on: { PLAN: 'p2' } }, p2: { type: 'final' } } },
                    own: { initial: 'o1', states: { o1: { on: { OWN: 'o2' } }, o2: { type: 'final' } } },
                  },
                  onDone: 'treated',
                },
                treated: { type: 'final' },
              },
            },
          },
          on: { RESET: { target: 'parallelWork', reenter: true } },
          onDone: 'complete',
        },
        complete: { type: 'final' },
      },
    };
    const run = compare(machine, [
      { type: 'WRITE' },
      { type: 'IDENTIFIED' },
      { type: 'PLAN' },
      { type: 'RESET' },
      { type: 'WRITE' },
      { type: 'SIGN' },
      { type: 'IDENTIFIED' },
      { type: 'OWN' },
      { type: 'PLAN' },
    ]);
    expect(run.engine).toEqual(run.xstate);
    expect(run.engine.at(-1)).toEqual({ value: 'complete', status: 'done' });
  });

  it('shallow and deep history states', () => {
    const machine: MachineConfig = {
      initial: 'editing',
      states: {
        editing: {
          initial: 'text',
          states: {
            text: { initial: 'plain', states: { plain: { on: { BOLD: 'bold' } }, bold: {} } },
            images: {},
            shallow: { type: 'history', history: 'shallow' },
            deep: { type: 'history', history: 'deep' },
          },
          on: { IMAGES: '.images', TEXT: '.text', SAVE: 'saving' },
        },
        saving: { on: { RESUME_SHALLOW: 'editing.shallow', RESUME_DEEP: 'editing.deep', DONE: 'saved' } },
        saved: { type: 'final' },
      },
    };
    const run = compare(machine, [
      { type: 'BOLD' },
      { type: 'SAVE' },
      { type: 'RESUME_SHALLOW' },
      { type: 'BOLD' },
      { type: 'SAVE' },
      { type: 'RESUME_DEEP' },
      { type: 'IMAGES' },
      { type: 'SAVE' },
      { type: 'RESUME_DEEP' },
      { type: 'TEXT' },
      { type: 'SAVE' },
      { type: 'DONE' },
    ]);
    expect(run.engine).toEqual(run.xstate);
    expect(run.engine[3].value).toEqual({ editing: { text: 'plain' } });
    expect(run.engine[6].value).toEqual({ editing: { text: 'bold' } });
  });

  it('guard-free eventless chains through several states in one step', () => {
    const machine: MachineConfig = {
      initial: 'a',
      states: {
        a: { on: { GO: 'b' } },
        b: { always: 'c' },
        c: { always: { target: 'd' } },
        d: { on: { END: 'e' } },
        e: { type: 'final' },
      },
    };
    const run = compare(machine, [{ type: 'GO' }, { type: 'END' }]);
    expect(run.engine).toEqual(run.xstate);
    expect(run.engine[1].value).toBe('d');
  });
});
