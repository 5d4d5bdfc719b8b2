import type { WorkflowDefinitionInput } from '@aimsflow/engine';

export interface MonitoringCycleOptions {
  /** ISO-8601 duration between two measurement tasks; tests deploy a short one. */
  period?: string;
  /**
   * Whether a missed target can raise a `nonconformity` child (one per nonconformity the results
   * name). Off for an organisation that runs nonconformities elsewhere (a definition that starts
   * one cannot be deployed without it).
   */
  raisesNonconformities?: boolean;
}

/** The period's results are kept as the last period and appended to every period's. */
const RECORD_PERIOD = [
  { type: 'assignFromForm', params: { to: 'lastPeriod' } },
  { type: 'appendToContext', params: { to: 'periods' } },
];
const KEEP_NONCONFORMITIES = [
  { type: 'appendToContext', params: { to: 'nonconformities', from: 'outputs' } },
];
/** The AIMS manager ticks "end the cycle after this period" on the results form. */
const ENDS_CYCLE = { type: 'fieldEquals', params: { field: 'endCycle', value: true } };
const ENDED_CYCLE = { type: 'contextEquals', params: { path: 'context.lastPeriod.endCycle', value: true } };

/**
 * Monitoring and measurement (9.1, A.6.2.6). The AIMS manager sets up the metrics (what, how, how
 * often, who, target, which AI system); then a durable timer opens a measurement task every
 * period, whose results feed the `measurements` register (the management review reads it) and
 * may raise nonconformities with `{ source: 'monitoring', sourceTitle, item }`. The cycle ends after
 * a period whose results say so (`endCycle`, e.g. at the end of a phase or a year), or on
 * `STOP_MONITORING` (AIMS manager, between two periods).
 */
export function monitoringCycle(options: MonitoringCycleOptions = {}): WorkflowDefinitionInput {
  const { period = 'P1M', raisesNonconformities = true } = options;
  return {
    key: 'monitoring-cycle',
    name: 'Monitoring and measurement',
    machine: {
      id: 'monitoring-cycle',
      initial: 'defining',
      context: { metrics: null, lastPeriod: null, periods: [], nonconformities: [] },
      states: {
        defining: {
          meta: {
            description: 'Decide what is measured, how, how often, by whom and against which target (9.1)',
            task: {
              form: 'monitoring-metrics',
              title: 'Set up the monitoring metrics',
              candidateRole: 'aims-manager',
              dueIn: 'P14D',
            },
          },
          on: {
            SUBMIT: { target: 'waiting', actions: [{ type: 'assignFromForm', params: { to: 'metrics' } }] },
          },
        },
        waiting: {
          meta: {
            description: `Until the next measurement, every ${period}`,
            actions: [
              {
                event: 'STOP_MONITORING',
                title: 'Stop monitoring',
                description:
                  'End this monitoring cycle now, between two measurements (no further measurement tasks open).',
                confirm: 'Stop this monitoring cycle? Its measurements so far stay in the register.',
              },
            ],
          },
          after: { [period]: 'measuring' },
          on: { STOP_MONITORING: 'stopped' },
        },
        measuring: {
          meta: {
            description: 'Record the results of the period against each target (9.1, A.6.2.6)',
            task: {
              form: 'measurement-results',
              title: 'Record this period’s monitoring results',
              candidateRole: 'aims-manager',
              dueIn: 'P7D',
            },
          },
          on: {
            SUBMIT: raisesNonconformities
              ? { target: 'raising', actions: RECORD_PERIOD }
              : [
                  { target: 'stopped', guard: ENDS_CYCLE, actions: RECORD_PERIOD },
                  { target: 'waiting', actions: RECORD_PERIOD },
                ],
          },
        },
        ...(raisesNonconformities
          ? {
              raising: {
                meta: {
                  description: 'Each missed target the results name becomes a nonconformity (10.2)',
                  subprocess: {
                    definitionKey: 'nonconformity',
                    forEach: 'context.lastPeriod.nonconformities',
                    input: { source: 'monitoring', sourceTitle: 'Monitoring and measurement' },
                  },
                },
                on: {
                  CHILDREN_DONE: [
                    { target: 'stopped', guard: ENDED_CYCLE, actions: KEEP_NONCONFORMITIES },
                    { target: 'waiting', actions: KEEP_NONCONFORMITIES },
                  ],
                },
              },
            }
          : {}),
        stopped: { type: 'final', meta: { outcome: 'stopped' }, output: { periods: '{{context.periods}}' } },
      },
    },
  };
}

/** The built-in monitoring cycle: monthly, a missed target may raise a nonconformity. */
export const monitoringCycleWorkflow: WorkflowDefinitionInput = monitoringCycle();
