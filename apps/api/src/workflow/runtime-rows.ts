import type { ProcessInstance } from './process-instance.entity';
import type { Task } from './task.entity';

/** Entity property → column, for the runtime's hand-written SQL (TypeORM keeps the entities and migrations). */
const TASK_COLUMNS: Record<keyof Omit<Task, 'processInstanceFK'>, string> = {
  id: 'id',
  organizationId: 'organization_id',
  instanceId: 'instance_id',
  definitionKey: 'definition_key',
  stateId: 'state_id',
  title: 'title',
  formKey: 'form_key',
  formVersion: 'form_version',
  completeEvent: 'complete_event',
  assigneeId: 'assignee_id',
  delegateId: 'delegate_id',
  candidateRole: 'candidate_role',
  candidateGroupId: 'candidate_group_id',
  status: 'status',
  priority: 'priority',
  dueAt: 'due_at',
  data: 'data',
  completedBy: 'completed_by',
  completedFor: 'completed_for',
  approvalId: 'approval_id',
  approvalLevel: 'approval_level',
  escalateTo: 'escalate_to',
  completedAt: 'completed_at',
  createdAt: 'created_at',
  version: 'version',
};

const INSTANCE_COLUMNS: Record<keyof Omit<ProcessInstance, 'workflowDefinitionFK'>, string> = {
  id: 'id',
  organizationId: 'organization_id',
  definitionId: 'definition_id',
  definitionKey: 'definition_key',
  definitionVersion: 'definition_version',
  businessKey: 'business_key',
  status: 'status',
  stateValue: 'state_value',
  snapshot: 'snapshot',
  input: 'input',
  output: 'output',
  outcome: 'outcome',
  parentId: 'parent_id',
  childBatchId: 'child_batch_id',
  startedBy: 'started_by',
  version: 'version',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  endedAt: 'ended_at',
};

/** `t.state_id AS "t.stateId", …`: a table's columns under a prefix, so one row can carry two entities. */
function select(columns: Record<string, string>, alias: string): string {
  return Object.entries(columns)
    .map(([property, column]) => `${alias}.${column} AS "${alias}.${property}"`)
    .join(', ');
}

function pick<T>(row: Record<string, unknown>, columns: Record<string, string>, alias: string): T {
  return Object.fromEntries(Object.keys(columns).map((p) => [p, row[`${alias}.${p}`]])) as T;
}

/**
 * One statement for the start of a completion: the task and its instance, both locked, and the
 * transaction's clock (what now() returns throughout it).
 */
export const LOCK_TASK_AND_INSTANCE = `
  SELECT now() AS now, ${select(TASK_COLUMNS, 't')}, ${select(INSTANCE_COLUMNS, 'i')}
    FROM tasks t JOIN process_instances i ON i.id = t.instance_id
   WHERE t.id = $1 AND t.organization_id = $2
     FOR UPDATE`;

/** An instance, locked, with the transaction's clock. */
export const LOCK_INSTANCE = `
  SELECT now() AS now, ${select(INSTANCE_COLUMNS, 'i')}
    FROM process_instances i
   WHERE i.id = $1 AND i.organization_id = $2
     FOR UPDATE`;

export function lockedInstance(row: Record<string, unknown>): { now: Date; instance: ProcessInstance } {
  return { now: new Date(row.now as Date), instance: pick<ProcessInstance>(row, INSTANCE_COLUMNS, 'i') };
}

export function taskAndInstance(row: Record<string, unknown>): {
  now: Date;
  task: Task;
  instance: ProcessInstance;
} {
  return {
    now: new Date(row.now as Date),
    task: pick<Task>(row, TASK_COLUMNS, 't'),
    instance: pick<ProcessInstance>(row, INSTANCE_COLUMNS, 'i'),
  };
}
