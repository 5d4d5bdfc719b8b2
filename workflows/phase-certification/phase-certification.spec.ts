import { compileDefinition, replay, startInstance, type EngineEvent } from '@aimsflow/engine';
import { builtInForms } from '@aimsflow/forms';
import { builtInWorkflows } from '../index';
import { simulate } from '../testing/simulate';
import { phaseCertificationWorkflow } from './definition';

type Data = Record<string, any>;
const definition = compileDefinition(phaseCertificationWorkflow);
const ID = 'phase-certification';
const example = (form: string, name: string) =>
  structuredClone(
    builtInForms.find((f) => f.key === form)!.examples.valid.find((e) => e.name === name)!.data,
  );
const answers =
  (byForm: Record<string, () => unknown>) =>
  (task: { form: string }): unknown =>
    byForm[task.form]?.();
const certificate = {
  number: 'AIMS-2027-0042',
  scope: 'The support assistant',
  decidedOn: '2027-06-15',
  issuedOn: '2027-06-20',
  expiresOn: '2030-06-20',
};
/** The certification audit ends (its CHILDREN_DONE, as the server sends it). */
const auditEnded = (output: Data): EngineEvent => ({
  type: 'CHILDREN_DONE',
  stateId: `${ID}.certifying`,
  outputs: [{ instanceId: 'audit-1', outcome: output.outcome, output }],
});

describe('phase 4 — Certification', () => {
  it('starts the certification audit instead of generic tasks', () => {
    const start = startInstance(definition);
    expect(start.value).toBe('certifying');
    expect(start.effects).toEqual([
      expect.objectContaining({ type: 'startChildren', definitionKey: 'certification-audit' }),
    ]);
  });

  it('goes to the gate when the certificate is granted, and hands on the certificate once signed', () => {
    const granted = replay(definition, {}, [auditEnded({ outcome: 'granted', certificate })]);
    expect(granted.value).toBe('gate');
    const passed = replay(definition, {}, [
      auditEnded({ outcome: 'granted', certificate }),
      { type: 'APPROVED', stateId: `${ID}.gate` },
    ]);
    expect(passed).toMatchObject({ status: 'done', outcome: 'passed' });
    expect((passed.output as Data).certificate).toEqual(certificate);
  });

  it('reworks a rejected gate', () => {
    const result = replay(definition, {}, [
      auditEnded({ outcome: 'granted', certificate }),
      { type: 'REJECTED', stateId: `${ID}.gate`, data: { comment: 'certificate scope differs' } },
    ]);
    expect(result.value).toBe('rework');
  });

  it('runs the certification audit, then the gate, and hands phase 5 the certificate', () => {
    const { result, log } = simulate(builtInWorkflows, 'phase-certification', {});
    expect(result).toMatchObject({ status: 'done', outcome: 'passed' });
    expect(log.children.filter((c) => c.instanceOf === 'phase-certification')).toEqual([
      expect.objectContaining({ definitionKey: 'certification-audit' }),
    ]);
    const certificate = (result.output as Data).certificate;
    expect(Object.keys(certificate).sort()).toEqual([
      'decidedOn',
      'expiresOn',
      'issuedOn',
      'number',
      'scope',
    ]);
    for (const date of ['decidedOn', 'issuedOn', 'expiresOn'])
      expect(certificate[date]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(log.tasks.map((t) => t.form)).not.toContain('generic-task');
  });

  it('starts a new certification audit after the AIMS manager addressed a refusal', () => {
    let decisions = 0;
    const { result, log } = simulate(
      builtInWorkflows,
      'phase-certification',
      {},
      {
        taskData: answers({
          'certification-decision': () =>
            ++decisions === 1
              ? example('certification-decision', 'not-granted')
              : example('certification-decision', 'granted'),
        }),
      },
    );
    expect(result).toMatchObject({ status: 'done', outcome: 'passed' });
    const audits = log.children.filter((c) => c.definitionKey === 'certification-audit');
    expect(audits).toHaveLength(2);
    expect(log.tasks.filter((t) => t.instanceOf === 'phase-certification').map((t) => t.title)).toEqual([
      'Address the reasons the certificate was not granted, then start a new certification audit',
    ]);
    expect(result.context).toMatchObject({ notGranted: [expect.any(Object)] });
  });
});
