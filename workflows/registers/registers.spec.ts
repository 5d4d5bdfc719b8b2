import { readdirSync } from 'node:fs';
import { projectStep, validateRegister, type RegisterLookups } from '@aimsflow/engine';
import { builtInForms } from '@aimsflow/forms';
import { builtInWorkflows } from '../index';
import { builtInRegisters } from './index';

const lookups: RegisterLookups = {
  machine: (key) => builtInWorkflows.find((w) => w.key === key)?.machine,
  formSchema: (key) => builtInForms.find((f) => f.key === key)?.schema as Record<string, unknown> | undefined,
};

describe('built-in registers', () => {
  it('lists every declaration in the folder', () => {
    const files = readdirSync(__dirname)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''));
    expect(builtInRegisters.map((r) => r.key).sort()).toEqual(files.sort());
  });

  it.each(builtInRegisters.map((r) => [r.key, r] as const))(
    '%s validates against the definitions and forms it names',
    (_key, register) => {
      expect(validateRegister(register, lookups)).toEqual([]);
    },
  );

  it('refuses a projection once the state it names is renamed', () => {
    const risk = builtInWorkflows.find((w) => w.key === 'ai-risk-assessment')!;
    const states = { ...(risk.machine.states as Record<string, unknown>) };
    states.weighing = states.evaluating;
    delete states.evaluating;
    const renamed = { ...risk.machine, states };
    const errors = validateRegister(
      builtInRegisters.find((r) => r.key === 'risks')!,
      {
        ...lookups,
        machine: (key) => (key === 'ai-risk-assessment' ? renamed : lookups.machine(key)),
      },
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('state "evaluating" does not exist in ai-risk-assessment'),
      ]),
    );
  });

  it('turns one AI objectives submission into one record per objective', () => {
    const writes = projectStep(builtInRegisters, {
      definitionKey: 'ai-objectives-approval',
      task: {
        id: 't1',
        formKey: 'ai-objectives',
        state: 'drafting',
        author: 'u-manager',
        completedBy: 'u-manager',
        submission: {
          objectives: [
            {
              title: 'Explain every automated decision',
              measure: 'share of decisions explained',
              target: '100 %',
              owner: 'u1',
              dueDate: '2027-06-30',
            },
            {
              title: ' Cut bias complaints ',
              measure: 'complaints per quarter',
              target: '< 2',
              owner: 'u2',
              dueDate: '2027-12-31',
            },
          ],
        },
      },
      entered: ['inApproval'],
      context: {},
      instanceId: 'i1',
      now: new Date('2026-12-04T10:00:00Z'),
    });
    expect(writes.map((w) => [w.register, w.recordKey, w.set.status, w.set.ownerId])).toEqual([
      ['objectives', 'explain every automated decision', 'in-approval', 'u1'],
      ['objectives', 'cut bias complaints', 'in-approval', 'u2'],
    ]);
  });
});
