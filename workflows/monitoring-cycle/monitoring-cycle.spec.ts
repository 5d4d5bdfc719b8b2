import { type WorkflowDefinitionInput, validateDefinition } from '@aimsflow/engine';
import { builtInWorkflows } from '../index';
import { findBuiltInForm } from '@aimsflow/forms';
import { simulate, type PendingWork } from '../testing/simulate';
import { monitoringCycle } from './definition';

/** Stands in for the `nonconformity` definition another branch ships; only its start input matters here. */
const placeholderNonconformity: WorkflowDefinitionInput = {
  key: 'nonconformity',
  name: 'Nonconformity (placeholder)',
  machine: { id: 'nonconformity', initial: 'closed', states: { closed: { type: 'final' } } },
};

/** The measurement example whose target was missed and which names a nonconformity. */
const breach = () =>
  structuredClone(
    findBuiltInForm('measurement-results')!.examples.valid.find(
      (e) => e.name === 'breach-raises-nonconformity',
    )!.data,
  );

/** Three periods, then the AIMS manager stops the cycle. */
const threePeriods = {
  intercept: (work: PendingWork, scope: { handled: number }) =>
    work.kind === 'timer' && scope.handled === 3 ? { type: 'STOP_MONITORING' } : undefined,
};

describe('monitoring cycle', () => {
  it('ships with the nonconformity path, listed after the nonconformity definition it starts', () => {
    const keys = builtInWorkflows.map((w) => w.key);
    expect(keys.indexOf('nonconformity')).toBeGreaterThanOrEqual(0);
    expect(keys.indexOf('monitoring-cycle')).toBeGreaterThan(keys.indexOf('nonconformity'));
    const builtIn = builtInWorkflows.find((w) => w.key === 'monitoring-cycle')!;
    expect(JSON.stringify(builtIn.machine)).toContain('"definitionKey":"nonconformity"');
    const standalone = monitoringCycle({ raisesNonconformities: false });
    const known = new Set(keys.filter((k) => k !== 'nonconformity'));
    expect(validateDefinition(standalone, { definitionExists: (k) => known.has(k) }).ok).toBe(true);
    expect(validateDefinition(monitoringCycle(), { definitionExists: (k) => known.has(k) }).ok).toBe(false);
  });

  it('hands the real nonconformity definition the start input it documents', () => {
    const { log } = simulate(
      builtInWorkflows,
      'monitoring-cycle',
      {},
      {
        ...threePeriods,
        taskData: (task) => (task.form === 'measurement-results' ? breach() : undefined),
      },
    );
    const raised = log.children.filter((c) => c.definitionKey === 'nonconformity');
    expect(raised).toHaveLength(3);
    // The nonconformity records what the monitoring said, without asking again.
    expect(log.tasks.filter((t) => t.instanceOf === 'nonconformity').map((t) => t.form)).not.toContain(
      'nonconformity-record',
    );
  });

  it('opens a measurement task each period on a durable timer of the configured length', () => {
    const cycle = monitoringCycle({ period: 'PT1S', raisesNonconformities: false });
    const { result, log } = simulate([cycle], 'monitoring-cycle', {}, threePeriods);
    expect(result).toMatchObject({ status: 'done', outcome: 'stopped' });
    expect(log.tasks.map((t) => t.form)).toEqual([
      'monitoring-metrics',
      'measurement-results',
      'measurement-results',
      'measurement-results',
    ]);
    const timers = log.events.filter((e) => e.event.type.startsWith('xstate.after.'));
    expect(timers.map((e) => e.event.type)).toEqual(
      Array(3).fill('xstate.after.PT1S.monitoring-cycle.waiting'),
    );
    expect((result.output as { periods: unknown[] }).periods).toHaveLength(3);
  });

  it('raises a nonconformity child with the agreed start input for each missed target the results name', () => {
    const cycle = monitoringCycle({ period: 'P1M' });
    const withBreach = breach();
    const { log } = simulate(
      [cycle, placeholderNonconformity],
      'monitoring-cycle',
      {},
      {
        ...threePeriods,
        taskData: (task) => (task.form === 'measurement-results' ? withBreach : undefined),
      },
    );
    const raised = log.children.filter((c) => c.definitionKey === 'nonconformity');
    expect(raised).toHaveLength(3);
    expect(raised[0].inputs).toEqual([
      {
        source: 'monitoring',
        sourceTitle: 'Monitoring and measurement',
        item: {
          title: 'Chatbot accuracy below target',
          description: '88 % against a target of 95 % after the model update.',
          grade: 'minor',
          control: 'A.6.2.6',
          evidence: 'Accuracy sample of March',
        },
      },
    ]);
  });

  it('raises nothing when every target was met', () => {
    const { log } = simulate(
      [monitoringCycle(), placeholderNonconformity],
      'monitoring-cycle',
      {},
      threePeriods,
    );
    expect(log.children.every((c) => c.inputs.length === 0)).toBe(true);
  });

  it.each([true, false])(
    'ends after a period whose results say it is the last one (raising nonconformities: %s)',
    (raisesNonconformities) => {
      const cycle = monitoringCycle({ raisesNonconformities });
      const { result, log } = simulate(
        raisesNonconformities ? [cycle, placeholderNonconformity] : [cycle],
        'monitoring-cycle',
        {},
        {
          taskData: (task) =>
            task.form === 'measurement-results'
              ? {
                  results: [{ metric: 'Chatbot answer accuracy', value: '97 %', targetMet: true }],
                  endCycle: true,
                }
              : undefined,
        },
      );
      expect(result).toMatchObject({ status: 'done', outcome: 'stopped' });
      expect(log.tasks.filter((t) => t.form === 'measurement-results')).toHaveLength(1);
    },
  );
});
