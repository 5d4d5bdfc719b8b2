import { compileDefinition, startInstance, step } from '@aimsflow/engine';
import { builtInWorkflows } from '../index';
import { simulate } from '../testing/simulate';
import { phaseMaintainEnhanceWorkflow } from './definition';

const definition = compileDefinition(phaseMaintainEnhanceWorkflow);
const ID = 'phase-maintain-enhance';
const YEAR = 365 * 86_400_000;
const clockOf = (year: number) => `xstate.after.P1Y.${ID}.year${year}.clock.running`;

describe('phase 5 — Maintain & Enhance', () => {
  it('starts year 1 with a one-year clock, maintenance work and the yearly policy and objectives review', () => {
    const start = startInstance(definition, { aiPolicy: { policy: { version: '1.0' } } });
    expect(start.effects).toContainEqual({
      type: 'scheduleTimer',
      timerId: clockOf(1),
      delayMs: YEAR,
      event: { type: clockOf(1) },
    });
    expect(start.effects).toContainEqual(
      expect.objectContaining({
        type: 'startChildren',
        definitionKey: 'ai-policy-approval',
        inputs: [{ policy: { version: '1.0' } }],
      }),
    );
    expect(start.effects).toContainEqual(
      expect.objectContaining({ type: 'startChildren', definitionKey: 'ai-objectives-approval' }),
    );
  });

  it('keeps the year open when its clock runs out before the work is signed off', () => {
    const start = startInstance(definition);
    const result = step(definition, start.snapshot, { type: clockOf(1) });
    expect(result.activeStateIds).toEqual(
      expect.arrayContaining([`${ID}.year1.clock.elapsed`, `${ID}.year1.work.maintaining`]),
    );
    expect(result.effects.filter((e) => e.type === 'cancelTasks')).toEqual([]);
  });

  it('waits for the year to end after the year is signed off, then starts year 2', () => {
    const valueWhenClockFired: unknown[] = [];
    simulate(
      builtInWorkflows,
      ID,
      {},
      {
        intercept: (work, { result }) => {
          if (work.kind !== 'timer') return undefined;
          valueWhenClockFired.push(result.value);
          return valueWhenClockFired.length === 2 ? { type: 'END_PROGRAMME' } : undefined;
        },
      },
    );
    expect(valueWhenClockFired).toEqual([
      { year1: { work: 'closed', clock: 'running' } },
      { year2: { work: 'closed', clock: 'running' } },
    ]);
  });

  it('audits for surveillance in years 1 and 2, recertifies in year 3, then starts the cycle again', () => {
    const { result, log } = simulate(
      builtInWorkflows,
      ID,
      {},
      {
        intercept: (work, { handled }) =>
          work.kind === 'timer' && work.effect.timerId === clockOf(1) && handled === 1
            ? { type: 'END_PROGRAMME', data: { reason: 'end of the test' } }
            : undefined,
      },
    );
    const audits = log.tasks.filter((t) => t.stateId.endsWith('.work.externalAudit')).map((t) => t.title);
    expect(audits).toEqual([
      'Host the surveillance audit (year 1) and record its findings and corrective actions',
      'Host the surveillance audit (year 2) and record its findings and corrective actions',
      'Host the recertification audit and record its findings and corrective actions',
      'Host the surveillance audit (year 1) and record its findings and corrective actions',
    ]);
    const gates = log.approvals.filter((a) => a.instanceOf === ID && a.stateId.endsWith('.gate'));
    expect(gates).toHaveLength(4);
    expect(result).toMatchObject({
      status: 'done',
      outcome: 'ended',
      output: { ending: { reason: 'end of the test' } },
    });
  });

  it('ends the programme on END_PROGRAMME, cancelling the open work and the clock', () => {
    const result = step(definition, startInstance(definition).snapshot, { type: 'END_PROGRAMME' });
    expect(result).toMatchObject({ status: 'done', outcome: 'ended' });
    const types = result.effects.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['cancelTasks', 'cancelChildren', 'cancelTimer']));
  });
});
