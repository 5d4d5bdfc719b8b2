import {
  compileDefinition,
  replay,
  startInstance,
  step,
  type Effect,
  type EngineEvent,
} from '@aimsflow/engine';
import { builtInWorkflows } from '../index';
import { exampleData, simulate } from '../testing/simulate';
import { phaseMaintainEnhanceWorkflow } from './definition';

const definition = compileDefinition(phaseMaintainEnhanceWorkflow);
const ID = 'phase-maintain-enhance';
// Decided in March, issued at the end of June: the deadlines follow the decision, not the issue.
const CERTIFICATE = {
  number: 'AIMS-2027-0042',
  scope: 'AI-assisted underwriting',
  decidedOn: '2027-03-15',
  issuedOn: '2027-06-30',
  expiresOn: '2030-03-14',
};
const RENEWED = {
  number: 'AIMS-2030-0107',
  decidedOn: '2030-02-20',
  issuedOn: '2030-03-01',
  expiresOn: '2033-02-19',
};
const INPUT = { certificate: CERTIFICATE, aiPolicy: { policy: { version: '1.0' } } };

type StartChildren = Extract<Effect, { type: 'startChildren' }>;
const children = (effects: readonly Effect[]) =>
  effects.filter((e): e is StartChildren => e.type === 'startChildren');
const inputOf = (effects: readonly Effect[], key: string) =>
  children(effects).find((c) => c.definitionKey === key)?.inputs[0];
const done = (type: string, year: number, region: string, output: unknown = {}): EngineEvent => ({
  type,
  stateId: `${ID}.year${year}.preparing.${region}`,
  outputs: [{ instanceId: `child-${type}`, output }],
});
const yearOneDone = (visitOutput: unknown = { outcome: 'maintained' }): EngineEvent[] => [
  done('MONITORING_DONE', 1, 'monitoring.running'),
  done('POLICY_REVIEWED', 1, 'policyReview.running'),
  done('OBJECTIVES_REVIEWED', 1, 'objectivesReview.running'),
  done('INTERNAL_AUDIT_DONE', 1, 'evaluation.internalAudit'),
  done('MANAGEMENT_REVIEW_DONE', 1, 'evaluation.managementReview'),
  done('VISIT_DONE', 1, 'visit.running', visitOutput),
];

describe('phase 5 — Maintain & Enhance', () => {
  it("computes year 1's deadlines from the certification decision, even for a certificate issued late", () => {
    const start = startInstance(definition, INPUT);
    expect((start.context as { deadlines: unknown }).deadlines).toEqual({
      year: 1,
      visitBy: '2028-03-15',
      internalAuditOpens: '2027-10-17',
      internalAuditBy: '2027-12-16',
      managementReviewBy: '2028-02-14',
    });
    expect(inputOf(start.effects, 'surveillance-audit')).toEqual({
      kind: 'surveillance',
      year: 1,
      title: 'Surveillance audit 1',
      certificate: CERTIFICATE,
      dueBy: '2028-03-15',
    });
    expect(inputOf(start.effects, 'internal-audit')).toMatchObject({
      item: { reference: 'IA-AIMS-2027-0042-Y1', startDate: '2027-10-17', endDate: '2027-12-16' },
      dueBy: '2027-12-16',
    });
  });

  it('runs the real processes each year side by side with the visit, and no minimum clock', () => {
    const start = startInstance(definition, INPUT);
    expect(children(start.effects).map((c) => c.definitionKey)).toEqual([
      'monitoring-cycle',
      'ai-policy-approval',
      'ai-objectives-approval',
      'internal-audit',
      'surveillance-audit',
    ]);
    expect(inputOf(start.effects, 'ai-policy-approval')).toEqual({ policy: { version: '1.0' } });
    expect(start.effects.filter((e) => e.type === 'scheduleTimer' || e.type === 'openTask')).toEqual([]);
    // Only the gate's rework (as in every phase) is a free-text task.
    const json = JSON.stringify(phaseMaintainEnhanceWorkflow.machine);
    expect(json.match(/generic-task/g)).toHaveLength(3);
    expect(json).not.toContain('"after"');
  });

  it('holds the management review after the internal audit, 30 days before the visit', () => {
    const audited = replay(definition, INPUT, [done('INTERNAL_AUDIT_DONE', 1, 'evaluation.internalAudit')]);
    expect(inputOf(audited.effects, 'management-review')).toEqual({ dueBy: '2028-02-14' });
  });

  it("makes the audit report and the review's minutes due on the dates derived from the visit", () => {
    const { log } = simulate(builtInWorkflows, ID, INPUT, {
      taskData: (task) =>
        task.form === 'measurement-results'
          ? { ...(exampleData('measurement-results') as object), endCycle: true }
          : undefined,
      intercept: (work, { definitionKey }) =>
        work.kind === 'children' && definitionKey === ID && work.effect.stateId.startsWith(`${ID}.year2.`)
          ? { type: 'END_PROGRAMME' }
          : undefined,
    });
    const dueOn = (stateId: string) =>
      (log.tasks.find((t) => t.stateId === stateId) as { dueOn?: unknown } | undefined)?.dueOn;
    expect(dueOn('internal-audit.approvingReport')).toBe('2027-12-16');
    expect(dueOn('management-review.holding')).toBe('2028-02-14');
    expect(dueOn('surveillance-audit.visiting')).toBe('2028-03-15');
  });

  it('signs the year off only when every process and the visit are done', () => {
    const events = yearOneDone();
    const withoutVisit = replay(definition, INPUT, events.slice(0, -1));
    expect(withoutVisit.value).toMatchObject({ year1: { preparing: { visit: 'running' } } });
    const all = replay(definition, INPUT, events);
    expect(all.value).toEqual({ year1: 'gate' });
    expect(all.context).toMatchObject({ surveillance1: { outcome: 'maintained' } });
  });

  it("anchors year 2 to the decision's second anniversary, however late year 1 finished", () => {
    const year2 = replay(definition, INPUT, [
      ...yearOneDone(),
      { type: 'APPROVED', stateId: `${ID}.year1.gate` },
    ]);
    expect(year2.value).toMatchObject({ year2: { preparing: expect.any(Object) } });
    expect(year2.context).toMatchObject({
      deadlines: { year: 2, visitBy: '2029-03-15', managementReviewBy: '2029-02-13' },
    });
    expect(inputOf(year2.effects, 'surveillance-audit')).toMatchObject({
      kind: 'surveillance',
      dueBy: '2029-03-15',
    });
  });

  it('recertifies before expiry in year 3, then starts the next cycle on the new certificate', () => {
    const visits: Array<{ title: string; dueBy: string; certificate: string }> = [];
    const { result } = simulate(builtInWorkflows, ID, INPUT, {
      taskData: (task) => {
        if (task.form === 'measurement-results')
          return { ...(exampleData('measurement-results') as object), endCycle: true };
        if (task.form === 'surveillance-report' && task.title?.startsWith('Recertification'))
          return {
            summary: 'Full-scope audit passed.',
            nonconformities: [],
            outcome: 'recertified',
            newCertificate: RENEWED,
          };
        return undefined;
      },
      intercept: (work, { definitionKey }) => {
        if (
          work.kind !== 'children' ||
          definitionKey !== ID ||
          work.effect.definitionKey !== 'surveillance-audit'
        )
          return undefined;
        const input = work.effect.inputs[0] as {
          title: string;
          dueBy: string;
          certificate: { number: string };
        };
        visits.push({ title: input.title, dueBy: input.dueBy, certificate: input.certificate.number });
        return visits.length === 4
          ? { type: 'END_PROGRAMME', data: { reason: 'end of the test' } }
          : undefined;
      },
    });
    expect(visits).toEqual([
      { title: 'Surveillance audit 1', dueBy: '2028-03-15', certificate: 'AIMS-2027-0042' },
      { title: 'Surveillance audit 2', dueBy: '2029-03-15', certificate: 'AIMS-2027-0042' },
      { title: 'Recertification audit', dueBy: '2030-03-13', certificate: 'AIMS-2027-0042' },
      { title: 'Surveillance audit 1', dueBy: '2031-02-20', certificate: 'AIMS-2030-0107' },
    ]);
    expect(result).toMatchObject({ status: 'done', outcome: 'ended', output: { certificate: RENEWED } });
  });

  it('ends the phase when the recertification does not renew the certificate', () => {
    const { result, log } = simulate(builtInWorkflows, ID, INPUT, {
      taskData: (task) =>
        task.form === 'measurement-results'
          ? { ...(exampleData('measurement-results') as object), endCycle: true }
          : undefined,
    });
    // The forms' first examples: every visit ends "maintained pending actions", so year 3 does not renew.
    expect(log.children.filter((c) => c.definitionKey === 'surveillance-audit')).toHaveLength(3);
    expect(log.children.filter((c) => c.definitionKey === 'management-review')).toHaveLength(3);
    expect(result).toMatchObject({
      status: 'done',
      outcome: 'not-recertified',
      output: { certificate: CERTIFICATE },
    });
  });

  it('ends the programme on END_PROGRAMME, cancelling the open work', () => {
    const result = step(definition, startInstance(definition, INPUT).snapshot, { type: 'END_PROGRAMME' });
    expect(result).toMatchObject({ status: 'done', outcome: 'ended' });
    expect(result.effects.map((e) => e.type)).toContain('cancelChildren');
  });
});
