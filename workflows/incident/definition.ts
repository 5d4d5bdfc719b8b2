import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { reportedCaseMachine } from '../shared/reported-case';

/**
 * An AI incident (A.8.4): reported by whoever saw it, triaged by an AIMS manager within a day,
 * responded to, communicated to those who must be told (people affected, customers, authorities),
 * and raised as a `nonconformity` (source `incident`) when the triage finds a requirement not met.
 */
export const incidentWorkflow: WorkflowDefinitionInput = {
  key: 'incident',
  name: 'AI incident',
  machine: reportedCaseMachine({
    key: 'incident',
    reportForm: 'incident-report',
    reportTitle: 'Report an AI incident',
    descriptionField: 'whatHappened',
    nonconformitySource: 'incident',
    triageDueIn: 'P1D',
    describe: {
      reporting: 'Say what happened, when, with which AI system, and who was or could be affected',
      triaging:
        'Judge how serious it is, name who responds, and decide whether it is a nonconformity (A.8.4)',
      responding: 'Stop the harm, put things right, and note what is learnt (A.8.4)',
      communicating: 'Tell those who must know: people affected, customers, authorities (A.8.3, A.8.4)',
    },
  }),
};
