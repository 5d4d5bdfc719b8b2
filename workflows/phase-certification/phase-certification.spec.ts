import { compileDefinition, replay, type EngineEvent } from '@aimsflow/engine';
import { phaseCertificationWorkflow } from './definition';

const definition = compileDefinition(phaseCertificationWorkflow);
const ID = 'phase-certification';
const done = (stateId: string): EngineEvent => ({
  type: 'SUBMIT',
  taskId: stateId,
  stateId: `${ID}.${stateId}`,
  data: { done: true },
  actorId: 'u-1',
});
const STEPS = [
  'preparingForAudit',
  'engagingCertificationBody',
  'stageOneAudit',
  'stageTwoAudit',
  'addressingFindings',
  'recordingCertificate',
];

describe('phase 4 — Certification', () => {
  it('holds stage 2 only after stage 1', () => {
    const afterStageOne = replay(definition, {}, STEPS.slice(0, 3).map(done));
    expect(afterStageOne.value).toBe('stageTwoAudit');
    const skipped = replay(definition, {}, [...STEPS.slice(0, 2).map(done), done('stageTwoAudit')]);
    expect(skipped.accepted).toBe(false);
  });

  it('passes once the certificate is recorded and the gate is signed', () => {
    const result = replay(definition, {}, [...STEPS.map(done), { type: 'APPROVED', stateId: `${ID}.gate` }]);
    expect(result).toMatchObject({ status: 'done', outcome: 'passed' });
  });

  it('reworks a rejected gate', () => {
    const result = replay(definition, {}, [
      ...STEPS.map(done),
      { type: 'REJECTED', stateId: `${ID}.gate`, data: { comment: 'certificate scope differs' } },
    ]);
    expect(result.value).toBe('rework');
  });
});
