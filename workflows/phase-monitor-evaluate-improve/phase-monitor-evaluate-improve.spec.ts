import { compileDefinition, replay, startInstance, type EngineEvent } from '@aimsflow/engine';
import { phaseMonitorEvaluateImproveWorkflow } from './definition';

const definition = compileDefinition(phaseMonitorEvaluateImproveWorkflow);
const ID = 'phase-monitor-evaluate-improve';
const childDone = (type: string, stateId: string, output: Record<string, unknown>): EngineEvent => ({
  type,
  stateId: `${ID}.${stateId}`,
  outputs: [{ instanceId: `child-${type}`, output }],
});
const MONITORED = childDone('MONITORING_DONE', 'evaluating.monitoring.running', { periods: [{ ok: true }] });
const AUDITED = childDone('INTERNAL_AUDIT_DONE', 'evaluating.auditing.running', { findings: 1 });
const REVIEWED = childDone('MANAGEMENT_REVIEW_DONE', 'managementReview', { outcome: 'closed' });

describe('phase 3 — Monitor, Evaluate & Improve', () => {
  it('starts the monitoring cycle and the first internal audit side by side, no generic task', () => {
    const { effects } = startInstance(definition);
    expect(effects).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'startChildren', definitionKey: 'monitoring-cycle' }),
        expect.objectContaining({ type: 'startChildren', definitionKey: 'internal-audit' }),
      ]),
    );
    expect(effects.filter((e) => e.type === 'openTask')).toEqual([]);
    // Only the gate's rework (as in every phase) is a free-text task.
    const { rework: _rework, ...steps } = phaseMonitorEvaluateImproveWorkflow.machine.states as Record<
      string,
      unknown
    >;
    expect(JSON.stringify(steps)).not.toContain('generic-task');
  });

  it('holds the management review only once monitoring and the audit (with its nonconformities) are done', () => {
    const monitoredOnly = replay(definition, {}, [MONITORED]);
    expect(monitoredOnly.value).toEqual({ evaluating: { monitoring: 'done', auditing: 'running' } });
    // One region's done event never completes the other.
    const wrongRegion = replay(definition, {}, [
      { ...MONITORED, stateId: `${ID}.evaluating.auditing.running` },
    ]);
    expect(wrongRegion.value).toEqual({ evaluating: { monitoring: 'running', auditing: 'running' } });
    const both = replay(definition, {}, [MONITORED, AUDITED]);
    expect(both.value).toBe('managementReview');
    expect(both.effects).toContainEqual(
      expect.objectContaining({ type: 'startChildren', definitionKey: 'management-review' }),
    );
  });

  it('passes once top management signs the gate, keeping what each process produced', () => {
    const beforeGate = replay(definition, {}, [AUDITED, MONITORED, REVIEWED]);
    expect(beforeGate.value).toBe('gate');
    const result = replay(definition, {}, [
      AUDITED,
      MONITORED,
      REVIEWED,
      { type: 'APPROVED', stateId: `${ID}.gate` },
    ]);
    expect(result).toMatchObject({
      status: 'done',
      outcome: 'passed',
      output: {
        monitoring: { periods: [{ ok: true }] },
        internalAudit: { findings: 1 },
        managementReview: { outcome: 'closed' },
      },
    });
  });

  it('reworks a rejected gate and asks for sign-off again', () => {
    const rejected = replay(definition, {}, [
      MONITORED,
      AUDITED,
      REVIEWED,
      { type: 'REJECTED', stateId: `${ID}.gate`, data: { comment: 'no evidence of 9.1 results' } },
    ]);
    expect(rejected.value).toBe('rework');
    expect(rejected.effects).toContainEqual(
      expect.objectContaining({ type: 'openTask', stateId: `${ID}.rework` }),
    );
  });
});
