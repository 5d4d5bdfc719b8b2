import type { WorkflowDefinitionInput } from '@aimsflow/engine';
import { reportedCaseMachine } from '../shared/reported-case';

/**
 * A concern about the organisation's AI (A.3.3), raised by anyone signed in: triaged by an AIMS
 * manager, followed up, answered to the person who raised it and to others who must know, and
 * raised as a `nonconformity` (source `complaint`) when the triage finds a requirement not met.
 * The person who raised it is recorded as its reporter, unless they raise it anonymously: then the
 * report is written in one go, the process starts with no actor, and no task, record or audit entry
 * names them (handlers see "anonymous"; nobody can be answered personally).
 */
export const concernWorkflow: WorkflowDefinitionInput = {
  key: 'concern',
  name: 'Concern about AI',
  machine: reportedCaseMachine({
    key: 'concern',
    reportForm: 'concern-report',
    reportTitle: 'Raise a concern about AI',
    descriptionField: 'details',
    nonconformitySource: 'complaint',
    triageDueIn: 'P5D',
    describe: {
      reporting: 'Say what worries you about how AI is developed, provided or used here',
      triaging: 'Judge the concern, name who follows it up, and decide whether it is a nonconformity (A.3.3)',
      responding: 'Look into the concern and act on it (A.3.3)',
      communicating: 'Answer the person who raised it, and tell others who must know (A.3.3)',
    },
  }),
};
