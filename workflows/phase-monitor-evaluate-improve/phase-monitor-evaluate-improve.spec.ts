import { compileDefinition, replay, startInstance, type EngineEvent } from '@aimsflow/engine';
import { phaseMonitorEvaluateImproveWorkflow } from './definition';

const definition = compileDefinition(phaseMonitorEvaluateImproveWorkflow);
const ID = 'phase-monitor-evaluate-improve';
const done = (stateId: string): EngineEvent => ({
  type: 'SUBMIT',
  taskId: stateId,
  stateId: `${ID}.${stateId}`,
  data: { done: true, note: stateId },
  actorId: 'u-1',
});
const STEPS = ['monitoring', 'planningInternalAudit', 'internalAudit', 'managementReview', 'improving'];

describe('phase 3 — Monitor, Evaluate & Improve', () => {
  it('starts with monitoring and measurement for the AIMS manager', () => {
    expect(startInstance(definition).effects).toEqual([
      expect.objectContaining({
        type: 'openTask',
        stateId: `${ID}.monitoring`,
        candidateRole: 'aims-manager',
      }),
    ]);
  });

  it('gives the internal audit to an internal auditor', () => {
    const result = replay(definition, {}, STEPS.slice(0, 2).map(done));
    expect(result.effects).toContainEqual(
      expect.objectContaining({
        type: 'openTask',
        stateId: `${ID}.internalAudit`,
        candidateRole: 'internal-auditor',
      }),
    );
  });

  it('passes after monitoring, audit, management review and improvement, once the gate is signed', () => {
    const beforeGate = replay(definition, {}, STEPS.map(done));
    expect(beforeGate.value).toBe('gate');
    const result = replay(definition, {}, [...STEPS.map(done), { type: 'APPROVED', stateId: `${ID}.gate` }]);
    expect(result).toMatchObject({ status: 'done', outcome: 'passed' });
    expect(Object.keys((result.output as { records: object }).records)).toEqual([
      'monitoring',
      'auditProgramme',
      'internalAudit',
      'managementReview',
      'improvement',
    ]);
  });

  it('reworks a rejected gate and asks for sign-off again', () => {
    const rejected = replay(definition, {}, [
      ...STEPS.map(done),
      { type: 'REJECTED', stateId: `${ID}.gate`, data: { comment: 'no evidence of 9.1 results' } },
    ]);
    expect(rejected.value).toBe('rework');
    expect(rejected.effects).toContainEqual(
      expect.objectContaining({ type: 'openTask', stateId: `${ID}.rework` }),
    );
    const again = replay(definition, {}, [
      ...STEPS.map(done),
      { type: 'REJECTED', stateId: `${ID}.gate`, data: { comment: 'no evidence of 9.1 results' } },
      done('rework'),
    ]);
    expect(again.value).toBe('gate');
    expect(again.effects).toContainEqual(
      expect.objectContaining({ type: 'requestApproval', stateId: `${ID}.gate` }),
    );
    expect(again.context).toMatchObject({ gateReviews: [{ comment: 'no evidence of 9.1 results' }] });
  });
});
